import {
  DeviceArchiveInput,
  DeviceCategory,
  DeviceDto,
  DeviceInput,
  DeviceListQuery,
  DevicePatch,
  DevicePointParams,
  DeviceTypeDto,
  DeviceTypeInput,
  DeviceTypeParams,
  DeviceTypePatch,
  DeviceWithSecretDto,
  IdParams,
  LatestValueDto,
  Page,
  PointDto,
  PointPatch,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listDevicePage } from './device-queries.service.js';
import { createDeviceType, deleteDeviceType, getDeviceType, listDeviceTypes, updateDeviceType } from './device-types.service.js';
import { archiveDevice, createDevice, deviceLatest, getDevice, rotateDeviceSecret, updateDevice } from './devices.service.js';
import { updatePoint } from './points.service.js';

const tags = ['monitoring'];

/** Device types, devices, their points and credentials (监测设备). */
export const devicesRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('monitoring.read');
  const manage = app.requirePermission('monitoring.manage');

  app.get(
    '/monitoring/device-types',
    {
      schema: {
        tags,
        summary: '设备类型目录（含默认测点）',
        querystring: z.object({ category: DeviceCategory.optional() }).strict(),
        response: { 200: z.array(DeviceTypeDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listDeviceTypes(ctx, req.query.category)),
  );

  app.post(
    '/monitoring/device-types',
    { schema: { tags, summary: '新建自定义设备类型', body: DeviceTypeInput, response: { 201: DeviceTypeDto } }, preHandler: manage },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createDeviceType(ctx, req.body))),
  );

  app.get(
    '/monitoring/device-types/:code',
    { schema: { tags, summary: '设备类型详情', params: DeviceTypeParams, response: { 200: DeviceTypeDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getDeviceType(ctx, req.params.code)),
  );

  app.put(
    '/monitoring/device-types/:code',
    {
      schema: {
        tags,
        summary: '修改自定义设备类型（内置类型不可改）',
        params: DeviceTypeParams,
        body: DeviceTypePatch,
        response: { 200: DeviceTypeDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateDeviceType(ctx, req.params.code, req.body)),
  );

  app.delete(
    '/monitoring/device-types/:code',
    { schema: { tags, summary: '删除未使用的自定义设备类型', params: DeviceTypeParams }, preHandler: manage },
    async (req, reply) => {
      await app.run(req, (ctx) => deleteDeviceType(ctx, req.params.code));
      return reply.status(204).send();
    },
  );

  app.get(
    '/monitoring/devices',
    {
      schema: { tags, summary: '设备列表（筛选、排序、分页）', querystring: DeviceListQuery, response: { 200: Page(DeviceDto) } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listDevicePage(ctx, req.query)),
  );

  app.post(
    '/monitoring/devices',
    {
      schema: {
        tags,
        summary: '登记设备（按类型生成测点；设备密钥仅返回这一次）',
        body: DeviceInput,
        response: { 201: DeviceWithSecretDto },
      },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createDevice(ctx, req.body))),
  );

  app.get(
    '/monitoring/devices/:id',
    { schema: { tags, summary: '设备详情（含测点）', params: IdParams, response: { 200: DeviceDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getDevice(ctx, req.params.id)),
  );

  app.put(
    '/monitoring/devices/:id',
    {
      schema: { tags, summary: '修改设备（带版本号，过期版本 409）', params: IdParams, body: DevicePatch, response: { 200: DeviceDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateDevice(ctx, req.params.id, req.body)),
  );

  app.post(
    '/monitoring/devices/:id/archive',
    {
      schema: {
        tags,
        summary: '归档设备（须填写原因；归档后设备数据被拒收）',
        params: IdParams,
        body: DeviceArchiveInput,
        response: { 200: DeviceDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => archiveDevice(ctx, req.params.id, req.body)),
  );

  app.post(
    '/monitoring/devices/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: '更换设备密钥（新密钥仅返回这一次，旧密钥立即失效）',
        params: IdParams,
        response: { 200: DeviceWithSecretDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => rotateDeviceSecret(ctx, req.params.id)),
  );

  app.put(
    '/monitoring/devices/:id/points/:pointId',
    {
      schema: {
        tags,
        summary: '修改测点（阈值 LL < L < H < HH、量程、采样间隔、启用；带设备版本号）',
        params: DevicePointParams,
        body: PointPatch,
        response: { 200: PointDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updatePoint(ctx, req.params.id, req.params.pointId, req.body)),
  );

  app.get(
    '/monitoring/devices/:id/latest',
    { schema: { tags, summary: '设备各测点最新值', params: IdParams, response: { 200: z.array(LatestValueDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => deviceLatest(ctx, req.params.id)),
  );
};

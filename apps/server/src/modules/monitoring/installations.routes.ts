import {
  DeviceArchiveInput,
  IdParams,
  InstallationDto,
  InstallationInput,
  InstallationListQuery,
  InstallationPatch,
  Page,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  archiveInstallation,
  createInstallation,
  getInstallation,
  listInstallationPage,
  updateInstallation,
} from './installations.service.js';

const tags = ['monitoring'];

/** Major hazard installations (重大危险源, GB 18218-2018): register, grade, link points. */
export const installationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('monitoring.read');
  const manage = app.requirePermission('monitoring.manage');

  app.get(
    '/monitoring/installations',
    {
      schema: {
        tags,
        summary: '重大危险源列表（按等级、R 值排序）',
        querystring: InstallationListQuery,
        response: { 200: Page(InstallationDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listInstallationPage(ctx, req.query)),
  );

  app.post(
    '/monitoring/installations',
    {
      schema: {
        tags,
        summary: '登记重大危险源（按 GB 18218-2018 计算 S、R 与等级；临界量与 β 可按标准自动带出）',
        body: InstallationInput,
        response: { 201: InstallationDto },
      },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createInstallation(ctx, req.body))),
  );

  app.get(
    '/monitoring/installations/:id',
    { schema: { tags, summary: '重大危险源详情', params: IdParams, response: { 200: InstallationDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getInstallation(ctx, req.params.id)),
  );

  app.put(
    '/monitoring/installations/:id',
    {
      schema: {
        tags,
        summary: '修改重大危险源（带版本号；重新分级）',
        params: IdParams,
        body: InstallationPatch,
        response: { 200: InstallationDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateInstallation(ctx, req.params.id, req.body)),
  );

  app.post(
    '/monitoring/installations/:id/archive',
    {
      schema: {
        tags,
        summary: '归档重大危险源（须填写原因）',
        params: IdParams,
        body: DeviceArchiveInput,
        response: { 200: InstallationDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => archiveInstallation(ctx, req.params.id, req.body)),
  );
};

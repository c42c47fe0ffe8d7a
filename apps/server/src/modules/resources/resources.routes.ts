import {
  RESOURCE_KIND_ZH,
  ResourceArchiveInput,
  ResourceDto,
  ResourceHistoryDto,
  ResourceIdParams,
  ResourceInput,
  ResourceKindParams,
  ResourceListQuery,
  ResourcePatch,
  ResourceRestoreInput,
  ResourceSummaryDto,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, FILE_TYPES } from '../../platform/http/files.js';
import { fileStamp } from './resource-export.js';
import { exportResources, listResourcePage } from './resource-queries.service.js';
import {
  archiveResource,
  createResource,
  getResource,
  resourceHistory,
  resourceSummary,
  restoreResource,
  updateResource,
} from './resources.service.js';

const tags = ['resources'];

/** Registries of emergency resources (应急资源): teams, experts, warehouses, shelters, equipment, hazards, targets. */
export const resourcesRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('resource.read');
  const manage = app.requirePermission('resource.manage');

  app.get(
    '/resources/summary',
    { schema: { tags, summary: '各类资源数量（按状态）', response: { 200: ResourceSummaryDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => resourceSummary(ctx)),
  );

  app.get(
    '/resources/:kind',
    {
      schema: {
        tags,
        summary: '资源列表（筛选、排序、分页；format=xlsx|csv 导出全部筛选结果，最多 5 万行）',
        params: ResourceKindParams,
        querystring: ResourceListQuery,
      },
      preHandler: read,
    },
    async (req, reply) => {
      const { kind } = req.params;
      const format = req.query.format;
      if (format === 'json') return app.run(req, (ctx) => listResourcePage(ctx, kind, req.query));
      const file = await app.run(req, (ctx) => exportResources(ctx, kind, req.query, format));
      const zh = `${RESOURCE_KIND_ZH[kind]}-${fileStamp(app.platform.clock.now())}.${format}`;
      return reply
        .header('content-type', FILE_TYPES[format])
        .header('content-disposition', contentDisposition(zh, { ascii: `${kind}.${format}` }))
        .header('x-total-count', String(file.rows))
        .header('x-truncated', String(file.truncated))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.post(
    '/resources/:kind',
    {
      schema: { tags, summary: '新建资源', params: ResourceKindParams, body: ResourceInput, response: { 201: ResourceDto } },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createResource(ctx, req.params.kind, req.body))),
  );

  app.get(
    '/resources/:kind/:id',
    {
      schema: {
        tags,
        summary: '资源详情（持 expert.contact.read 时显示专家完整联系方式，并记入审计）',
        params: ResourceIdParams,
        response: { 200: ResourceDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => getResource(ctx, req.params.kind, req.params.id)),
  );

  app.put(
    '/resources/:kind/:id',
    {
      schema: {
        tags,
        summary: '修改资源（带版本号，过期版本 409）',
        params: ResourceIdParams,
        body: ResourcePatch,
        response: { 200: ResourceDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateResource(ctx, req.params.kind, req.params.id, req.body)),
  );

  app.post(
    '/resources/:kind/:id/archive',
    {
      schema: {
        tags,
        summary: '归档资源（须填写原因）',
        params: ResourceIdParams,
        body: ResourceArchiveInput,
        response: { 200: ResourceDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => archiveResource(ctx, req.params.kind, req.params.id, req.body)),
  );

  app.post(
    '/resources/:kind/:id/restore',
    {
      schema: { tags, summary: '恢复已归档的资源', params: ResourceIdParams, body: ResourceRestoreInput, response: { 200: ResourceDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => restoreResource(ctx, req.params.kind, req.params.id, req.body)),
  );

  app.get(
    '/resources/:kind/:id/history',
    {
      schema: { tags, summary: '资源变更历史', params: ResourceIdParams, response: { 200: z.array(ResourceHistoryDto) } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => resourceHistory(ctx, req.params.kind, req.params.id)),
  );
};

import {
  ApproveWarningInput,
  CreateWarningInput,
  IdParams,
  Page,
  UpdateWarningInput,
  WarningDto,
  WarningListQuery,
  WarningReasonInput,
  WarningTypeDto,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createWarning, reviseWarning, updateWarning } from './warning-draft.service.js';
import { getWarning, listWarningPage, listWarningTypes, warningMap } from './warning-queries.service.js';
import { approveWarning, cancelWarning, publishWarning, rejectWarning, submitWarning } from './warning-workflow.service.js';

const tags = ['warnings'];

/** Warning authoring and workflow (预警信息发布): draft, edit, submit, approve or reject, publish, update, cancel. */
export const warningsRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('warning.read');
  const draft = app.requirePermission('warning.draft');
  const approve = app.requirePermission('warning.approve');

  app.get(
    '/warnings/types',
    {
      schema: {
        tags,
        summary: '预警类型（允许的颜色级别与防御指南模板）',
        response: { 200: z.object({ items: z.array(WarningTypeDto) }) },
      },
      preHandler: read,
    },
    async (req) => ({ items: await app.run(req, (ctx) => listWarningTypes(ctx)) }),
  );

  app.get(
    '/warnings',
    {
      schema: {
        tags,
        summary: '预警列表（状态、颜色、类型、时间、来源筛选）',
        querystring: WarningListQuery,
        response: { 200: Page(WarningDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listWarningPage(ctx, req.query)),
  );

  app.get(
    '/warnings/map',
    { schema: { tags, summary: '生效中的预警范围（GeoJSON，含内部与外部预警、签名状态）' }, preHandler: read },
    async (req) => app.run(req, (ctx) => warningMap(ctx)),
  );

  app.post(
    '/warnings',
    { schema: { tags, summary: '编制预警（草稿）', body: CreateWarningInput, response: { 201: WarningDto } }, preHandler: draft },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createWarning(ctx, req.body))),
  );

  app.get(
    '/warnings/:id',
    { schema: { tags, summary: '预警详情（含可执行操作）', params: IdParams, response: { 200: WarningDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getWarning(ctx, req.params.id)),
  );

  app.put(
    '/warnings/:id',
    {
      schema: { tags, summary: '修改预警草稿', params: IdParams, body: UpdateWarningInput, response: { 200: WarningDto } },
      preHandler: draft,
    },
    async (req) => app.run(req, (ctx) => updateWarning(ctx, req.params.id, req.body)),
  );

  app.post(
    '/warnings/:id/submit',
    { schema: { tags, summary: '提交审批', params: IdParams, response: { 200: WarningDto } }, preHandler: draft },
    async (req) => app.run(req, (ctx) => submitWarning(ctx, req.params.id)),
  );

  app.post(
    '/warnings/:id/approve',
    {
      schema: {
        tags,
        summary: '审批通过（审批人须非编制人；橙色、红色须领导审批；可同时发布）',
        params: IdParams,
        body: ApproveWarningInput,
        response: { 200: WarningDto },
      },
      preHandler: approve,
    },
    async (req) => app.run(req, (ctx) => approveWarning(ctx, req.params.id, req.body ?? {})),
  );

  app.post(
    '/warnings/:id/reject',
    {
      schema: { tags, summary: '退回修改（须填写理由）', params: IdParams, body: WarningReasonInput, response: { 200: WarningDto } },
      preHandler: approve,
    },
    async (req) => app.run(req, (ctx) => rejectWarning(ctx, req.params.id, req.body)),
  );

  app.post(
    '/warnings/:id/publish',
    { schema: { tags, summary: '发布已审批的预警', params: IdParams, response: { 200: WarningDto } }, preHandler: draft },
    async (req) => app.run(req, (ctx) => publishWarning(ctx, req.params.id)),
  );

  app.post(
    '/warnings/:id/cancel',
    {
      schema: {
        tags,
        summary: '解除预警（或撤回未发布的预警，须填写理由）',
        params: IdParams,
        body: WarningReasonInput,
        response: { 200: WarningDto },
      },
      preHandler: approve,
    },
    async (req) => app.run(req, (ctx) => cancelWarning(ctx, req.params.id, req.body)),
  );

  app.post(
    '/warnings/:id/revise',
    {
      schema: { tags, summary: '更新已发布的预警：生成引用原预警的新版本草稿', params: IdParams, response: { 201: WarningDto } },
      preHandler: draft,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => reviseWarning(ctx, req.params.id))),
  );
};

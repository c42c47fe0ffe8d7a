import multipart from '@fastify/multipart';
import {
  CreatePlanInput,
  IdParams,
  Page,
  PlanDiffDto,
  PlanDiffQuery,
  PlanDto,
  PlanImportQuery,
  PlanListQuery,
  PlanMatchQuery,
  PlanMatchResultDto,
  PlanRejectInput,
  PlanStepInput,
  UpdatePlanInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload, XLSX_TYPE } from '../../platform/http/files.js';
import { invalid } from '../../platform/errors.js';
import { matchPlansForIncident } from './plan-match.service.js';
import { exportPlanJson, exportPlanXlsx, importPlan, type PlanUpload } from './plan-transfer.service.js';
import { activatePlan, approvePlan, rejectPlan, retirePlan, submitPlan } from './plan-workflow.service.js';
import { createPlan, diffPlan, getPlan, listPlanPage, newVersion, planHistory, updatePlan } from './plans.service.js';

const tags = ['plans'];
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Digital plans (数字预案): authoring, versions and approval, matching, import and export, diff. */
export const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 2, parts: 3 } });
  const read = app.requirePermission('plan.read');
  const manage = app.requirePermission('plan.manage');
  const approve = app.requirePermission('plan.approve');
  const one = { params: IdParams, response: { 200: PlanDto } };

  app.get(
    '/plans',
    {
      schema: {
        tags,
        summary: '预案列表（名称、状态、层级、类型、事件类型筛选）',
        querystring: PlanListQuery,
        response: { 200: Page(PlanDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listPlanPage(ctx, req.query)),
  );

  app.post(
    '/plans',
    { schema: { tags, summary: '编制预案（草稿，第 1 版）', body: CreatePlanInput, response: { 201: PlanDto } }, preHandler: manage },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createPlan(ctx, req.body))),
  );

  app.get(
    '/plans/match',
    {
      schema: {
        tags,
        summary: '按事件匹配实施中的预案，建议响应级别并列出满足与未满足的启动条件',
        querystring: PlanMatchQuery,
        response: { 200: PlanMatchResultDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => matchPlansForIncident(ctx, req.query)),
  );

  app.post(
    '/plans/import',
    {
      schema: {
        tags,
        summary: '导入预案（JSON 导出文件作为请求体，或 multipart 字段 file 上传 .xlsx / .json），生成草稿',
        querystring: PlanImportQuery,
        response: { 201: PlanDto },
      },
      preHandler: manage,
    },
    async (req, reply) => {
      let upload: PlanUpload;
      if (req.isMultipart()) {
        const part = await req.file({ throwFileSizeLimit: true });
        if (!part || part.fieldname !== 'file') invalid('file', '请在 multipart 字段 file 中上传预案文件');
        upload = { kind: 'file', data: await part.toBuffer() };
      } else {
        if (req.body === undefined || req.body === null) invalid('body', '请上传预案文件（JSON 或 Excel）');
        upload = { kind: 'json', value: req.body, field: 'body' };
      }
      return reply.status(201).send(await app.run(req, (ctx) => importPlan(ctx, req.query.orgId, upload)));
    },
  );

  app.get('/plans/:id', { schema: { tags, summary: '预案详情（含可执行操作）', ...one }, preHandler: read }, async (req) =>
    app.run(req, (ctx) => getPlan(ctx, req.params.id)),
  );

  app.put(
    '/plans/:id',
    {
      schema: {
        tags,
        summary: '修改预案草稿（revision 不一致返回 409）',
        params: IdParams,
        body: UpdatePlanInput,
        response: { 200: PlanDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updatePlan(ctx, req.params.id, req.body)),
  );

  app.get(
    '/plans/:id/versions',
    {
      schema: { tags, summary: '预案的全部版本（新版本在前）', params: IdParams, response: { 200: z.object({ items: z.array(PlanDto) }) } },
      preHandler: read,
    },
    async (req) => ({ items: await app.run(req, (ctx) => planHistory(ctx, req.params.id)) }),
  );

  app.post(
    '/plans/:id/versions',
    {
      schema: { tags, summary: '基于已批准或实施中的版本创建新版本草稿（复制内容）', params: IdParams, response: { 201: PlanDto } },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => newVersion(ctx, req.params.id))),
  );

  app.get(
    '/plans/:id/diff',
    {
      schema: {
        tags,
        summary: '版本比对：从 against 版本到本版本的变化',
        params: IdParams,
        querystring: PlanDiffQuery,
        response: { 200: PlanDiffDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => diffPlan(ctx, req.params.id, req.query.against)),
  );

  app.get(
    '/plans/:id/export.json',
    { schema: { tags, summary: '导出预案（JSON）', params: IdParams }, preHandler: read },
    async (req, reply) => {
      const { doc, fileName } = await app.run(req, (ctx) => exportPlanJson(ctx, req.params.id));
      return sendDownload(reply, JSON.stringify(doc, null, 2), 'application/json; charset=utf-8', 'plan.json', fileName);
    },
  );

  app.get(
    '/plans/:id/export.xlsx',
    { schema: { tags, summary: '导出预案（Excel：基本信息、响应分级、任务清单）', params: IdParams }, preHandler: read },
    async (req, reply) => {
      const { data, fileName } = await app.run(req, (ctx) => exportPlanXlsx(ctx, req.params.id));
      return sendDownload(reply, data, XLSX_TYPE, 'plan.xlsx', fileName);
    },
  );

  app.post('/plans/:id/submit', { schema: { tags, summary: '提交审批', ...one, body: PlanStepInput }, preHandler: manage }, async (req) =>
    app.run(req, (ctx) => submitPlan(ctx, req.params.id, req.body)),
  );

  app.post(
    '/plans/:id/approve',
    { schema: { tags, summary: '审批通过（审批人须非编制人、提交人）', ...one, body: PlanStepInput }, preHandler: approve },
    async (req) => app.run(req, (ctx) => approvePlan(ctx, req.params.id, req.body)),
  );

  app.post(
    '/plans/:id/reject',
    { schema: { tags, summary: '退回修改（须填写理由）', ...one, body: PlanRejectInput }, preHandler: approve },
    async (req) => app.run(req, (ctx) => rejectPlan(ctx, req.params.id, req.body)),
  );

  app.post(
    '/plans/:id/activate',
    { schema: { tags, summary: '发布实施（同一预案原实施版本自动废止）', ...one, body: PlanStepInput }, preHandler: approve },
    async (req) => app.run(req, (ctx) => activatePlan(ctx, req.params.id, req.body)),
  );

  app.post('/plans/:id/retire', { schema: { tags, summary: '废止', ...one, body: PlanStepInput }, preHandler: approve }, async (req) =>
    app.run(req, (ctx) => retirePlan(ctx, req.params.id, req.body)),
  );
};

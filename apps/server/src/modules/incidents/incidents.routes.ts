import {
  ChangeIncidentStatusInput,
  CreateIncidentInput,
  GradingRulesDto,
  IdParams,
  IncidentDto,
  IncidentExportQuery,
  IncidentGeoQuery,
  IncidentListQuery,
  IncidentTimelineEntryDto,
  MergeIncidentInput,
  OverrideGradeInput,
  Page,
  PutGradingRulesInput,
  TimelineQuery,
  UpdateIncidentInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getGradingRules, putGradingRules } from './grading-rules.service.js';
import { createIncident } from './incident-create.service.js';
import { exportIncidentRows, getIncident, incidentFeatures, incidentTimeline, listIncidentPage } from './incident-queries.service.js';
import { changeIncidentStatus, mergeIncident } from './incident-status.service.js';
import { overrideGrade, updateIncident } from './incident-update.service.js';
import { incidentsWorkbook } from './incidents-xlsx.js';
import { contentDisposition, XLSX_TYPE } from '../../platform/http/files.js';

const tags = ['incidents'];

/** Incident intake (信息接报): record, list, map, export, correct, grade, move through the lifecycle. */
export const incidentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('incident.read');
  const update = app.requirePermission('incident.update');

  app.post(
    '/incidents',
    {
      schema: {
        tags,
        summary: '事件接报（会话或 110/119/120/12345 等外部系统的接口令牌；外部编号幂等）',
        body: CreateIncidentInput,
        response: { 200: IncidentDto, 201: IncidentDto },
      },
      preHandler: app.requirePermission('incident.create'),
    },
    async (req, reply) => {
      const r = await app.run(req, (ctx) => createIncident(ctx, req.body));
      return reply.status(r.created ? 201 : 200).send(r.incident);
    },
  );

  app.get(
    '/incidents',
    { schema: { tags, summary: '事件列表', querystring: IncidentListQuery, response: { 200: Page(IncidentDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listIncidentPage(ctx, req.query)),
  );

  app.get(
    '/incidents.geojson',
    { schema: { tags, summary: '事件分布（GeoJSON，最多 5000 个）', querystring: IncidentGeoQuery }, preHandler: read },
    async (req) => app.run(req, (ctx) => incidentFeatures(ctx, req.query)),
  );

  app.get(
    '/incidents/export',
    { schema: { tags, summary: '导出事件（xlsx）', querystring: IncidentExportQuery }, preHandler: read },
    async (req, reply) => {
      const rows = await app.run(req, (ctx) => exportIncidentRows(ctx, req.query));
      const stamp = new Date(app.platform.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(`事件列表-${stamp}.xlsx`, { ascii: 'incidents.xlsx' }))
        .header('x-total-count', String(rows.length))
        .header('cache-control', 'no-store')
        .send(await incidentsWorkbook(rows));
    },
  );

  app.get(
    '/incidents/grading-rules',
    { schema: { tags, summary: '事件定级规则', response: { 200: GradingRulesDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getGradingRules(ctx)),
  );

  app.put(
    '/incidents/grading-rules',
    {
      schema: { tags, summary: '修改定级规则（市级定级权限）', body: PutGradingRulesInput, response: { 200: GradingRulesDto } },
      preHandler: app.requirePermission('incident.grade'),
    },
    async (req) => app.run(req, (ctx) => putGradingRules(ctx, req.body)),
  );

  app.get(
    '/incidents/:id',
    { schema: { tags, summary: '事件详情（含可执行操作）', params: IdParams, response: { 200: IncidentDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getIncident(ctx, req.params.id)),
  );

  app.patch(
    '/incidents/:id',
    {
      schema: { tags, summary: '更新事件信息（带版本号）', params: IdParams, body: UpdateIncidentInput, response: { 200: IncidentDto } },
      preHandler: update,
    },
    async (req) => app.run(req, (ctx) => updateIncident(ctx, req.params.id, req.body)),
  );

  app.post(
    '/incidents/:id/status',
    {
      schema: { tags, summary: '变更事件状态', params: IdParams, body: ChangeIncidentStatusInput, response: { 200: IncidentDto } },
      preHandler: update,
    },
    async (req) => app.run(req, (ctx) => changeIncidentStatus(ctx, req.params.id, req.body)),
  );

  app.post(
    '/incidents/:id/merge',
    {
      schema: { tags, summary: '合并重复事件', params: IdParams, body: MergeIncidentInput, response: { 200: IncidentDto } },
      preHandler: update,
    },
    async (req) => app.run(req, (ctx) => mergeIncident(ctx, req.params.id, req.body)),
  );

  app.post(
    '/incidents/:id/grade',
    {
      schema: {
        tags,
        summary: '人工调整事件等级（须填写理由）',
        params: IdParams,
        body: OverrideGradeInput,
        response: { 200: IncidentDto },
      },
      preHandler: app.requirePermission('incident.grade'),
    },
    async (req) => app.run(req, (ctx) => overrideGrade(ctx, req.params.id, req.body)),
  );

  app.get(
    '/incidents/:id/timeline',
    {
      schema: {
        tags,
        summary: '事件时间线',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: Page(IncidentTimelineEntryDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => incidentTimeline(ctx, req.params.id, req.query)),
  );
};

import {
  DeadlineDto,
  ForwardReportInput,
  IdParams,
  InboxQuery,
  OverdueQuery,
  Page,
  ReportChainDto,
  ReportDto,
  ReportStatsDto,
  ReportStatsExportQuery,
  ReportStatsQuery,
  SubmitReportInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOverdue } from './deadlines.service.js';
import * as reports from './reports.service.js';
import { statsWorkbook } from './stats-xlsx.js';
import { lateDetails, reportStats } from './stats.service.js';
import { contentDisposition, XLSX_TYPE } from '../../platform/http/files.js';

const DETAIL_LIMIT = 5000;

/** The reporting chain: submit, acknowledge, forward, the inbox, the overdue board and statistics. */
export const reportingRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('incident.read');
  const report = app.requirePermission('incident.report');

  app.post(
    '/incidents/:id/reports',
    {
      schema: {
        tags: ['reporting'],
        summary: '报送（首报/续报/补报/终报）',
        params: IdParams,
        body: SubmitReportInput,
        response: { 201: ReportDto },
      },
      preHandler: report,
    },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => reports.submitReport(ctx, req.params.id, req.body))),
  );

  app.get(
    '/incidents/:id/reports',
    {
      schema: { tags: ['reporting'], summary: '事件报送链（含签收与时限）', params: IdParams, response: { 200: ReportChainDto } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => reports.reportChain(ctx, req.params.id)),
  );

  app.post(
    '/reports/:id/ack',
    { schema: { tags: ['reporting'], summary: '签收报告', params: IdParams, response: { 200: ReportDto } }, preHandler: report },
    async (req) => app.run(req, (ctx) => reports.acknowledgeReport(ctx, req.params.id)),
  );

  app.post(
    '/reports/:id/forward',
    {
      schema: {
        tags: ['reporting'],
        summary: '转报上级',
        params: IdParams,
        body: ForwardReportInput.optional(),
        response: { 201: ReportDto },
      },
      preHandler: report,
    },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => reports.forwardReport(ctx, req.params.id, req.body?.text))),
  );

  app.get(
    '/reports/inbox',
    {
      schema: { tags: ['reporting'], summary: '本单位收到的报告', querystring: InboxQuery, response: { 200: Page(ReportDto) } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => reports.listInbox(ctx, req.query)),
  );

  app.get(
    '/reports/overdue',
    {
      schema: { tags: ['reporting'], summary: '迟报看板', querystring: OverdueQuery, response: { 200: Page(DeadlineDto) } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listOverdue(ctx, req.query)),
  );

  app.get(
    '/reports/stats',
    {
      schema: { tags: ['reporting'], summary: '报送及时率统计', querystring: ReportStatsQuery, response: { 200: ReportStatsDto } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => reportStats(ctx, req.query)),
  );

  app.get(
    '/reports/stats/export',
    { schema: { tags: ['reporting'], summary: '导出报送及时率（xlsx）', querystring: ReportStatsExportQuery }, preHandler: read },
    async (req, reply) => {
      const { format: _format, ...q } = req.query;
      const { stats, late } = await app.run(req, async (ctx) => ({
        stats: await reportStats(ctx, q),
        late: await lateDetails(ctx, q, DETAIL_LIMIT),
      }));
      const body = await statsWorkbook(stats, late);
      const name = `报送及时率-${stats.from.slice(0, 10)}-${stats.to.slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(name, { ascii: 'report-stats.xlsx' }))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};

import {
  CreateDutyCheckInput,
  CreateDutyLogInput,
  CreateHandoverInput,
  DailyReportDto,
  DailyReportQuery,
  DutyBoardDto,
  DutyCheckDto,
  DutyCheckQuery,
  DutyCheckStatsDto,
  DutyCheckStatsQuery,
  DutyLogDto,
  DutyLogQuery,
  DutyNowQuery,
  DutySettingsDto,
  DutyShiftDto,
  HandoverDto,
  HandoverQuery,
  IdParams,
  Page,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as board from './board.service.js';
import * as checks from './checks.service.js';
import { dailyReportPdf } from './daily-report-pdf.js';
import { dailyReportXlsx } from './daily-report-xlsx.js';
import { dailyReport } from './daily-report.service.js';
import * as handovers from './handovers.service.js';
import * as log from './log.service.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/files.js';

const tags = ['duty'];

/** The desk at work: on-duty board, sign-in/out, handovers, duty log, checks, daily report, settings. */
export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('duty.read');
  const sign = app.requirePermission('duty.sign');

  app.get(
    '/duty/now',
    {
      schema: { tags, summary: '当前在岗（值班一览）', querystring: DutyNowQuery, response: { 200: DutyBoardDto } },
      preHandler: app.requireAuth,
    },
    async (req) => app.run(req, (ctx) => board.dutyBoard(ctx, req.query.orgId)),
  );

  app.post(
    '/duty/shifts/:id/sign-in',
    { schema: { tags, summary: '值班签到', params: IdParams, response: { 200: DutyShiftDto } }, preHandler: sign },
    async (req) => app.run(req, (ctx) => board.signIn(ctx, req.params.id)),
  );

  app.post(
    '/duty/shifts/:id/sign-out',
    { schema: { tags, summary: '值班签退', params: IdParams, response: { 200: DutyShiftDto } }, preHandler: sign },
    async (req) => app.run(req, (ctx) => board.signOut(ctx, req.params.id)),
  );

  app.get(
    '/duty/handovers',
    { schema: { tags, summary: '交接班记录', querystring: HandoverQuery, response: { 200: Page(HandoverDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => handovers.listHandovers(ctx, req.query)),
  );

  app.post(
    '/duty/handovers',
    { schema: { tags, summary: '交班', body: CreateHandoverInput, response: { 201: HandoverDto } }, preHandler: sign },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => handovers.createHandover(ctx, req.body))),
  );

  app.get(
    '/duty/handovers/:id',
    { schema: { tags, summary: '交接班详情', params: IdParams, response: { 200: HandoverDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => handovers.getHandover(ctx, req.params.id)),
  );

  app.post(
    '/duty/handovers/:id/countersign',
    { schema: { tags, summary: '接班签收', params: IdParams, response: { 200: HandoverDto } }, preHandler: sign },
    async (req) => app.run(req, (ctx) => handovers.countersignHandover(ctx, req.params.id)),
  );

  app.get(
    '/duty/log',
    { schema: { tags, summary: '值班日志', querystring: DutyLogQuery, response: { 200: Page(DutyLogDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => log.listLog(ctx, req.query)),
  );

  app.post(
    '/duty/log',
    { schema: { tags, summary: '记录值班日志', body: CreateDutyLogInput, response: { 201: DutyLogDto } }, preHandler: sign },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => log.createLogEntry(ctx, req.body))),
  );

  app.get(
    '/duty/checks',
    { schema: { tags, summary: '查岗记录', querystring: DutyCheckQuery, response: { 200: Page(DutyCheckDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => checks.listChecks(ctx, req.query)),
  );

  app.get(
    '/duty/checks/stats',
    { schema: { tags, summary: '查岗响应统计', querystring: DutyCheckStatsQuery, response: { 200: DutyCheckStatsDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => checks.checkStats(ctx, req.query)),
  );

  app.post(
    '/duty/checks',
    {
      schema: { tags, summary: '查岗', body: CreateDutyCheckInput, response: { 201: DutyCheckDto } },
      preHandler: app.requirePermission('duty.manage'),
    },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => checks.sendCheck(ctx, req.body))),
  );

  app.get(
    '/duty/checks/:id',
    { schema: { tags, summary: '查岗详情', params: IdParams, response: { 200: DutyCheckDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => checks.getCheck(ctx, req.params.id)),
  );

  app.post(
    '/duty/checks/:id/ack',
    { schema: { tags, summary: '查岗应答', params: IdParams, response: { 200: DutyCheckDto } }, preHandler: sign },
    async (req) => app.run(req, (ctx) => checks.ackCheck(ctx, req.params.id)),
  );

  app.get('/duty/settings', { schema: { tags, summary: '值班设置', response: { 200: DutySettingsDto } }, preHandler: read }, async () =>
    checks.dutySettings(app.platform.db),
  );

  app.put(
    '/duty/settings',
    {
      schema: { tags, summary: '修改值班设置', body: DutySettingsDto, response: { 200: DutySettingsDto } },
      preHandler: app.requirePermission('config.manage'),
    },
    async (req) => app.run(req, (ctx) => checks.updateDutySettings(ctx, req.body)),
  );

  app.get(
    '/duty/daily-report',
    { schema: { tags, summary: '值班日报（json / xlsx / pdf）', querystring: DailyReportQuery }, preHandler: read },
    async (req, reply) => {
      const report = await app.run(req, (ctx) => dailyReport(ctx, req.query));
      const name = `值班日报-${report.org.name}-${report.date}`;
      if (req.query.format === 'xlsx')
        return sendDownload(reply, await dailyReportXlsx(report), XLSX_TYPE, `duty-report-${report.date}.xlsx`, `${name}.xlsx`);
      if (req.query.format === 'pdf')
        return sendDownload(reply, await dailyReportPdf(report), 'application/pdf', `duty-report-${report.date}.pdf`, `${name}.pdf`);
      return DailyReportDto.parse(report);
    },
  );
};

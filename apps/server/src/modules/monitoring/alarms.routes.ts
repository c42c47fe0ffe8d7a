import {
  AlarmAckInput,
  AlarmAssignInput,
  AlarmCloseInput,
  AlarmCommentInput,
  AlarmConvertInput,
  AlarmDetailDto,
  AlarmDto,
  AlarmEscalateInput,
  AlarmFalseInput,
  AlarmIncidentDraft,
  AlarmListQuery,
  AlarmStatsDto,
  AlarmStatsQuery,
  DashboardDevicesDto,
  DashboardMapQuery,
  IdParams,
  Page,
  ReadingSeriesDto,
  ReadingSeriesQuery,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { convertAlarm, incidentDraft } from './alarm-convert.service.js';
import { getAlarm, listAlarms } from './alarm-queries.service.js';
import { alarmStats, dashboardDevices, pointSeries } from './alarm-stats.service.js';
import {
  acknowledgeAlarm,
  alarmAssignees,
  assignAlarm,
  closeAlarm,
  commentAlarm,
  escalateAlarmNow,
  labelFalseAlarm,
} from './alarms.service.js';

const tags = ['monitoring'];
const AlarmPage = Page(AlarmDto);

/** Alarms (list, detail, lifecycle actions, conversion to an incident), statistics, trends and the dashboard map. */
export const alarmsRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('monitoring.read');
  const handle = app.requirePermission('alarm.handle');

  app.get(
    '/monitoring/alarms',
    {
      schema: {
        tags,
        summary: '报警列表（按状态、级别、类型、企业、区县、时间筛选，分页）',
        querystring: AlarmListQuery,
        response: { 200: AlarmPage },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listAlarms(ctx, req.query)),
  );

  app.get(
    '/monitoring/alarms/:id',
    { schema: { tags, summary: '报警详情与处置记录', params: IdParams, response: { 200: AlarmDetailDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getAlarm(ctx, req.params.id)),
  );

  const post = (summary: string) => ({ tags, summary, params: IdParams, response: { 200: AlarmDto } });

  app.post(
    '/monitoring/alarms/:id/acknowledge',
    { schema: { ...post('确认报警（停止升级）'), body: AlarmAckInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => acknowledgeAlarm(ctx, req.params.id, req.body)),
  );
  app.post(
    '/monitoring/alarms/:id/assign',
    { schema: { ...post('指派处置人（站内通知）'), body: AlarmAssignInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => assignAlarm(ctx, req.params.id, req.body)),
  );
  app.post(
    '/monitoring/alarms/:id/comment',
    { schema: { ...post('添加处置记录'), body: AlarmCommentInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => commentAlarm(ctx, req.params.id, req.body)),
  );
  app.post(
    '/monitoring/alarms/:id/escalate',
    { schema: { ...post('手动升级到下一级'), body: AlarmEscalateInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => escalateAlarmNow(ctx, req.params.id, req.body)),
  );
  app.post(
    '/monitoring/alarms/:id/close',
    { schema: { ...post('关闭报警（须先确认）'), body: AlarmCloseInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => closeAlarm(ctx, req.params.id, req.body)),
  );
  app.post(
    '/monitoring/alarms/:id/false-alarm',
    { schema: { ...post('标记或取消误报'), body: AlarmFalseInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => labelFalseAlarm(ctx, req.params.id, req.body)),
  );
  app.post(
    '/monitoring/alarms/:id/convert',
    { schema: { ...post('转为事件（预填并关联）'), body: AlarmConvertInput }, preHandler: handle },
    async (req) => app.run(req, (ctx) => convertAlarm(ctx, req.params.id, req.body)),
  );

  app.get(
    '/monitoring/alarms/:id/incident-draft',
    { schema: { tags, summary: '转为事件的预填内容', params: IdParams, response: { 200: AlarmIncidentDraft } }, preHandler: handle },
    async (req) => app.run(req, (ctx) => incidentDraft(ctx, req.params.id)),
  );

  app.get(
    '/monitoring/alarms/:id/assignees',
    {
      schema: {
        tags,
        summary: '可指派的处置人（可处置该报警的在岗用户）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string() })) }) },
      },
      preHandler: handle,
    },
    async (req) => app.run(req, async (ctx) => ({ items: await alarmAssignees(ctx, req.params.id) })),
  );

  app.get(
    '/monitoring/alarm-stats',
    {
      schema: {
        tags,
        summary: '报警统计：企业、设备类型、区县，MTTA/MTTR，误报率，设备在线率',
        querystring: AlarmStatsQuery,
        response: { 200: AlarmStatsDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => alarmStats(ctx, req.query)),
  );

  app.get(
    '/monitoring/points/:id/readings',
    {
      schema: {
        tags,
        summary: '测点趋势（48 小时内原始数据，更长为小时统计）',
        params: IdParams,
        querystring: ReadingSeriesQuery,
        response: { 200: ReadingSeriesDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => pointSeries(ctx, req.params.id, req.query)),
  );

  app.get(
    '/monitoring/dashboard/devices',
    {
      schema: {
        tags,
        summary: '监测一张图：设备及其状态（报警优先，最多 5000 个）',
        querystring: DashboardMapQuery,
        response: { 200: DashboardDevicesDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => dashboardDevices(ctx, req.query)),
  );
};

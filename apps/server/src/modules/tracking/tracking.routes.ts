import {
  CreateTrackerInput,
  IdParams,
  LiveUnitsDto,
  LiveUnitsQuery,
  MyPositionInput,
  PositionsAccepted,
  TRACK_MAX_POSITIONS,
  TrackDto,
  TrackerDto,
  TrackerListQuery,
  TrackerPage,
  TrackerSecretDto,
  TrackQuery,
  TrackRefusalPage,
  TrackRefusalQuery,
  UpdateTrackerInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { parseDeviceAuthorization } from '../monitoring/index.js';
import { parseJson } from './position-check.js';
import { TRACKING_MANAGE, TRACKING_READ, TRACKING_SHARE } from './tracking.policy.js';
import {
  acceptedOrRefused,
  authenticateTracker,
  createTracker,
  getTracker,
  listRefusals,
  listTrackers,
  liveUnits,
  recordUnknownTracker,
  reportFromTracker,
  reportMyPosition,
  rotateTrackerSecret,
  trackOf,
  updateTracker,
} from './tracking.service.js';

const tags = ['tracking'];
const AUTH_HINT = 'Authorization: Device <终端编码>:<终端密钥>';

/** Field positions: tracker registry, live units, tracks, refusals, and a person's phone position. */
export const trackingRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission(TRACKING_READ);
  const manage = app.requirePermission(TRACKING_MANAGE);

  app.get(
    '/tracking/units',
    {
      schema: {
        tags,
        summary: '现场力量实时位置（超过阈值未上报的标记为过时）',
        querystring: LiveUnitsQuery,
        response: { 200: LiveUnitsDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => liveUnits(ctx, req.query)),
  );
  app.get(
    '/tracking/trackers',
    { schema: { tags, summary: '定位终端列表', querystring: TrackerListQuery, response: { 200: TrackerPage } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listTrackers(ctx, req.query)),
  );
  app.post(
    '/tracking/trackers',
    {
      schema: {
        tags,
        summary: '登记定位终端（绑定救援队伍或装备车辆；密钥仅显示一次）',
        body: CreateTrackerInput,
        response: { 201: TrackerSecretDto },
      },
      preHandler: manage,
    },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => createTracker(ctx, req.body))),
  );
  app.get(
    '/tracking/trackers/:id',
    { schema: { tags, summary: '定位终端详情', params: IdParams, response: { 200: TrackerDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getTracker(ctx, req.params.id)),
  );
  app.patch(
    '/tracking/trackers/:id',
    {
      schema: { tags, summary: '修改名称、停用或启用定位终端', params: IdParams, body: UpdateTrackerInput, response: { 200: TrackerDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateTracker(ctx, req.params.id, req.body)),
  );
  app.post(
    '/tracking/trackers/:id/secret',
    { schema: { tags, summary: '重置终端密钥（仅显示一次）', params: IdParams, response: { 200: TrackerSecretDto } }, preHandler: manage },
    async (req) => app.run(req, (ctx) => rotateTrackerSecret(ctx, req.params.id)),
  );
  app.get(
    '/tracking/trackers/:id/track',
    {
      schema: { tags, summary: '历史轨迹（默认最近 2 小时）', params: IdParams, querystring: TrackQuery, response: { 200: TrackDto } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => trackOf(ctx, req.params.id, req.query)),
  );
  app.get(
    '/tracking/refusals',
    {
      schema: { tags, summary: '被拒收的位置（跳变、坐标错误等）', querystring: TrackRefusalQuery, response: { 200: TrackRefusalPage } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listRefusals(ctx, req.query)),
  );
  app.post(
    '/tracking/me',
    {
      schema: { tags, summary: '共享本人手机位置（任务页面）', body: MyPositionInput, response: { 200: PositionsAccepted } },
      preHandler: app.requirePermission(TRACKING_SHARE),
    },
    async (req) => acceptedOrRefused(await app.run(req, (ctx) => reportMyPosition(ctx, req.body))),
  );

  await app.register(trackerReportRoute);
};

/**
 * `POST /tracking/positions`: a tracker that cannot speak MQTT reports over HTTP with its code and
 * secret; the same JSON as on MQTT. The body is read as bytes so malformed JSON is recorded.
 */
const trackerReportRoute: FastifyPluginAsyncZod = async (app) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post(
    '/tracking/positions',
    {
      config: { csrf: false },
      schema: {
        tags,
        summary: `定位终端上报位置（${AUTH_HINT}；JSON 对象或数组，单次最多 ${TRACK_MAX_POSITIONS} 个；落库后返回 202）`,
        response: { 202: PositionsAccepted },
      },
    },
    async (req, reply) => {
      const creds = parseDeviceAuthorization(req.headers.authorization);
      if (!creds)
        throw new AppError('UNAUTHENTICATED', `缺少终端凭据，请使用 ${AUTH_HINT}`, {
          errors: [{ field: 'authorization', message: '缺少或格式错误' }],
        });
      const auth = await authenticateTracker(app.platform, creds.code, creds.secret);
      if (!auth.ok && auth.reason === 'unknown') {
        await recordUnknownTracker(app.platform, creds.code, 'http');
        throw new AppError('UNAUTHENTICATED', '终端编码或密钥错误（未登记的定位终端）', {
          errors: [{ field: 'authorization', message: '终端认证失败' }],
        });
      }
      if (!auth.ok) throw new AppError('FORBIDDEN', `定位终端 ${creds.code} 已停用，不接收位置`);
      const body = Buffer.isBuffer(req.body) ? parseJson(req.body) : undefined;
      const stored = await reportFromTracker(app.platform, creds.code, body, 'http');
      if (!stored) throw new AppError('UNAUTHENTICATED', '终端编码或密钥错误');
      const result = { accepted: stored.accepted, rejected: stored.rejected, rejections: stored.rejections };
      if (stored.messageRefusal) {
        const status = stored.messageRefusal.reason === 'too_many_positions' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION';
        throw new AppError(status, stored.rejections[0]!.message, {
          errors: [{ field: 'body', message: stored.rejections[0]!.message }],
          extra: result,
        });
      }
      if (stored.accepted === 0) {
        const errors = stored.rejections
          .slice(0, 100)
          .map((r) => ({ field: Array.isArray(body) ? `${r.index}` : 'body', message: r.message }));
        throw new AppError('VALIDATION', `全部 ${stored.rejected} 个位置被拒收：${errors[0]?.message ?? ''}`, { errors, extra: result });
      }
      return reply.code(202).send(result);
    },
  );
};

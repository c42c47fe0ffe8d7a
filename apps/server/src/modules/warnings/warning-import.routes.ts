import multipart from '@fastify/multipart';
import { IdParams, WarningFeedDto, WarningFeedInput, WarningImportResultDto } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { AppError, invalid } from '../../platform/errors.js';
import { findOrg } from '../orgs/index.js';
import { createFeed, deleteFeed, feedForPoll, feedNow, listFeeds, listImportLog, pollFeed, updateFeed } from './warning-feeds.service.js';
import { importAlert } from './warning-import.service.js';

const tags = ['warnings'];
const MAX_ALERT_BYTES = 10 * 1024 * 1024;
const XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

/** Import of external warnings (upload or API token) and the external feeds polled by the worker. */
export const warningImportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_ALERT_BYTES, files: 1, fields: 2, parts: 3 } });
  app.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: MAX_ALERT_BYTES }, (_req, body, done) => done(null, body));
  const manage = app.requirePermission('warning.import');

  app.post(
    '/warnings/import',
    {
      schema: {
        tags,
        summary: '导入外部预警（CAP 1.2 或 GB/T 35965.1；application/cap+xml、application/xml 或 multipart 字段 file）',
        response: { 200: WarningImportResultDto, 201: WarningImportResultDto },
      },
      preHandler: manage,
    },
    async (req, reply) => {
      let xml: string;
      let field = 'body';
      if (req.isMultipart()) {
        field = 'file';
        const part = await req.file({ throwFileSizeLimit: true });
        if (!part || part.fieldname !== 'file') invalid('file', '请在 multipart 字段 file 中上传 CAP 报文');
        xml = (await part.toBuffer()).toString('utf8');
      } else if (typeof req.body === 'string') xml = req.body;
      else invalid('body', '请以 application/cap+xml、application/xml 或 multipart 上传 CAP 报文');
      const result = await app.run(req, async (ctx) => {
        const org = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
        if (!org || !hasPermissionIn(ctx.actor, 'warning.import', org.path))
          throw new AppError('FORBIDDEN', '缺少本单位的 warning.import 权限');
        return importAlert(ctx, xml, { orgId: org.id, orgPath: org.path, feedId: null });
      });
      // The rejection is logged (committed above) and then reported as a 400 naming the upload.
      if (result.outcome === 'rejected') {
        throw new AppError('VALIDATION', result.error ?? '预警报文无效', {
          errors: [
            { field, message: result.error ?? '预警报文无效' },
            ...(result.errors ?? []).map((e) => ({ field: `${field}:${e.path}`, message: e.message })),
          ],
          extra: { result },
        });
      }
      return reply.status(result.outcome === 'created' || result.outcome === 'updated' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/warnings/imports',
    {
      schema: {
        tags,
        summary: '外部预警导入记录（含被拒绝的条目及原因）',
        querystring: z.object({ feedId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
      },
      preHandler: manage,
    },
    async (req) => ({ items: await app.run(req, (ctx) => listImportLog(ctx, req.query.feedId, req.query.limit)) }),
  );

  app.get(
    '/warnings/feeds',
    { schema: { tags, summary: '外部预警订阅源', response: { 200: z.object({ items: z.array(WarningFeedDto) }) } }, preHandler: manage },
    async (req) => ({ items: await app.run(req, (ctx) => listFeeds(ctx)) }),
  );

  app.post(
    '/warnings/feeds',
    {
      schema: { tags, summary: '添加订阅源（CAP 或 Atom）', body: WarningFeedInput, response: { 201: WarningFeedDto } },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createFeed(ctx, req.body))),
  );

  app.put(
    '/warnings/feeds/:id',
    {
      schema: { tags, summary: '修改订阅源', params: IdParams, body: WarningFeedInput, response: { 200: WarningFeedDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateFeed(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/warnings/feeds/:id',
    { schema: { tags, summary: '删除订阅源（已导入的预警保留）', params: IdParams }, preHandler: manage },
    async (req, reply) => {
      await app.run(req, (ctx) => deleteFeed(ctx, req.params.id));
      return reply.status(204).send();
    },
  );

  app.post(
    '/warnings/feeds/:id/poll',
    { schema: { tags, summary: '立即拉取订阅源', params: IdParams }, preHandler: manage },
    async (req) => {
      const feed = await app.run(req, (ctx) => feedForPoll(ctx, req.params.id));
      const { results } = await pollFeed(app.platform, feed);
      return { ...(await feedNow(app.platform, feed.id)), results };
    },
  );
};

import { PortalWarningDetailDto, PortalWarningDto, WarningIdentifierParams } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicRateLimit } from './public-portal.routes.js';
import { portalActive, portalDetail } from './public-portal.service.js';
import { publicAtom, publicDocument } from './warning-queries.service.js';

const tags = ['public'];

/**
 * The public warning outputs (no login; mounted in every profile, including `internet`): the list
 * of active warnings, details, CAP 1.2 and GB/T 35965.1 documents at stable URLs, and the Atom feed.
 */
export const publicWarningsRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const cache = 'public, max-age=60';
  const config = publicRateLimit(platform.config.PUBLIC_RATE_LIMIT_PER_MINUTE);

  app.get(
    '/public/warnings',
    { config, schema: { tags, summary: '生效中的预警（公众）', response: { 200: z.object({ items: z.array(PortalWarningDto) }) } } },
    async (_req, reply) => reply.header('cache-control', cache).send({ items: await portalActive(platform) }),
  );

  app.get('/public/warnings.atom', { config, schema: { tags, summary: '预警 Atom 订阅（CAP feed 约定）' } }, async (req, reply) => {
    const base = `${req.protocol}://${req.host}`;
    return reply
      .header('cache-control', cache)
      .type('application/atom+xml; charset=utf-8')
      .send(await publicAtom(platform, base));
  });

  app.get(
    '/public/warnings/:identifier.cap.xml',
    { config, schema: { tags, summary: '预警 CAP 1.2 报文', params: WarningIdentifierParams } },
    async (req, reply) =>
      reply
        .header('cache-control', cache)
        .type('application/cap+xml; charset=utf-8')
        .send(await publicDocument(platform, req.params.identifier, 'cap')),
  );

  app.get(
    '/public/warnings/:identifier.gb.xml',
    { config, schema: { tags, summary: '预警 GB/T 35965.1 报文', params: WarningIdentifierParams } },
    async (req, reply) =>
      reply
        .header('cache-control', cache)
        .type('application/xml; charset=utf-8')
        .send(await publicDocument(platform, req.params.identifier, 'gb')),
  );

  app.get(
    '/public/warnings/:identifier',
    {
      config,
      schema: {
        tags,
        summary: '预警详情（公众）',
        params: WarningIdentifierParams,
        response: { 200: PortalWarningDetailDto },
      },
    },
    async (req, reply) => reply.header('cache-control', cache).send(await portalDetail(platform, req.params.identifier)),
  );
};

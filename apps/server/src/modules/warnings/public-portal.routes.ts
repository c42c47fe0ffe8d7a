import { PublicBoundariesQuery, PublicSheltersQuery, PublicSheltersResult } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { nearbyShelters, portalAreas, portalBoundaries } from './public-portal.service.js';

const tags = ['public'];

/** Per-route rate limit of the public routes (per client address, `PUBLIC_RATE_LIMIT_PER_MINUTE`). */
export function publicRateLimit(perMinute: number) {
  return { rateLimit: { max: perMinute, timeWindow: '1 minute' } };
}

/**
 * What the public portal needs besides the warnings themselves (no login; every profile, including
 * `internet`): the areas of the warnings in force, admin boundaries, and the nearest shelters.
 */
export const publicPortalRoutes: FastifyPluginAsyncZod = async (app) => {
  const platform = app.platform;
  const config = publicRateLimit(platform.config.PUBLIC_RATE_LIMIT_PER_MINUTE);

  app.get('/public/warnings.geojson', { config, schema: { tags, summary: '生效中预警的范围（GeoJSON，公众）' } }, async (_req, reply) =>
    reply
      .header('cache-control', 'public, max-age=60')
      .type('application/geo+json; charset=utf-8')
      .send(await portalAreas(platform)),
  );

  app.get(
    '/public/boundaries',
    { config, schema: { tags, summary: '行政区划边界（GeoJSON，公众）', querystring: PublicBoundariesQuery } },
    async (req, reply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .type('application/geo+json; charset=utf-8')
        .send(await portalBoundaries(platform, req.query.level)),
  );

  app.get(
    '/public/shelters/nearby',
    {
      config,
      schema: {
        tags,
        summary: '附近的避难场所（公众）',
        querystring: PublicSheltersQuery,
        response: { 200: PublicSheltersResult },
      },
    },
    async (req, reply) => reply.header('cache-control', 'public, max-age=60').send(await nearbyShelters(platform, req.query)),
  );
};

import { CodeNodeDto, DivisionDto, LocateQuery } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as svc from './regions.service.js';

const DivisionRef = DivisionDto.nullable();

export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const guard = app.requirePermission('region.read');

  app.get(
    '/codes',
    {
      schema: {
        tags: ['regions'],
        summary: '代码表树（按层级懒加载或搜索）',
        querystring: z
          .object({
            family: z.enum(['event', 'hazard', 'knowledge', 'plan', 'resource', 'target', 'warning']).optional(),
            parent: z
              .string()
              .regex(/^[0-9A-Z]{5}$/, '代码应为 5 位')
              .optional(),
            q: z.string().trim().min(1).max(40).optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(CodeNodeDto) }) },
      },
      preHandler: guard,
    },
    async (req) => ({ items: await svc.codeTree(app.platform.db, req.query) }),
  );

  app.get(
    '/codes/:code/path',
    {
      schema: {
        tags: ['regions'],
        params: z.object({ code: z.string().regex(/^[0-9A-Z]{5}$/, '代码应为 5 位') }),
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
      },
      preHandler: guard,
    },
    async (req) => ({ items: await svc.codePath(app.platform.db, req.params.code) }),
  );

  app.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划',
        querystring: z
          .object({
            parent: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(DivisionDto) }) },
      },
      preHandler: guard,
    },
    async (req) => ({ items: await svc.listDivisions(app.platform.db, req.query.parent) }),
  );

  app.get(
    '/regions/locate',
    {
      schema: {
        tags: ['regions'],
        summary: '坐标所在县区',
        querystring: LocateQuery,
        response: {
          200: z.object({ lng: z.number(), lat: z.number(), county: DivisionRef, city: DivisionRef, inJurisdiction: z.boolean() }),
        },
      },
      preHandler: guard,
    },
    async (req) => svc.locate(app.platform.db, req.query.lng, req.query.lat, req.query.crs),
  );

  app.get(
    '/regions/boundaries',
    {
      schema: {
        tags: ['regions'],
        summary: '行政区划边界（GeoJSON）',
        querystring: z.object({ level: z.enum(['city', 'county']).default('county') }).strict(),
      },
      preHandler: app.requirePermission('map.read'),
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, max-age=3600');
      return svc.boundaries(app.platform.db, req.query.level);
    },
  );
};

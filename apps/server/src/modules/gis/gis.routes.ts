import { AroundQuery, AroundResult, LayerDto, MapLayer, MapSearchHit, MapSearchQuery, SpatialQueryInput } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, XLSX_TYPE } from '../../platform/http/files.js';
import { findAround } from './around.service.js';
import { listLayers, renderTile, searchMap } from './gis.service.js';
import { spatialQueryExport, spatialQueryJson } from './spatial.service.js';

const MVT = 'application/vnd.mapbox-vector-tile';
const tags = ['map'];
const TileInt = z.coerce.number({ error: '应为整数' }).int('应为整数').min(0, '不能小于 0');

const TileParams = z.object({ layer: MapLayer, z: TileInt.max(22, '缩放级别不超过 22'), x: TileInt, y: TileInt }).strict();

/** The One Map (一张图): layer catalogue, vector tiles, search, spatial query, "around here". */
export const gisRoutes: FastifyPluginAsyncZod = async (app) => {
  const map = app.requirePermission('map.read');

  app.get(
    '/map/layers',
    {
      schema: { tags, summary: '一张图图层目录（图例、颜色、瓦片地址、可见数量）', response: { 200: z.array(LayerDto) } },
      preHandler: map,
    },
    async (req) => app.run(req, (ctx) => listLayers(ctx)),
  );

  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    { schema: { tags, summary: '资源图层矢量瓦片（MVT；低缩放级别聚合）', params: TileParams }, preHandler: map },
    async (req, reply) => {
      const tile = await app.run(req, (ctx) => renderTile(ctx, req.params));
      reply.header('cache-control', 'private, max-age=60').header('vary', 'cookie');
      if (tile.length === 0) return reply.status(204).header('content-type', MVT).send();
      return reply.header('content-type', MVT).send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
    },
  );

  app.get(
    '/map/search',
    {
      schema: {
        tags,
        summary: '一张图搜索（名称、编码、坐标、行政区划）',
        querystring: MapSearchQuery,
        response: { 200: z.array(MapSearchHit) },
      },
      preHandler: map,
    },
    async (req) => app.run(req, (ctx) => searchMap(ctx, req.query)),
  );

  app.post(
    '/map/spatial-query',
    // No response schema: the same route answers JSON ({ layers: [{ layer, total, items }] }) or a workbook.
    { schema: { tags, summary: '圈选/框选查询（JSON 或 xlsx）', body: SpatialQueryInput }, preHandler: map },
    async (req, reply) => {
      // A read sent as a POST (the shape is a body): no transaction; the answer is passed on as JSON text.
      if (req.body.format !== 'xlsx')
        return reply.type('application/json; charset=utf-8').send(await app.runRead(req, (ctx) => spatialQueryJson(ctx, req.body)));
      const { file, rows } = await app.run(req, (ctx) => spatialQueryExport(ctx, req.body));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition('圈选结果.xlsx', { ascii: 'map-query.xlsx' }))
        .header('x-total-count', String(rows))
        .header('cache-control', 'no-store')
        .send(file);
    },
  );

  app.get(
    '/map/around',
    {
      schema: { tags, summary: '周边资源（队伍、物资、避难场所、专家）', querystring: AroundQuery, response: { 200: AroundResult } },
      preHandler: map,
    },
    async (req) => app.run(req, (ctx) => findAround(ctx, req.query)),
  );
};

import {
  ListQuery,
  Page,
  StockAdjustInput,
  StockLineDto,
  StockLineIdParams,
  StockLineInput,
  StockLinePatch,
  StockListQuery,
  StockMovementDto,
  WarehouseIdParams,
  WarehouseStockQuery,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileStamp } from './resource-export.js';
import { exportStock, listStockPage } from './stock-queries.service.js';
import { adjustStock, createStockLine, listStockMovements, listWarehouseStock, updateStockLine } from './stock.service.js';
import { contentDisposition, FILE_TYPES } from '../../platform/http/files.js';

const tags = ['resources'];

/** Warehouse stock (储备物资): lines, adjustments with movements, alerts and export. */
export const stockRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('resource.read');
  const manage = app.requirePermission('resource.manage');

  app.get(
    '/warehouses/:id/stock',
    {
      schema: {
        tags,
        summary: '储备库的物资清单',
        params: WarehouseIdParams,
        querystring: WarehouseStockQuery,
        response: { 200: Page(StockLineDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listWarehouseStock(ctx, req.params.id, req.query)),
  );

  app.post(
    '/warehouses/:id/stock',
    {
      schema: {
        tags,
        summary: '新增物资（初始数量记为入库）',
        params: WarehouseIdParams,
        body: StockLineInput,
        response: { 201: StockLineDto },
      },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createStockLine(ctx, req.params.id, req.body))),
  );

  app.get(
    '/stock',
    {
      schema: {
        tags,
        summary: '物资查询（低于最低库存 / 临期；format=xlsx|csv 导出）',
        querystring: StockListQuery,
      },
      preHandler: read,
    },
    async (req, reply) => {
      const format = req.query.format;
      if (format === 'json') return app.run(req, (ctx) => listStockPage(ctx, req.query));
      const file = await app.run(req, (ctx) => exportStock(ctx, req.query, format));
      return reply
        .header('content-type', FILE_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(`储备物资-${fileStamp(app.platform.clock.now())}.${format}`, { ascii: `stock.${format}` }),
        )
        .header('x-total-count', String(file.rows))
        .header('x-truncated', String(file.truncated))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.put(
    '/stock/:lineId',
    {
      schema: {
        tags,
        summary: '修改物资信息（数量除外）',
        params: StockLineIdParams,
        body: StockLinePatch,
        response: { 200: StockLineDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateStockLine(ctx, req.params.lineId, req.body)),
  );

  app.post(
    '/stock/:lineId/adjust',
    {
      schema: {
        tags,
        summary: '库存调整：入库、出库、调拨、盘点（数量不会为负）',
        params: StockLineIdParams,
        body: StockAdjustInput,
        response: { 200: StockLineDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => adjustStock(ctx, req.params.lineId, req.body)),
  );

  app.get(
    '/stock/:lineId/movements',
    {
      schema: {
        tags,
        summary: '库存流水',
        params: StockLineIdParams,
        querystring: ListQuery.pick({ limit: true, cursor: true }).strict(),
        response: { 200: Page(StockMovementDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listStockMovements(ctx, req.params.lineId, req.query)),
  );
};

import {
  ChannelStatusDto,
  DeliveryDto,
  DeliveryListQuery,
  DeliverySummaryDto,
  DeliverySummaryQuery,
  IdParams,
  Page,
  SmsReceiptInput,
  SmsReceiptResultDto,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applySmsReceipt, deliverySummary, listChannelStatus, listDeliveryPage, retryDelivery } from './deliveries.service.js';

const tags = ['notify'];

/** The delivery dashboard (records, counts, retries), channel set-up, and the SMS gateway's receipts. */
export const notifyRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('notify.read');
  const manage = app.requirePermission('notify.manage');

  app.get(
    '/notify/deliveries',
    {
      schema: {
        tags,
        summary: '发送记录（按来源、状态、渠道筛选；地址对无管理权限者脱敏）',
        querystring: DeliveryListQuery,
        response: { 200: Page(DeliveryDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listDeliveryPage(ctx, req.query)),
  );

  app.get(
    '/notify/summary',
    {
      schema: {
        tags,
        summary: '发送统计（渠道 × 状态）与各渠道配置状态',
        querystring: DeliverySummaryQuery,
        response: { 200: DeliverySummaryDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => deliverySummary(ctx, req.query)),
  );

  app.get(
    '/notify/channels',
    {
      schema: { tags, summary: '各发布渠道的配置状态', response: { 200: z.object({ items: z.array(ChannelStatusDto) }) } },
      preHandler: read,
    },
    async (req) => ({ items: await app.run(req, (ctx) => listChannelStatus(ctx)) }),
  );

  app.post(
    '/notify/deliveries/:id/retry',
    { schema: { tags, summary: '重新发送失败（或等待中）的记录', params: IdParams, response: { 200: DeliveryDto } }, preHandler: manage },
    async (req) => app.run(req, (ctx) => retryDelivery(ctx, req.params.id)),
  );

  app.post(
    '/notify/receipts/sms',
    {
      schema: {
        tags,
        summary: '短信网关回执（Authorization: Bearer SMS_GATEWAY_TOKEN）',
        body: SmsReceiptInput,
        response: { 200: SmsReceiptResultDto },
      },
      // The gateway authenticates with its own token, not a session.
      config: { csrf: false },
    },
    async (req) => {
      const auth = req.headers.authorization;
      const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
      return app.run(req, (ctx) => applySmsReceipt(ctx, bearer, req.body));
    },
  );
};

import {
  CreateSubscriberInput,
  IdParams,
  Page,
  SubscriberDto,
  SubscriberListQuery,
  SubscriberSavedDto,
  UpdateSubscriberInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createSubscriber, deleteSubscriber, listSubscriberPage, updateSubscriber } from './subscribers.service.js';

const tags = ['notify'];

/** Subscribers (短信、邮件、Webhook 订阅) of the orgs the caller manages dissemination for. */
export const subscribersRoutes: FastifyPluginAsyncZod = async (app) => {
  const manage = app.requirePermission('notify.manage');

  app.get(
    '/notify/subscribers',
    {
      schema: { tags, summary: '订阅列表', querystring: SubscriberListQuery, response: { 200: Page(SubscriberDto) } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => listSubscriberPage(ctx, req.query)),
  );

  app.post(
    '/notify/subscribers',
    {
      schema: {
        tags,
        summary: '添加订阅（Webhook 未给密钥时自动生成，仅在此次返回）',
        body: CreateSubscriberInput,
        response: { 201: SubscriberSavedDto },
      },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createSubscriber(ctx, req.body))),
  );

  app.put(
    '/notify/subscribers/:id',
    {
      schema: {
        tags,
        summary: '修改订阅（rotateSecret 重新生成 Webhook 密钥，仅在此次返回）',
        params: IdParams,
        body: UpdateSubscriberInput,
        response: { 200: SubscriberSavedDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateSubscriber(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/notify/subscribers/:id',
    { schema: { tags, summary: '删除订阅', params: IdParams }, preHandler: manage },
    async (req, reply) => {
      await app.run(req, (ctx) => deleteSubscriber(ctx, req.params.id));
      return reply.status(204).send();
    },
  );
};

import { IdParams, NotificationDto, NotificationQuery, Page, ReadAllResultDto, UnreadCountDto } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as svc from './notifications.service.js';

/** The header bell: the signed-in user's own notifications. */
export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const guard = app.requireAuth;

  app.get(
    '/notifications',
    {
      schema: { tags: ['notifications'], summary: '我的通知', querystring: NotificationQuery, response: { 200: Page(NotificationDto) } },
      preHandler: guard,
    },
    async (req) => app.run(req, (ctx) => svc.listMyNotifications(ctx, req.query)),
  );

  app.get(
    '/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: '未读通知数', response: { 200: UnreadCountDto } }, preHandler: guard },
    async (req) => ({ count: await app.run(req, (ctx) => svc.unreadCount(ctx)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: { tags: ['notifications'], summary: '标记为已读', params: IdParams, response: { 200: NotificationDto } },
      preHandler: guard,
    },
    async (req) => app.run(req, (ctx) => svc.markNotificationRead(ctx, req.params.id)),
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: '全部标记为已读', response: { 200: ReadAllResultDto } }, preHandler: guard },
    async (req) => app.run(req, (ctx) => svc.markAllNotificationsRead(ctx)),
  );
};

import { SessionIdParams, SessionList } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as svc from './sessions.service.js';

/** The signed-in user's own sessions (browser sessions only, not API tokens). */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const guard = app.requireStage('active');

  app.get(
    '/me/sessions',
    { schema: { tags: ['auth'], summary: '我的登录会话', response: { 200: SessionList } }, preHandler: guard },
    async (req) => ({ items: await app.run(req, (ctx) => svc.listMySessions(ctx)) }),
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: { tags: ['auth'], summary: '注销我的某个会话', params: SessionIdParams, response: { 204: z.null() } },
      preHandler: guard,
    },
    async (req, reply) => {
      await app.run(req, (ctx) => svc.revokeMySession(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};

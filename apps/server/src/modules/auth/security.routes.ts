import { IdParams, SecurityPolicy } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidateSecurityPolicy } from '../../platform/settings.js';
import * as svc from './policy.service.js';

/** The security administrator's policy and account unlock. */
export const securityRoutes: FastifyPluginAsyncZod = async (app) => {
  const guard = app.requirePermission('security.manage');

  app.get(
    '/security/policy',
    { schema: { tags: ['security'], summary: '安全策略', response: { 200: SecurityPolicy } }, preHandler: guard },
    async (req) => app.run(req, (ctx) => svc.readPolicy(ctx)),
  );

  app.put(
    '/security/policy',
    {
      schema: { tags: ['security'], summary: '修改安全策略', body: SecurityPolicy, response: { 200: SecurityPolicy } },
      preHandler: guard,
    },
    async (req) => {
      const policy = await app.run(req, (ctx) => svc.updatePolicy(ctx, req.body));
      invalidateSecurityPolicy(); // after commit, so no request re-caches the old policy
      return policy;
    },
  );

  app.post(
    '/security/users/:id/unlock',
    { schema: { tags: ['security'], summary: '解除账户锁定', params: IdParams, response: { 204: z.null() } }, preHandler: guard },
    async (req, reply) => {
      await app.run(req, (ctx) => svc.unlockUser(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};

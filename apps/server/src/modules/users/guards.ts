import type { Permission } from '@vigil/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { recordAuditNow } from '../../platform/audit/audit.js';
import { hasPermission } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';

/**
 * Authenticated and holding at least one of `perms` somewhere; refusals are audited like
 * `requirePermission`'s. For routes two administrators share (each for their own accounts/roles).
 */
export function requireAnyPermission(app: FastifyInstance, perms: readonly Permission[]): preHandlerAsyncHookHandler {
  return async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
    await app.requireAuth.call(this, req, reply);
    if (perms.some((p) => hasPermission(req.actor, p))) return;
    await recordAuditNow(app.platform, req.actor, req.meta, {
      action: 'access.denied',
      entity: 'route',
      entityId: `${req.method} ${req.routeOptions.url ?? req.url}`,
      result: 'denied',
      after: { permission: perms.join('|') },
    });
    throw new AppError('FORBIDDEN', `缺少权限 ${perms.join(' 或 ')}`);
  };
}

import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import type { SessionInfo } from '../../platform/auth/authenticate.js';
import type { Platform, RequestMeta } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';

/**
 * A login-step call (TOTP, password change): these use cases open their own transactions, because
 * a failed attempt must be committed (counted toward the lockout, audited) before it is reported.
 */
export interface AuthCall {
  platform: Platform;
  actor: Actor;
  meta: RequestMeta;
  session: SessionInfo;
}

/** The call for a cookie session; 401 without one. */
export function authCall(platform: Platform, req: FastifyRequest): AuthCall {
  if (!req.session) throw new AppError('UNAUTHENTICATED', req.authRejected ?? '请先登录');
  return { platform, actor: req.actor, meta: req.meta, session: req.session };
}

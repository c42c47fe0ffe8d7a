import type { Permission, SessionStage } from '@vigil/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { recordAuditNow } from '../audit/audit.js';
import { ANONYMOUS, hasPermission, type Actor } from '../auth/actor.js';
import { authenticateSession, forgetCachedSessions, authenticateToken, type SessionInfo } from '../auth/authenticate.js';
import { SESSION_COOKIE } from '../auth/tokens.js';
import { inTransaction, runRead, type Ctx, type Platform, type RequestMeta } from '../ctx.js';
import { AppError } from '../errors.js';
import { getSecurityPolicy } from '../settings.js';

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
    /** Any authenticated principal whose login is complete. */
    requireAuth: preHandlerAsyncHookHandler;
    /** Authenticated and holding `perm` somewhere; refusals are audited. */
    requirePermission(perm: Permission): preHandlerAsyncHookHandler;
    /** A session in one of the given login stages (login steps: TOTP, password change). */
    requireStage(...stages: SessionStage[]): preHandlerAsyncHookHandler;
    /** Runs a use case in a transaction as the request's actor. */
    run<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T>;
    /** Runs a read-only use case without a transaction, whatever the method (a query sent as a POST body). */
    runRead<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  }
  interface FastifyContextConfig {
    /** `false` for routes that act without the session's authority (login), so need no CSRF token. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    session: SessionInfo | null;
    authRejected: string | null;
    meta: RequestMeta;
    /** Served by `runRead`: a query sent as a POST, which changes nothing (sessions stay cached). */
    readOnly: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function unauthenticated(req: FastifyRequest): never {
  throw new AppError('UNAUTHENTICATED', req.authRejected ?? '请先登录');
}

/** Authenticates every request (session cookie or bearer token) and provides the auth guards. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  // Fastify forbids shared reference defaults; each request gets its own values in onRequest.
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.decorateRequest('authRejected', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);
  app.decorateRequest('readOnly', false);

  // A write may have ended, revoked or re-scoped sessions: cached ones are dropped before its
  // response leaves (reads keep reusing them for SESSION_CACHE_MS).
  app.addHook('onSend', async (req) => {
    if (!SAFE_METHODS.has(req.method) && !req.readOnly) forgetCachedSessions();
  });

  app.addHook('onRequest', async (req) => {
    req.actor = ANONYMOUS;
    req.meta = { requestId: req.id, ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null };
    const { db, clock } = app.platform;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const r = await authenticateToken(db, auth.slice(7).trim(), clock.now());
      req.actor = r.actor;
      req.authRejected = r.rejected;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      const policy = await getSecurityPolicy(db);
      const r = await authenticateSession(db, cookie, clock.now(), policy, app.platform.config.SESSION_CACHE_MS);
      req.actor = r.actor;
      req.session = r.session;
      req.authRejected = r.rejected;
      // CSRF: cookie-authenticated writes must echo the session's token in a header.
      const csrfExempt = req.routeOptions.config?.csrf === false;
      if (r.session && !SAFE_METHODS.has(req.method) && !csrfExempt && req.headers['x-csrf-token'] !== r.session.csrfToken) {
        throw new AppError('FORBIDDEN', 'CSRF 校验失败：缺少或错误的 X-CSRF-Token 请求头', {
          errors: [{ field: 'x-csrf-token', message: '缺少或错误' }],
        });
      }
    }
  });

  // Guards are written as `preHandler: app.requirePermission(…)` on routes but run as `onRequest`
  // hooks: who you are is checked before the body is parsed and validated, so an anonymous or
  // unauthorised caller learns nothing from validation errors (401/403 before 400).
  const GUARD = Symbol('vigil.guard');
  const guard = <T extends preHandlerAsyncHookHandler>(fn: T): T => Object.assign(fn, { [GUARD]: true });
  const isGuard = (fn: unknown): boolean => typeof fn === 'function' && GUARD in fn;
  app.addHook('onRoute', (route) => {
    const pre = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    const guards = pre.filter(isGuard);
    if (guards.length === 0) return;
    const rest = pre.filter((h) => !isGuard(h));
    route.preHandler = rest.length ? rest : undefined;
    const onReq = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [...onReq, ...(guards as unknown as typeof onReq)];
  });

  const requireAuth: preHandlerAsyncHookHandler = guard(async (req) => {
    if (req.actor.kind === 'anonymous') unauthenticated(req);
    if (req.session && req.session.stage !== 'active') {
      throw new AppError('FORBIDDEN', '请先完成登录步骤', { extra: { stage: req.session.stage } });
    }
  });
  app.decorate('requireAuth', requireAuth);

  app.decorate('requirePermission', (perm: Permission): preHandlerAsyncHookHandler => {
    return guard(async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      await requireAuth.call(this, req, reply);
      if (!hasPermission(req.actor, perm)) {
        await recordAuditNow(app.platform, req.actor, req.meta, {
          action: 'access.denied',
          entity: 'route',
          entityId: `${req.method} ${req.routeOptions.url ?? req.url}`,
          result: 'denied',
          after: { permission: perm },
        });
        throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
      }
    });
  });

  app.decorate('requireStage', (...stages: SessionStage[]): preHandlerAsyncHookHandler => {
    return guard(async (req) => {
      if (!req.session) unauthenticated(req);
      if (!stages.includes(req.session.stage))
        throw new AppError('FORBIDDEN', '当前登录步骤不允许此操作', { extra: { stage: req.session.stage } });
    });
  });

  app.decorate('run', function <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    // Reads skip BEGIN/COMMIT; everything else runs in one transaction.
    if (req.method === 'GET' || req.method === 'HEAD') return runRead(app.platform, req.actor, req.meta, fn);
    return inTransaction(app.platform, req.actor, req.meta, fn);
  });
  app.decorate('runRead', function <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    req.readOnly = true;
    return runRead(app.platform, req.actor, req.meta, fn);
  });
});

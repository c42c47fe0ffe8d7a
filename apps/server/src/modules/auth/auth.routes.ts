import { LoginInput, LoginResult, MeDto, UpdateMeInput } from '@vigil/shared';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../platform/auth/tokens.js';
import { AppError } from '../../platform/errors.js';
import * as svc from './auth.service.js';
import { login, logout } from './login.service.js';

/** Sets the httpOnly, SameSite=Strict session cookie. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { COOKIE_SECURE: secure, LOGIN_RATE_LIMIT_PER_MINUTE: perMinute } = app.platform.config;

  app.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录（用户名+密码）', body: LoginInput, response: { 200: LoginResult } },
      // Login acts without the authority of any session the browser may still hold: no CSRF token needed.
      config: { csrf: false, rateLimit: { max: perMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const out = await login(app.platform, req.meta, req.body);
      setSessionCookie(reply, out.sessionToken, secure);
      return { stage: out.stage, csrfToken: out.csrfToken };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } } }, async (req, reply) => {
    if (!req.session) throw new AppError('UNAUTHENTICATED', req.authRejected ?? '未登录');
    const session = req.session;
    await app.run(req, (ctx) => logout(ctx, session));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/me', { schema: { tags: ['auth'], summary: '当前用户（任何登录步骤均可调用）', response: { 200: MeDto } } }, async (req) => {
    if (req.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', req.authRejected ?? '请先登录');
    return svc.me(app.platform, req.actor, req.session);
  });

  app.patch(
    '/me',
    {
      schema: { tags: ['auth'], summary: '更新个人偏好（语言）', body: UpdateMeInput, response: { 200: MeDto } },
      preHandler: app.requireAuth,
    },
    async (req) => {
      await app.run(req, (ctx) => svc.setLocale(ctx, req.body.locale));
      return svc.me(app.platform, req.actor, req.session);
    },
  );
};

import { ChangePasswordInput, StageResult, TotpInput, TotpSetupDto } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getSecurityPolicy } from '../../platform/settings.js';
import { authCall } from './auth-call.js';
import { changePassword } from './password.service.js';
import * as totp from './totp.service.js';

/** The login steps after the password (TOTP, enrolment, password change) and self-service TOTP. */
export const loginStepRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/auth/password-rules',
    {
      schema: {
        tags: ['auth'],
        summary: '密码规则（用于修改密码时的提示，无需登录）',
        response: {
          200: z.object({ minLength: z.number(), minClasses: z.number(), history: z.number(), maxAgeDays: z.number() }),
        },
      },
    },
    async () => {
      const p = await getSecurityPolicy(app.platform.db);
      return {
        minLength: p.passwordMinLength,
        minClasses: p.passwordMinClasses,
        history: p.passwordHistory,
        maxAgeDays: p.passwordMaxAgeDays,
      };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: { tags: ['auth'], summary: '修改密码（强制修改或主动修改）', body: ChangePasswordInput, response: { 200: StageResult } },
      preHandler: app.requireStage('password_change', 'active'),
    },
    async (req) => changePassword(authCall(app.platform, req), req.body),
  );

  app.get(
    '/auth/totp/setup',
    {
      schema: { tags: ['auth'], summary: '获取双因素认证绑定二维码', response: { 200: TotpSetupDto } },
      preHandler: app.requireStage('totp_enroll', 'active'),
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return totp.setupTotp(authCall(app.platform, req));
    },
  );

  app.post(
    '/auth/totp/enroll',
    {
      schema: { tags: ['auth'], summary: '确认绑定双因素认证', body: TotpInput, response: { 200: StageResult } },
      preHandler: app.requireStage('totp_enroll', 'active'),
    },
    async (req) => totp.enrollTotp(authCall(app.platform, req), req.body.code),
  );

  app.post(
    '/auth/totp',
    {
      schema: { tags: ['auth'], summary: '登录：验证动态口令', body: TotpInput, response: { 200: StageResult } },
      preHandler: app.requireStage('totp'),
    },
    async (req) => totp.passTotp(authCall(app.platform, req), req.body.code),
  );

  app.delete(
    '/auth/totp',
    {
      schema: { tags: ['auth'], summary: '关闭双因素认证（管理员不可关闭）', body: TotpInput, response: { 204: z.null() } },
      preHandler: app.requireStage('active'),
    },
    async (req, reply) => {
      await totp.disableTotp(authCall(app.platform, req), req.body.code);
      return reply.status(204).send(null);
    },
  );
};

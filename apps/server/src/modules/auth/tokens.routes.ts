import { ApiTokenPage, CreateApiTokenInput, CreatedApiTokenDto, IdParams, ListQuery } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as svc from './tokens.service.js';

const TokenListQuery = ListQuery.extend({ cursor: z.uuid('游标无效').optional(), userId: z.uuid('用户编号无效').optional() }).strict();

/** API tokens for machine clients, managed by the system administrator. */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const guard = app.requirePermission('token.manage');

  app.get(
    '/api-tokens',
    {
      schema: { tags: ['auth'], summary: '接口令牌列表', querystring: TokenListQuery, response: { 200: ApiTokenPage } },
      preHandler: guard,
    },
    async (req) => app.run(req, (ctx) => svc.listApiTokens(ctx, req.query)),
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: '签发接口令牌（令牌明文仅返回一次）',
        body: CreateApiTokenInput,
        response: { 201: CreatedApiTokenDto },
      },
      preHandler: guard,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => svc.createApiToken(ctx, req.body))),
  );

  app.delete(
    '/api-tokens/:id',
    { schema: { tags: ['auth'], summary: '吊销接口令牌', params: IdParams, response: { 204: z.null() } }, preHandler: guard },
    async (req, reply) => {
      await app.run(req, (ctx) => svc.revokeApiToken(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};

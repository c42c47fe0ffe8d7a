import { CreateOrgInput, IdParams, OrgDto, OrgListDto, OrgListQuery, UpdateOrgInput } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as svc from './orgs.service.js';

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    {
      schema: { tags: ['orgs'], summary: '组织树（本级及下级，按路径排序）', querystring: OrgListQuery, response: { 200: OrgListDto } },
      preHandler: app.requireAuth,
    },
    async (req) => ({ items: await app.run(req, (ctx) => svc.listOrgs(ctx, req.query)) }),
  );

  app.get(
    '/orgs/:id',
    { schema: { tags: ['orgs'], summary: '组织详情', params: IdParams, response: { 200: OrgDto } }, preHandler: app.requireAuth },
    async (req) => app.run(req, (ctx) => svc.getOrg(ctx, req.params.id)),
  );

  app.post(
    '/orgs',
    {
      schema: { tags: ['orgs'], summary: '新建组织', body: CreateOrgInput, response: { 201: OrgDto } },
      preHandler: app.requirePermission('org.manage'),
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => svc.createOrg(ctx, req.body))),
  );

  app.patch(
    '/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: '修改组织（名称、行政区划、启用/停用）',
        params: IdParams,
        body: UpdateOrgInput,
        response: { 200: OrgDto },
      },
      preHandler: app.requirePermission('org.manage'),
    },
    async (req) => app.run(req, (ctx) => svc.updateOrg(ctx, req.params.id, req.body)),
  );
};

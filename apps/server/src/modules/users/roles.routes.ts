import { PermissionDto, RoleDto, RoleIdParams, UpdateRoleInput, UpsertRoleInput } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as svc from './roles.service.js';

export const rolesRoutes: FastifyPluginAsyncZod = async (app) => {
  const canRead = app.requirePermission('role.read');
  const canManage = app.requirePermission('role.manage');

  app.get(
    '/roles',
    { schema: { tags: ['roles'], summary: '角色列表', response: { 200: z.object({ items: z.array(RoleDto) }) } }, preHandler: canRead },
    async (req) => ({ items: await app.run(req, (ctx) => svc.listRoles(ctx)) }),
  );

  app.get(
    '/permissions',
    {
      schema: { tags: ['roles'], summary: '权限目录', response: { 200: z.object({ items: z.array(PermissionDto) }) } },
      preHandler: canRead,
    },
    async () => ({ items: svc.listPermissions() }),
  );

  app.post(
    '/roles',
    { schema: { tags: ['roles'], summary: '新建自定义角色', body: UpsertRoleInput, response: { 201: RoleDto } }, preHandler: canManage },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => svc.createRole(ctx, req.body))),
  );

  app.put(
    '/roles/:id',
    {
      schema: { tags: ['roles'], summary: '修改自定义角色', params: RoleIdParams, body: UpdateRoleInput, response: { 200: RoleDto } },
      preHandler: canManage,
    },
    async (req) => app.run(req, (ctx) => svc.updateRole(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/roles/:id',
    { schema: { tags: ['roles'], summary: '删除自定义角色', params: RoleIdParams, response: { 204: z.null() } }, preHandler: canManage },
    async (req, reply) => {
      await app.run(req, (ctx) => svc.deleteRole(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};

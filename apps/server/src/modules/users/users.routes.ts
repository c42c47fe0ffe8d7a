import {
  CreateUserInput,
  IdParams,
  Page,
  SetUserRolesInput,
  TemporaryPasswordDto,
  UpdateUserInput,
  UserDto,
  UserListQuery,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireAnyPermission } from './guards.js';
import { setUserRoles } from './user-roles.service.js';
import * as svc from './users.service.js';

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const canRead = app.requirePermission('user.read');
  // The system administrator keeps ordinary accounts, the security administrator admin accounts;
  // the service decides which one a given account needs.
  const canMaintain = requireAnyPermission(app, ['user.manage', 'role.manage']);

  app.get(
    '/users',
    {
      schema: { tags: ['users'], summary: '用户列表（本级及下级）', querystring: UserListQuery, response: { 200: Page(UserDto) } },
      preHandler: canRead,
    },
    async (req) => app.run(req, (ctx) => svc.listUsers(ctx, req.query)),
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: '用户详情', params: IdParams, response: { 200: UserDto } }, preHandler: canRead },
    async (req) => app.run(req, (ctx) => svc.getUser(ctx, req.params.id)),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户（返回一次性临时密码）',
        body: CreateUserInput,
        response: { 201: TemporaryPasswordDto },
      },
      preHandler: app.requirePermission('user.manage'),
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => svc.createUser(ctx, req.body))),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户（资料、所属组织、启用/停用）',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: UserDto },
      },
      preHandler: canMaintain,
    },
    async (req) => app.run(req, (ctx) => svc.updateUser(ctx, req.params.id, req.body)),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: '重置密码（返回一次性临时密码，注销该用户全部会话）',
        params: IdParams,
        response: { 200: TemporaryPasswordDto },
      },
      preHandler: canMaintain,
    },
    async (req) => app.run(req, (ctx) => svc.resetPassword(ctx, req.params.id)),
  );

  app.put(
    '/users/:id/roles',
    {
      schema: { tags: ['users'], summary: '设置用户角色与授权范围', params: IdParams, body: SetUserRolesInput, response: { 200: UserDto } },
      preHandler: canMaintain,
    },
    async (req) => app.run(req, (ctx) => setUserRoles(ctx, req.params.id, req.body)),
  );
};

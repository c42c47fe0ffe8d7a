import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';

export const Username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,39}$/, '用户名须以小写字母开头，3–40 位小写字母、数字、_ . -');

export const RoleGrantDto = z.object({
  roleId: z.string(),
  roleName: z.string(),
  scopeOrgId: z.uuid(),
  scopeOrgName: z.string(),
});
export type RoleGrantDto = z.infer<typeof RoleGrantDto>;

export const UserDto = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  isDemo: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  roles: z.array(RoleGrantDto),
});
export type UserDto = z.infer<typeof UserDto>;

export const UserListQuery = ListQuery.extend({
  orgId: z.uuid().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  roleId: z.string().max(60).optional(),
});

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');

export const CreateUserInput = z
  .object({
    username: Username,
    displayName: NonEmptyText(60),
    orgId: z.uuid(),
    phone: Phone.nullable().optional(),
    email: z.email('邮箱格式不正确').max(120).nullable().optional(),
    roles: z
      .array(z.object({ roleId: z.string().max(60), scopeOrgId: z.uuid().optional() }).strict())
      .max(20)
      .default([]),
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({
    displayName: NonEmptyText(60).optional(),
    orgId: z.uuid().optional(),
    phone: Phone.nullable().optional(),
    email: z.email('邮箱格式不正确').max(120).nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const SetUserRolesInput = z
  .object({
    roles: z.array(z.object({ roleId: z.string().max(60), scopeOrgId: z.uuid().optional() }).strict()).max(20),
  })
  .strict();
export type SetUserRolesInput = z.infer<typeof SetUserRolesInput>;

/** Returned once when an account is created or its password reset: the temporary password. */
export const TemporaryPasswordDto = z.object({ user: UserDto, temporaryPassword: z.string() });

export const RoleDto = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  adminKind: z.enum(['system', 'security', 'audit']).nullable(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
});
export type RoleDto = z.infer<typeof RoleDto>;

export const UpsertRoleInput = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{2,59}$/, '角色标识须为小写字母、数字、下划线'),
    nameZh: NonEmptyText(40),
    nameEn: NonEmptyText(60),
    permissions: z.array(z.string().max(60)).max(200),
  })
  .strict();
export type UpsertRoleInput = z.infer<typeof UpsertRoleInput>;

export const UserSearch = Text(60);

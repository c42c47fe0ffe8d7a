import { z } from 'zod';
import { ListQuery, Text } from './common.js';
import { PlainName } from './orgs.js';
import { isPermission } from './permissions.js';

/** Usernames are stored lower-case; input in any case is folded before checking. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,39}$/, '用户名须以字母开头，3–40 位字母、数字、_ . -（保存为小写）');

/** Role identifiers: lower-case letters, digits and underscores. */
export const RoleId = z.string().regex(/^[a-z][a-z0-9_]{2,59}$/, '角色标识须为小写字母开头，3–60 位小写字母、数字、下划线');

export const AdminKindEnum = z.enum(['system', 'security', 'audit']);

export const RoleGrantDto = z.object({
  roleId: z.string(),
  roleName: z.string(),
  adminKind: AdminKindEnum.nullable(),
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
  roleId: RoleId.optional(),
}).strict();
export type UserListQuery = z.infer<typeof UserListQuery>;

const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');

const Email = z.email('邮箱格式不正确').max(120);

/** One role grant: the role and the org subtree it applies to (default: the user's own org). */
export const RoleGrantInput = z.object({ roleId: RoleId, scopeOrgId: z.uuid().optional() }).strict();
export type RoleGrantInput = z.infer<typeof RoleGrantInput>;

const Grants = z
  .array(RoleGrantInput)
  .max(20)
  .refine((gs) => new Set(gs.map((g) => g.roleId)).size === gs.length, { message: '同一角色只能授予一次' });

export const CreateUserInput = z
  .object({
    username: Username,
    displayName: PlainName(60),
    orgId: z.uuid(),
    phone: Phone.nullable().optional(),
    email: Email.nullable().optional(),
    roles: Grants.default([]),
  })
  .strict();
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({
    displayName: PlainName(60).optional(),
    orgId: z.uuid().optional(),
    phone: Phone.nullable().optional(),
    email: Email.nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: '至少需要修改一项' });
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const SetUserRolesInput = z.object({ roles: Grants }).strict();
export type SetUserRolesInput = z.infer<typeof SetUserRolesInput>;

/** Returned once when an account is created or its password reset: the temporary password. */
export const TemporaryPasswordDto = z.object({ user: UserDto, temporaryPassword: z.string() });
export type TemporaryPasswordDto = z.infer<typeof TemporaryPasswordDto>;

export const RoleDto = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  adminKind: AdminKindEnum.nullable(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
  /** Accounts holding the role (a role in use cannot be deleted). */
  userCount: z.number().int(),
});
export type RoleDto = z.infer<typeof RoleDto>;

/** One entry of the permission catalogue, for the role editor. */
export const PermissionDto = z.object({
  id: z.string(),
  zh: z.string(),
  en: z.string(),
  adminKind: AdminKindEnum.nullable(),
});
export type PermissionDto = z.infer<typeof PermissionDto>;

const RolePermissions = z
  .array(
    z
      .string()
      .max(60)
      .refine((p) => isPermission(p), { message: '不存在的权限' }),
  )
  .min(1, '至少选择一项权限')
  .max(200)
  .refine((ps) => new Set(ps).size === ps.length, { message: '权限不能重复' });

const RoleFields = {
  nameZh: PlainName(40),
  nameEn: PlainName(60),
  permissions: RolePermissions,
};

export const UpsertRoleInput = z.object({ id: RoleId, ...RoleFields }).strict();
export type UpsertRoleInput = z.infer<typeof UpsertRoleInput>;

/** Body of `PUT /roles/:id`: the same form as creation; the identifier, if sent, must be the path's. */
export const UpdateRoleInput = z.object({ id: RoleId.optional(), ...RoleFields }).strict();
export type UpdateRoleInput = z.infer<typeof UpdateRoleInput>;

export const RoleIdParams = z.object({ id: RoleId }).strict();

export const UserSearch = Text(60);

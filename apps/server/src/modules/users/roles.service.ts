import { PERMISSIONS, type Permission, type PermissionDto, type RoleDto, type UpdateRoleInput, type UpsertRoleInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { refuse } from '../../platform/audit/audited-error.js';
import { classifyPermissions } from './role-policy.js';
import { toRoleDto } from './users.presenter.js';
import * as repo from './roles.repository.js';

const EVENT_OPTS = { topic: 'users', orgPath: null, permission: 'role.read' } as const;

/** Every role with its permissions and how many accounts hold it. */
export async function listRoles(ctx: Ctx): Promise<RoleDto[]> {
  return (await repo.listRoles(ctx.tx)).map(toRoleDto);
}

/** The permission catalogue with labels and the administrator each permission belongs to. */
export function listPermissions(): PermissionDto[] {
  return (Object.keys(PERMISSIONS) as Permission[]).map((id) => ({
    id,
    zh: PERMISSIONS[id].zh,
    en: PERMISSIONS[id].en,
    adminKind: PERMISSIONS[id].admin,
  }));
}

function adminKindFor(action: string, id: string, permissions: readonly string[]) {
  const c = classifyPermissions(permissions);
  if ('code' in c) refuse(c.code, c.message, { action, entity: 'role', entityId: id }, c.field);
  return c.adminKind;
}

async function loadCustomRole(ctx: Ctx, id: string, action: string): Promise<repo.RoleWithCount> {
  const role = (await repo.findRole(ctx.tx, id)) ?? notFound('角色', id);
  if (role.builtin)
    refuse('CONFLICT', '内置角色为只读，不能修改或删除；如需调整请新建自定义角色', { action, entity: 'role', entityId: id });
  return role;
}

/** Defines a custom role: business permissions only, or the permissions of exactly one administrator. */
export async function createRole(ctx: Ctx, input: UpsertRoleInput): Promise<RoleDto> {
  const action = 'role.created';
  if (await repo.findRole(ctx.tx, input.id))
    throw new AppError('CONFLICT', `角色标识 ${input.id} 已存在`, { errors: [{ field: 'id', message: '角色标识已存在' }] });
  const adminKind = adminKindFor(action, input.id, input.permissions);
  await repo.insertRole(
    ctx.tx,
    input.id,
    { name_zh: input.nameZh, name_en: input.nameEn, admin_kind: adminKind, permissions: input.permissions },
    ctx.now,
  );
  const dto = toRoleDto((await repo.findRole(ctx.tx, input.id))!);
  await recordAudit(ctx, { action, entity: 'role', entityId: input.id, after: dto });
  await emit(ctx, action, { roleId: input.id }, EVENT_OPTS);
  return dto;
}

/** Changes a custom role; a role in use cannot change administrator kind (it would break exclusivity). */
export async function updateRole(ctx: Ctx, id: string, input: UpdateRoleInput): Promise<RoleDto> {
  const action = 'role.updated';
  if (input.id !== undefined && input.id !== id) invalid('id', '角色标识不能修改');
  const role = await loadCustomRole(ctx, id, action);
  const adminKind = adminKindFor(action, id, input.permissions);
  if (adminKind !== role.admin_kind && Number(role.user_count) > 0)
    refuse('CONFLICT', `角色已授予 ${role.user_count} 个用户，不能改变其管理员类别（业务角色与管理员角色不能互转）`, {
      action,
      entity: 'role',
      entityId: id,
    });
  const before = toRoleDto(role);
  await repo.updateRole(
    ctx.tx,
    id,
    { name_zh: input.nameZh, name_en: input.nameEn, admin_kind: adminKind, permissions: input.permissions },
    ctx.now,
  );
  const after = toRoleDto((await repo.findRole(ctx.tx, id))!);
  await recordAudit(ctx, { action, entity: 'role', entityId: id, before, after });
  await emit(ctx, action, { roleId: id }, EVENT_OPTS);
  return after;
}

/** Deletes a custom role nobody holds. */
export async function deleteRole(ctx: Ctx, id: string): Promise<void> {
  const action = 'role.deleted';
  const role = await loadCustomRole(ctx, id, action);
  if (Number(role.user_count) > 0) conflict(`角色已授予 ${role.user_count} 个用户，请先撤销授权再删除`);
  await repo.deleteRole(ctx.tx, id);
  await recordAudit(ctx, { action, entity: 'role', entityId: id, before: toRoleDto(role) });
  await emit(ctx, action, { roleId: id }, EVENT_OPTS);
}

import type { AdminKind, UserDto } from '@vigil/shared';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { UserRow } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import { refuse } from '../../platform/audit/audited-error.js';
import { toUserDto } from './users.presenter.js';
import type { PolicyViolation, RoleRef } from './role-policy.js';
import * as repo from './users.repository.js';

const ADMIN_VIEW = ['user.read', 'user.manage', 'role.manage'] as const;

/** Whether the actor may see the account of a user at `orgPath` at all. */
export function canSeeUser(ctx: Ctx, orgPath: string): boolean {
  return ADMIN_VIEW.some((p) => hasPermissionIn(ctx.actor, p, orgPath));
}

/** Loads a user the actor may see: 404 when missing, audited 404 when in another subtree. */
export async function loadVisibleUser(ctx: Ctx, id: string, lock = false): Promise<UserRow> {
  const row = (lock ? await repo.findUserForUpdate(ctx.tx, id) : await repo.findUser(ctx.tx, id)) ?? notFound('用户', id);
  if (!canSeeUser(ctx, row.org_path)) await denyOutOfScope(ctx, 'user', id);
  return row;
}

/** The roles a user holds, in the shape the policy reasons about. */
export async function roleRefsOf(ctx: Ctx, userId: string): Promise<(RoleRef & { scopeOrgId: string; scopePath: string })[]> {
  return (await repo.rolesOf(ctx.tx, userId)).map((r) => ({
    id: r.id,
    nameZh: r.name_zh,
    adminKind: r.admin_kind as AdminKind | null,
    scopeOrgId: r.scope_org_id,
    scopePath: r.scope_path,
  }));
}

/** Turns a policy violation into a refusal audited under the attempted action. */
export function enforce(v: PolicyViolation | null, action: string, entityId: string | null): void {
  if (v) refuse(v.code, v.message, { action, entity: 'user', entityId }, v.field);
}

/** The user as the API shows it, with their roles. */
export async function presentUser(ctx: Ctx, id: string): Promise<UserDto> {
  const u = (await repo.findUserDetail(ctx.tx, id)) ?? notFound('用户', id);
  return toUserDto(u, await repo.grantsOfUsers(ctx.tx, [id]), ctx.now);
}

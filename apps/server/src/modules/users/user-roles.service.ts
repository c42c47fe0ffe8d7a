import type { AdminKind, RoleGrantInput, SetUserRolesInput, UserDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { resolveOrgRef } from '../orgs/index.js';
import {
  assignmentViolation,
  exclusivityViolation,
  lastAdminViolation,
  selfViolation,
  type GrantChange,
  type RoleRef,
} from './role-policy.js';
import { findRoles } from './roles.repository.js';
import { enforce, loadVisibleUser, presentUser, roleRefsOf } from './user-access.js';
import * as repo from './users.repository.js';

export interface ResolvedGrant extends RoleRef {
  scopeOrgId: string;
  scopePath: string;
}

/**
 * Resolves requested grants: each role must exist and each scope org must be one the actor can
 * see (default: the user's own org). Whether the actor may make the resulting changes is
 * `assignmentViolation`'s to decide.
 */
export async function resolveGrants(
  ctx: Ctx,
  user: { org_id: string; org_path: string },
  requested: readonly RoleGrantInput[],
): Promise<ResolvedGrant[]> {
  const roles = new Map(
    (
      await findRoles(
        ctx.tx,
        requested.map((g) => g.roleId),
      )
    ).map((r) => [r.id, r]),
  );
  const out: ResolvedGrant[] = [];
  for (const [i, g] of requested.entries()) {
    const r = roles.get(g.roleId);
    if (!r) invalid(`roles.${i}.roleId`, `角色 ${g.roleId} 不存在`);
    const ref: RoleRef = { id: r.id, nameZh: r.name_zh, adminKind: r.admin_kind as AdminKind | null };
    const scope = g.scopeOrgId ? await resolveOrgRef(ctx, g.scopeOrgId, `roles.${i}.scopeOrgId`) : { id: user.org_id, path: user.org_path };
    out.push({ ...ref, scopeOrgId: scope.id, scopePath: scope.path });
  }
  return out;
}

/** Grants/revocations taking `before` to `after` (a changed scope is a revocation plus a grant). */
export function grantChanges(before: readonly ResolvedGrant[], after: readonly ResolvedGrant[]): GrantChange[] {
  const same = (a: ResolvedGrant, b: ResolvedGrant) => a.id === b.id && a.scopeOrgId === b.scopeOrgId;
  return [
    ...before.filter((b) => !after.some((a) => same(a, b))).map((b) => ({ role: b, scopePath: b.scopePath, op: 'revoke' as const })),
    ...after.filter((a) => !before.some((b) => same(a, b))).map((a) => ({ role: a, scopePath: a.scopePath, op: 'grant' as const })),
  ];
}

const summary = (gs: readonly ResolvedGrant[]) => gs.map((g) => ({ roleId: g.id, scopeOrgId: g.scopeOrgId }));

/** Replaces a user's role grants, under the separation of the three administrators. */
export async function setUserRoles(ctx: Ctx, userId: string, input: SetUserRolesInput): Promise<UserDto> {
  const action = 'user.roles_changed';
  const user = await loadVisibleUser(ctx, userId, true);
  enforce(selfViolation(ctx.actor, user.id, 'roles'), action, user.id);
  const before = await roleRefsOf(ctx, user.id);
  const after = await resolveGrants(ctx, user, input.roles);
  const changes = grantChanges(before, after);
  if (changes.length === 0) return presentUser(ctx, user.id);
  enforce(assignmentViolation(ctx.actor, changes), action, user.id);
  enforce(exclusivityViolation(after), action, user.id);
  if (user.status === 'active') {
    const lost = new Set(before.map((r) => r.adminKind).filter((k): k is AdminKind => k !== null && !after.some((a) => a.adminKind === k)));
    for (const kind of lost) enforce(lastAdminViolation(kind, await repo.countActiveAdminHolders(ctx.tx, kind, user.id)), action, user.id);
  }
  for (const c of changes.filter((x) => x.op === 'revoke')) await repo.revokeRole(ctx.tx, user.id, c.role.id);
  for (const g of after.filter((a) => changes.some((c) => c.op === 'grant' && c.role === a)))
    await repo.grantRole(ctx.tx, {
      user_id: user.id,
      role_id: g.id,
      scope_org_id: g.scopeOrgId,
      scope_path: g.scopePath,
      granted_by: ctx.actor.userId,
    });
  await recordAudit(ctx, { action, entity: 'user', entityId: user.id, before: summary(before), after: summary(after) });
  await emit(
    ctx,
    action,
    { userId: user.id, before: summary(before), after: summary(after) },
    { topic: 'users', orgPath: user.org_path, permission: 'user.read' },
  );
  return presentUser(ctx, user.id);
}

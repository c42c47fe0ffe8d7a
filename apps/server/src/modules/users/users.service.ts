import type { CreateUserInput, PageOf, TemporaryPasswordDto, UpdateUserInput, UserDto, UserListQuery } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { scopePaths } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import { findOrg, resolveOrgRef } from '../orgs/index.js';
import { hashPassword } from './password.js';
import {
  accountManagerPermission,
  accountViolation,
  assignmentViolation,
  exclusivityViolation,
  lastAdminViolation,
  selfViolation,
} from './role-policy.js';
import { temporaryPassword } from './temp-password.js';
import { enforce, loadVisibleUser, presentUser, roleRefsOf } from './user-access.js';
import { resolveGrants } from './user-roles.service.js';
import { toUserDto } from './users.presenter.js';
import * as repo from './users.repository.js';

function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  try {
    const v = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { u?: unknown }).u;
    if (typeof v === 'string') return v;
  } catch {
    // fall through to the field error
  }
  invalid('cursor', '分页游标无效');
}

const encodeCursor = (username: string) => Buffer.from(JSON.stringify({ u: username })).toString('base64url');

/** A page of the users in the actor's subtree, by username. */
export async function listUsers(ctx: Ctx, query: UserListQuery): Promise<PageOf<UserDto>> {
  const after = decodeCursor(query.cursor);
  let orgPath: string | undefined;
  if (query.orgId) {
    const org = await findOrg(ctx.tx, query.orgId);
    if (!org) return { items: [], nextCursor: null, total: 0 };
    orgPath = org.path;
  }
  const filter: repo.UserFilter = {
    paths: ctx.actor.kind === 'system' ? null : scopePaths(ctx.actor, 'user.read'),
    q: query.q || undefined,
    orgPath,
    status: query.status,
    roleId: query.roleId,
  };
  const rows = await repo.listUsers(ctx.tx, filter, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const grants = await repo.grantsOfUsers(
    ctx.tx,
    page.map((u) => u.id),
  );
  return {
    items: page.map((u) => toUserDto(u, grants, ctx.now)),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]!.username) : null,
    total: await repo.countUsers(ctx.tx, filter),
  };
}

/** One user; another subtree's user is an audited 404. */
export async function getUser(ctx: Ctx, id: string): Promise<UserDto> {
  const u = await loadVisibleUser(ctx, id);
  return presentUser(ctx, u.id);
}

function usernameConflict(username: string): never {
  throw new AppError('CONFLICT', `用户名 ${username} 已被使用`, { errors: [{ field: 'username', message: '用户名已被使用' }] });
}

/** Creates an account with a temporary password (to be changed at first login) and business roles. */
export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<TemporaryPasswordDto> {
  const action = 'user.created';
  const org = await resolveOrgRef(ctx, input.orgId, 'orgId', 'user.manage');
  if (org.status !== 'active') conflict('所属组织已停用，不能在其下新建用户');
  if (await repo.usernameTaken(ctx.tx, input.username)) usernameConflict(input.username);
  const grants = await resolveGrants(ctx, { org_id: org.id, org_path: org.path }, input.roles);
  enforce(
    assignmentViolation(
      ctx.actor,
      grants.map((g) => ({ role: g, scopePath: g.scopePath, op: 'grant' })),
    ),
    action,
    null,
  );
  enforce(exclusivityViolation(grants), action, null);
  const policy = await getSecurityPolicy(ctx.tx);
  const password = temporaryPassword(policy, input.username);
  const hash = await hashPassword(password);
  const id = newId();
  await repo.insertUser(ctx.tx, {
    id,
    username: input.username,
    display_name: input.displayName,
    org_id: org.id,
    org_path: org.path,
    phone: input.phone ?? null,
    email: input.email ?? null,
    password_hash: hash,
    password_changed_at: ctx.now,
    must_change_password: true,
    locked_until: null,
    totp_secret: null,
    totp_last_step: null,
    last_login_at: null,
  });
  await repo.addPasswordHistory(ctx.tx, id, hash);
  for (const g of grants)
    await repo.grantRole(ctx.tx, {
      user_id: id,
      role_id: g.id,
      scope_org_id: g.scopeOrgId,
      scope_path: g.scopePath,
      granted_by: ctx.actor.userId,
    });
  const user = await presentUser(ctx, id);
  await recordAudit(ctx, { action, entity: 'user', entityId: id, after: user });
  await emit(
    ctx,
    action,
    { userId: id, username: user.username, orgId: org.id },
    { topic: 'users', orgPath: org.path, permission: 'user.read' },
  );
  return { user, temporaryPassword: password };
}

type UserPatch = Parameters<typeof repo.updateUser>[2];

/** Edits an account: profile, org (within the subtree), enable/disable (disabling ends its sessions). */
export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserDto> {
  const action = 'user.updated';
  const user = await loadVisibleUser(ctx, id, true);
  enforce(selfViolation(ctx.actor, user.id, 'account'), action, id);
  const roles = await roleRefsOf(ctx, id);
  enforce(accountViolation(ctx.actor, roles, user.org_path), action, id);
  const patch: UserPatch = {};
  if (input.displayName !== undefined && input.displayName !== user.display_name) patch.display_name = input.displayName;
  if (input.phone !== undefined && input.phone !== user.phone) patch.phone = input.phone;
  if (input.email !== undefined && input.email !== user.email) patch.email = input.email;
  if (input.orgId !== undefined && input.orgId !== user.org_id) {
    const org = await resolveOrgRef(ctx, input.orgId, 'orgId', accountManagerPermission(roles));
    if (org.status !== 'active') conflict('目标组织已停用，不能调入用户');
    patch.org_id = org.id;
    patch.org_path = org.path;
  }
  if (input.status !== undefined && input.status !== user.status) {
    if (input.status === 'disabled') {
      for (const r of roles)
        if (r.adminKind) enforce(lastAdminViolation(r.adminKind, await repo.countActiveAdminHolders(ctx.tx, r.adminKind, id)), action, id);
    } else {
      const org = await findOrg(ctx.tx, patch.org_id ?? user.org_id);
      if (org?.status !== 'active') conflict('所属组织已停用，请先启用组织或调整所属组织');
    }
    patch.status = input.status;
  }
  if (Object.keys(patch).length === 0) return presentUser(ctx, id);
  await repo.updateUser(ctx.tx, id, patch, ctx.now);
  const sessionsRevoked = patch.status === 'disabled' ? await repo.revokeUserSessions(ctx.tx, id, ctx.now) : 0;
  const before = Object.fromEntries(Object.keys(patch).map((k) => [k, user[k as keyof UserPatch]]));
  await recordAudit(ctx, { action, entity: 'user', entityId: id, before, after: { ...patch, sessionsRevoked } });
  await emit(
    ctx,
    action,
    { userId: id, changes: Object.keys(patch) },
    { topic: 'users', orgPath: patch.org_path ?? user.org_path, permission: 'user.read' },
  );
  return presentUser(ctx, id);
}

/** Issues a new temporary password (changed at next login), lifts a lockout and ends the user's sessions. */
export async function resetPassword(ctx: Ctx, id: string): Promise<TemporaryPasswordDto> {
  const action = 'user.password_reset';
  const user = await loadVisibleUser(ctx, id, true);
  enforce(selfViolation(ctx.actor, user.id, 'password'), action, id);
  enforce(accountViolation(ctx.actor, await roleRefsOf(ctx, id), user.org_path), action, id);
  const password = temporaryPassword(await getSecurityPolicy(ctx.tx), user.username);
  const hash = await hashPassword(password);
  await repo.setPassword(ctx.tx, id, hash, ctx.now);
  await repo.addPasswordHistory(ctx.tx, id, hash);
  const sessionsRevoked = await repo.revokeUserSessions(ctx.tx, id, ctx.now);
  await recordAudit(ctx, { action, entity: 'user', entityId: id, after: { sessionsRevoked } });
  await emit(ctx, action, { userId: id }, { topic: 'users', orgPath: user.org_path, permission: 'user.read' });
  return { user: await presentUser(ctx, id), temporaryPassword: password };
}

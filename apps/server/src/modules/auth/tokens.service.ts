import { adminKindOf, isPermission, type ApiTokenDto, type CreateApiTokenInput, type CreatedApiTokenDto, type PageOf } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn, scopePaths } from '../../platform/auth/actor.js';
import { findGrants } from '../../platform/auth/auth.repository.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import { API_TOKEN_PREFIX, newOpaqueToken } from '../../platform/auth/tokens.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, forbidden, notFound, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findUser } from '../users/index.js';
import { presentToken } from './tokens.presenter.js';
import * as repo from './tokens.repository.js';

const PERM = 'token.manage' as const;

/** Tokens of users within the administrator's scope, newest first. */
export async function listApiTokens(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; userId?: string | undefined; q?: string | undefined },
): Promise<PageOf<ApiTokenDto>> {
  const scopes = scopePaths(ctx.actor, PERM);
  if (scopes.length === 0) forbidden(`缺少权限 ${PERM}`);
  const { rows, more, total } = await repo.listTokens(ctx.tx, { ...q, scopes });
  return { items: rows.map(presentToken), nextCursor: more ? (rows.at(-1)?.id ?? null) : null, total };
}

/** Field errors for requested permissions that are unknown, administrative, or not held by the owner. */
function permissionProblems(requested: string[], held: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  requested.forEach((p, i) => {
    const field = `permissions.${i}`;
    if (!isPermission(p)) errors.push({ field, message: `未知权限 ${p}` });
    else if (adminKindOf(p) !== null) errors.push({ field, message: `管理类权限 ${p} 不能授予接口令牌` });
    else if (!held.has(p)) errors.push({ field, message: `令牌所属用户不具有权限 ${p}` });
  });
  return errors;
}

/**
 * Issues an API token for a machine client acting as `userId`, limited to a subset of that user's
 * business permissions. The token is returned once; only its SHA-256 is stored.
 */
export async function createApiToken(ctx: Ctx, input: CreateApiTokenInput): Promise<CreatedApiTokenDto> {
  const owner = await findUser(ctx.tx, input.userId);
  if (!owner) notFound('用户', input.userId);
  if (!hasPermissionIn(ctx.actor, PERM, owner.org_path)) await denyOutOfScope(ctx, 'user', input.userId);
  if (owner.status !== 'active') conflict('该用户已停用，不能为其签发令牌');
  const permissions = [...new Set(input.permissions)];
  const held = new Set((await findGrants(ctx.tx, owner.id)).flatMap((g) => g.permissions));
  const errors = permissionProblems(permissions, held);
  if (errors.length > 0) throw new AppError('VALIDATION', errors.map((e) => e.message).join('；'), { errors });

  const { token, hash } = newOpaqueToken(API_TOKEN_PREFIX);
  const id = newId();
  const expiresAt = input.expiresInDays === null ? null : new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000);
  await repo.insertToken(ctx.tx, {
    id,
    name: input.name,
    token_hash: hash,
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 8),
    user_id: owner.id,
    permissions,
    expires_at: expiresAt,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'token.created',
    entity: 'api_token',
    entityId: id,
    after: { name: input.name, owner: owner.username, permissions, expiresAt },
  });
  const row = await repo.findToken(ctx.tx, id);
  if (!row) throw new AppError('INTERNAL');
  return { token, item: presentToken(row) };
}

/** Revokes a token at once (the next request with it is refused); idempotent. */
export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  const row = await repo.findToken(ctx.tx, id);
  if (!row) notFound('接口令牌', id);
  if (!hasPermissionIn(ctx.actor, PERM, row.org_path)) await denyOutOfScope(ctx, 'api_token', id);
  if (!(await repo.revokeToken(ctx.tx, id, ctx.now))) return;
  await recordAudit(ctx, { action: 'token.revoked', entity: 'api_token', entityId: id, before: { name: row.name, owner: row.username } });
}

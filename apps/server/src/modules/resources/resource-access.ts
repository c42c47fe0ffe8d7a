import type { Permission, ResourceKind } from '@vigil/shared';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findResource, lockResource, type ResourceRow } from './resources.repository.js';
import { can } from './resources.policy.js';

/**
 * Loads a resource for the actor: 404 when missing or of another kind, an audited 404 when it
 * lies outside what the actor may read, 403 when readable but `perm` is not held there. `lock`
 * takes a row lock for an update in the current transaction.
 */
export async function loadResource(
  ctx: Ctx,
  kind: ResourceKind | null,
  id: string,
  perm: Permission = 'resource.read',
  lock = false,
): Promise<ResourceRow> {
  const row = lock ? await lockResource(ctx.tx, id) : await findResource(ctx.tx, id);
  if (!row || (kind !== null && row.kind !== kind)) notFound('资源', id);
  if (!can(ctx.actor, 'resource.read', row)) return denyOutOfScope(ctx, 'resource', id);
  if (perm !== 'resource.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** Optimistic concurrency: an edit based on another version than the stored one is refused (409). */
export function checkVersion(row: ResourceRow, version: number): void {
  if (version === row.version) return;
  throw new AppError('CONFLICT', '记录已被他人修改，请刷新后重试', {
    errors: [{ field: 'version', message: `当前版本为 ${row.version}` }],
    extra: { currentVersion: row.version },
  });
}

import type { Permission } from '@vigil/shared';
import { recordAuditNow, type AuditEntry } from '../audit/audit.js';
import { AuditedError } from '../audit/audited-error.js';
import type { Ctx } from '../ctx.js';
import { AppError } from '../errors.js';
import { hasPermissionIn } from './actor.js';

/**
 * Refuses access to a row outside the actor's scope the way the whole API does: the attempt is
 * audited and the caller sees a plain 404. Inside a transaction (`app.run`, `inTransaction`) the
 * audit row is written after the rollback (see `AuditedError`).
 */
export async function denyOutOfScope(ctx: Ctx, entity: string, id: string): Promise<never> {
  const entry: AuditEntry = { action: 'access.out_of_scope', entity, entityId: id, result: 'denied' };
  const detail = `${entity} ${id} 不存在`;
  if (ctx.tx.isTransaction) throw new AuditedError('NOT_FOUND', detail, entry);
  await recordAuditNow(ctx.platform, ctx.actor, ctx.meta, entry);
  throw new AppError('NOT_FOUND', detail);
}

/** Loads-then-checks helper: 404 when missing, audited 404 when outside scope, 403 when in scope but not allowed. */
export async function authorizeRow<T extends { org_path: string }>(
  ctx: Ctx,
  perm: Permission,
  entity: string,
  id: string,
  row: T | undefined,
  readPerm?: Permission,
): Promise<T> {
  if (!row) throw new AppError('NOT_FOUND', `${entity} ${id} 不存在`);
  const visible = hasPermissionIn(ctx.actor, readPerm ?? perm, row.org_path);
  if (!visible) return denyOutOfScope(ctx, entity, id);
  if (!hasPermissionIn(ctx.actor, perm, row.org_path)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

import type { Permission } from '@vigil/shared';
import { recordAuditNow, type AuditEntry } from '../audit/audit.js';
import type { Ctx, Platform, RequestMeta } from '../ctx.js';
import { AppError } from '../errors.js';
import { hasPermissionIn, type Actor } from './actor.js';

/** A 404 whose audit row is written once the surrounding transaction has rolled back. */
export class OutOfScopeError extends AppError {
  constructor(
    detail: string,
    readonly audit: { actor: Actor; meta: RequestMeta; entry: AuditEntry },
  ) {
    super('NOT_FOUND', detail);
  }
}

/**
 * Refuses access to a row outside the actor's scope the way the whole API does: the attempt is
 * audited and the caller sees a plain 404. Inside a transaction (`app.run`, `inTransaction`) the
 * audit row is written after the rollback, by `auditAfterRollback` — a second transaction
 * opened inside the first would wait forever on a single-connection database.
 */
export async function denyOutOfScope(ctx: Ctx, entity: string, id: string): Promise<never> {
  const entry: AuditEntry = { action: 'access.out_of_scope', entity, entityId: id, result: 'denied' };
  const detail = `${entity} ${id} 不存在`;
  if (ctx.tx.isTransaction) throw new OutOfScopeError(detail, { actor: ctx.actor, meta: ctx.meta, entry });
  await recordAuditNow(ctx.platform, ctx.actor, ctx.meta, entry);
  throw new AppError('NOT_FOUND', detail);
}

/** Writes the audit row an `OutOfScopeError` carries; called by `inTransaction` after rolling back. */
export async function auditAfterRollback(platform: Platform, err: unknown): Promise<void> {
  if (err instanceof OutOfScopeError) await recordAuditNow(platform, err.audit.actor, err.audit.meta, err.audit.entry);
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

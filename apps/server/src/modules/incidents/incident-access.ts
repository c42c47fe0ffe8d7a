import type { Permission } from '@vigil/shared';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findIncidentRow, lockIncident, type IncidentRow } from './incidents.repository.js';
import { can } from './incidents.policy.js';

/**
 * Loads an incident for the actor: 404 when missing, an audited 404 when it lies outside what the
 * actor may read, 403 when readable but `perm` is not held there. `lock` takes a row lock for an
 * update in the current transaction.
 */
export async function loadIncident(ctx: Ctx, id: string, perm: Permission = 'incident.read', lock = false): Promise<IncidentRow> {
  const row = lock ? await lockIncident(ctx.tx, id) : await findIncidentRow(ctx.tx, id);
  if (!row) notFound('事件', id);
  if (!can(ctx.actor, 'incident.read', row)) return denyOutOfScope(ctx, 'incident', id);
  if (perm !== 'incident.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** Optimistic concurrency: an edit based on another version than the stored one is refused (409). */
export function checkVersion(row: IncidentRow, version: number | undefined): void {
  if (version === undefined || version === row.version) return;
  throw new AppError('CONFLICT', '事件已被他人修改，请刷新后重试', {
    errors: [{ field: 'version', message: `当前版本为 ${row.version}` }],
    extra: { currentVersion: row.version },
  });
}

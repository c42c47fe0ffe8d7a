import type { Permission } from '@vigil/shared';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { can, canRead } from './warnings.policy.js';
import { findWarning, lockWarning, type WarningRow } from './warnings.repository.js';

/**
 * Loads a warning for the actor: 404 when missing, an audited 404 when the actor may not see it
 * (a draft of another org), 403 when visible but `perm` is not held for its org. `lock` takes a
 * row lock for an update in the current transaction.
 */
export async function loadWarning(ctx: Ctx, id: string, perm: Permission = 'warning.read', lock = false): Promise<WarningRow> {
  const row = lock ? await lockWarning(ctx.tx, id) : await findWarning(ctx.tx, id);
  if (!row) notFound('预警', id);
  if (!canRead(ctx.actor, row)) return denyOutOfScope(ctx, 'warning', id);
  if (perm !== 'warning.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** Optimistic concurrency on drafts: an edit based on another version is refused (409). */
export function checkVersion(row: WarningRow, version: number | undefined): void {
  if (version === undefined || version === row.version) return;
  throw new AppError('CONFLICT', '预警已被他人修改，请刷新后重试', {
    errors: [{ field: 'version', message: `当前版本为 ${row.version}` }],
    extra: { currentVersion: row.version },
  });
}

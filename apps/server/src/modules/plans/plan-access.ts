import type { Permission } from '@vigil/shared';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { can } from './plans.policy.js';
import { findPlan, lockPlan, type PlanRow } from './plans.repository.js';

/**
 * Loads a plan version for the actor: 404 when missing, an audited 404 when outside the actor's
 * plan.read scope, 403 when visible but `perm` is not held for its org. `lock` takes a row lock.
 */
export async function loadPlan(ctx: Ctx, id: string, perm: Permission = 'plan.read', lock = false): Promise<PlanRow> {
  const row = lock ? await lockPlan(ctx.tx, id) : await findPlan(ctx.tx, id);
  if (!row) notFound('预案', id);
  if (!can(ctx.actor, 'plan.read', row)) return denyOutOfScope(ctx, 'plan', id);
  if (perm !== 'plan.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** Optimistic concurrency: an action based on another revision is refused (409). */
export function checkRevision(row: PlanRow, revision: number | undefined): void {
  if (revision === undefined || revision === row.revision) return;
  throw new AppError('CONFLICT', '预案已被他人修改，请刷新后重试', {
    errors: [{ field: 'revision', message: `当前修订号为 ${row.revision}` }],
    extra: { currentRevision: row.revision },
  });
}

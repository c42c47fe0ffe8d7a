import { PLAN_EVENTS, type PlanDto, type PlanEventName, type PlanRejectInput, type PlanStepInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict } from '../../platform/errors.js';
import { checkRevision, loadPlan } from './plan-access.js';
import { nextStatus, refusal, type PlanAction } from './plan-status.js';
import { emitPlanEvent } from './plans.events.js';
import { isAuthor } from './plans.policy.js';
import * as repo from './plans.repository.js';
import type { PlanRow } from './plans.repository.js';
import { presentOne } from './plans.service.js';

const EVENT_OF: Record<PlanAction, PlanEventName> = {
  submit: PLAN_EVENTS.submitted,
  approve: PLAN_EVENTS.approved,
  reject: PLAN_EVENTS.rejected,
  activate: PLAN_EVENTS.activated,
  retire: PLAN_EVENTS.retired,
};

function step(p: PlanRow, action: PlanAction) {
  return nextStatus(p.status, action) ?? conflict(refusal(p.status, action));
}

/** Audits and emits one workflow step of `p` (already stored). */
async function audit(ctx: Ctx, action: PlanAction, p: PlanRow, to: string, extra: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(ctx, {
    action: EVENT_OF[action],
    entity: 'plan',
    entityId: p.id,
    before: { status: p.status, revision: p.revision },
    after: { status: to, versionNo: p.version_no, ...extra },
  });
  await emitPlanEvent(ctx, EVENT_OF[action], p.id, { previousStatus: p.status, ...extra });
}

/** The approver must be another person than the author and the submitter. */
function checkApprover(ctx: Ctx, p: PlanRow): void {
  if (isAuthor(ctx.actor, p))
    throw new AppError('FORBIDDEN', '审批人不能是该预案的编制人或提交人，请由其他人员审批', { extra: { reason: 'same_person' } });
}

/** Submits a draft for approval (提交审批). */
export async function submitPlan(ctx: Ctx, id: string, input: PlanStepInput): Promise<PlanDto> {
  const p = await loadPlan(ctx, id, 'plan.manage', true);
  checkRevision(p, input?.revision);
  const to = step(p, 'submit');
  if (p.levels.length === 0) conflict('预案至少需要设置一个响应级别才能提交审批');
  await repo.updatePlan(ctx.tx, id, {
    status: to,
    submitted_by: ctx.actor.userId,
    submitted_at: ctx.now,
    reject_reason: null,
    updated_at: ctx.now,
  });
  await audit(ctx, 'submit', p, to, input?.note ? { note: input.note } : {});
  return presentOne(ctx, id);
}

/** Approves a submitted version (审批通过) — by someone other than its author. */
export async function approvePlan(ctx: Ctx, id: string, input: PlanStepInput): Promise<PlanDto> {
  const p = await loadPlan(ctx, id, 'plan.approve', true);
  checkRevision(p, input?.revision);
  const to = step(p, 'approve');
  checkApprover(ctx, p);
  await repo.updatePlan(ctx.tx, id, {
    status: to,
    approved_by: ctx.actor.userId,
    approved_by_name: ctx.actor.displayName ?? ctx.actor.username,
    approved_at: ctx.now,
    updated_at: ctx.now,
  });
  await audit(ctx, 'approve', p, to, input?.note ? { note: input.note } : {});
  return presentOne(ctx, id);
}

/** Sends a submitted version back to draft with a reason (退回修改). */
export async function rejectPlan(ctx: Ctx, id: string, input: PlanRejectInput): Promise<PlanDto> {
  const p = await loadPlan(ctx, id, 'plan.approve', true);
  checkRevision(p, input.revision);
  const to = step(p, 'reject');
  checkApprover(ctx, p);
  await repo.updatePlan(ctx.tx, id, {
    status: to,
    reject_reason: input.reason,
    submitted_by: null,
    submitted_at: null,
    updated_at: ctx.now,
  });
  await audit(ctx, 'reject', p, to, { reason: input.reason });
  return presentOne(ctx, id);
}

/**
 * Puts an approved version in force (发布实施). The version of the same plan in force until now,
 * and any other approved version of it, are retired in the same transaction (a plan has one
 * version in force).
 */
export async function activatePlan(ctx: Ctx, id: string, input: PlanStepInput): Promise<PlanDto> {
  const p = await loadPlan(ctx, id, 'plan.approve', true);
  checkRevision(p, input?.revision);
  const to = step(p, 'activate');
  const prev = await repo.lockActiveOf(ctx.tx, p.series_id);
  if (prev) {
    await repo.updatePlan(ctx.tx, prev.id, { status: 'retired', retired_at: ctx.now, updated_at: ctx.now });
    await audit(ctx, 'retire', prev, 'retired', { supersededBy: p.id });
  }
  // Approved versions never put in force are superseded too.
  for (const other of await repo.otherApprovedOf(ctx.tx, p.series_id, p.id)) {
    const o = (await repo.findPlan(ctx.tx, other))!;
    await repo.updatePlan(ctx.tx, other, { status: 'retired', retired_at: ctx.now, updated_at: ctx.now });
    await audit(ctx, 'retire', o, 'retired', { supersededBy: p.id });
  }
  await repo.updatePlan(ctx.tx, id, { status: to, activated_by: ctx.actor.userId, activated_at: ctx.now, updated_at: ctx.now });
  await audit(ctx, 'activate', p, to, prev ? { retired: prev.id } : {});
  return presentOne(ctx, id);
}

/** Retires a version in force or approved but not yet in force (废止). */
export async function retirePlan(ctx: Ctx, id: string, input: PlanStepInput): Promise<PlanDto> {
  const p = await loadPlan(ctx, id, 'plan.approve', true);
  checkRevision(p, input?.revision);
  const to = step(p, 'retire');
  await repo.updatePlan(ctx.tx, id, { status: to, retired_at: ctx.now, updated_at: ctx.now });
  await audit(ctx, 'retire', p, to, input?.note ? { note: input.note } : {});
  return presentOne(ctx, id);
}

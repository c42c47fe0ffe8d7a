import { PLAN_EVENTS, type PlanEventName, type PlanEventPayload } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import * as repo from './plans.repository.js';

export { PLAN_EVENTS };

/** The realtime topic of plan events. */
export const PLANS_TOPIC = 'plans';

/**
 * Emits a `plan.*` event about a version (as stored now) in the use case's transaction; it
 * reaches plan readers of the owner org's subtree.
 */
export async function emitPlanEvent(ctx: Ctx, name: PlanEventName, id: string, extra: Record<string, unknown> = {}): Promise<void> {
  const p = (await repo.findPlan(ctx.tx, id))!;
  const payload: PlanEventPayload & Record<string, unknown> = {
    planId: p.id,
    seriesId: p.series_id,
    versionNo: p.version_no,
    orgId: p.org_id,
    status: p.status,
    name: p.name,
    ...extra,
  };
  await emit(ctx, name, payload, { topic: PLANS_TOPIC, orgPath: p.org_path, permission: 'plan.read' });
}

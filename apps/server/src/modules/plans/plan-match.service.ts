import type { IncidentFacts, PlanMatchQuery, PlanMatchResultDto } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { findIncidentForActor } from '../incidents/index.js';
import { rankPlans } from './plan-matching.js';
import { planScope } from './plans.policy.js';
import * as repo from './plans.repository.js';

/** The codes that could cover `code` in a plan: itself, its class (11B00), category (11000) and root (10000). */
export function coveringCodes(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 3)}00`, `${code.slice(0, 2)}000`, `${code.slice(0, 1)}0000`])];
}

/**
 * `GET /plans/match?incidentId=`: the active plans the actor can see that apply to the incident,
 * ranked, each with the suggested response level and the conditions that held or not per level.
 * The incident is read through the incidents module (its own scope check applies); the warning
 * colour in force in the area is taken from the caller when given.
 */
export async function matchPlansForIncident(ctx: Ctx, q: PlanMatchQuery): Promise<PlanMatchResultDto> {
  const inc = await findIncidentForActor(ctx, q.incidentId);
  const facts: IncidentFacts = {
    eventCode: inc.event_type,
    grade: inc.grade === null ? null : (inc.grade as 1 | 2 | 3 | 4),
    dead: inc.dead,
    injured: inc.seriously_injured + inc.lightly_injured,
    missing: inc.missing,
    evacuated: inc.evacuated,
    warningColour: q.warningColour ?? null,
  };
  const plans = await repo.activePlansFor(ctx.tx, planScope(ctx.actor), coveringCodes(facts.eventCode));
  const items = rankPlans(
    plans.map((p) => ({
      id: p.id,
      name: p.name,
      orgId: p.org_id,
      orgName: p.org_name,
      level: p.level,
      type: p.type,
      versionNo: p.version_no,
      eventCodes: p.event_codes,
      levels: p.levels,
    })),
    facts,
  );
  return { incidentId: inc.id, facts, items };
}

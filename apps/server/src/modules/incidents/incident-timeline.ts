import type { Ctx } from '../../platform/ctx.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { insertTimeline } from './incident-parts.repository.js';
import { findIncidentRow } from './incidents.repository.js';

export interface TimelineEntryInput {
  /** What happened, e.g. `created`, `status_changed`, `report.submitted`, `instruction.issued`. */
  kind: string;
  /** One line for people, in Chinese. */
  summary: string;
  data?: unknown;
}

/** Writes a timeline row in the caller's transaction (the caller has authorised the step). */
export async function writeTimeline(ctx: Ctx, incidentId: string, e: TimelineEntryInput): Promise<void> {
  await insertTimeline(ctx.tx, {
    id: newId(),
    incident_id: incidentId,
    at: ctx.now,
    kind: e.kind,
    summary: e.summary,
    data: e.data ?? null,
    actor_id: ctx.actor.userId,
    actor_name: ctx.actor.displayName ?? ctx.actor.username,
  });
}

/**
 * Records a step of another module (a report submitted, an instruction issued…) on the incident's
 * timeline, in the caller's transaction. The caller authorises; a missing incident is a 404.
 */
export async function addTimelineEntry(ctx: Ctx, incidentId: string, e: TimelineEntryInput): Promise<void> {
  if (!(await findIncidentRow(ctx.tx, incidentId))) notFound('事件', incidentId);
  await writeTimeline(ctx, incidentId, { kind: e.kind.slice(0, 60), summary: e.summary.slice(0, 500), data: e.data });
}

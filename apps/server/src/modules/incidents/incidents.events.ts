import { INCIDENT_EVENTS, type IncidentEventPayload } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import type { IncidentRow } from './incidents.repository.js';

export { INCIDENT_EVENTS };

/** The realtime topic of incident events. */
export const INCIDENTS_TOPIC = 'incidents';

type IncidentEventName = (typeof INCIDENT_EVENTS)[keyof typeof INCIDENT_EVENTS];

/**
 * Emits an `incident.*` event in the use case's transaction: delivered to users who can see the
 * incident's org and hold `incident.read`.
 */
export async function emitIncidentEvent(
  ctx: Ctx,
  name: IncidentEventName,
  row: IncidentRow,
  extra: Partial<IncidentEventPayload> & Record<string, unknown> = {},
): Promise<void> {
  const payload: IncidentEventPayload & Record<string, unknown> = {
    incidentId: row.id,
    orgId: row.org_id,
    title: row.title,
    eventType: row.event_type,
    category: row.category,
    grade: row.grade,
    previousGrade: row.grade,
    status: row.status,
    receivedAt: new Date(row.received_at).toISOString(),
    ...extra,
  };
  await emit(ctx, name, payload, { topic: INCIDENTS_TOPIC, orgPath: row.org_path, permission: 'incident.read' });
}

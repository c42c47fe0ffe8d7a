import { CONSULT_EVENTS, CONSULT_TOPIC } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import { CONSULT_READ } from './consult.policy.js';

export { CONSULT_EVENTS, CONSULT_TOPIC };

type ConsultEventName = (typeof CONSULT_EVENTS)[keyof typeof CONSULT_EVENTS];

/**
 * Pushes a consult event on the `consult` topic to command readers of the incident's org subtree
 * (outbox row in the use case's transaction, delivered after commit).
 */
export async function emitConsult(
  ctx: Ctx,
  name: ConsultEventName,
  incident: { id: string; org_path: string },
  payload: Record<string, unknown>,
): Promise<void> {
  await emit(
    ctx,
    name,
    { incidentId: incident.id, ...payload },
    { topic: CONSULT_TOPIC, orgPath: incident.org_path, permission: CONSULT_READ },
  );
}

import { COMMAND_EVENTS } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import { addTimelineEntry } from '../incidents/index.js';

export { COMMAND_EVENTS };

/** The realtime topic of command events. */
export const COMMAND_TOPIC = 'command';

type CommandEventName = (typeof COMMAND_EVENTS)[keyof typeof COMMAND_EVENTS];

/**
 * Records a command step: an automatic entry on the incident's timeline (the command log) and a
 * `command.*` event for command readers of the owning org's subtree, both in the use case's
 * transaction.
 */
export async function logCommandStep(
  ctx: Ctx,
  name: CommandEventName,
  row: { incident_id: string; org_path: string },
  summary: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await addTimelineEntry(ctx, row.incident_id, { kind: name, summary, data: payload });
  await emit(
    ctx,
    name,
    { incidentId: row.incident_id, ...payload },
    { topic: COMMAND_TOPIC, orgPath: row.org_path, permission: 'command.read' },
  );
}

/**
 * Pushes a `command.*` event to command readers of the owning org's subtree without a timeline
 * entry (for a step the incident's timeline already records, such as an attachment added).
 */
export async function emitCommandEvent(
  ctx: Ctx,
  name: CommandEventName,
  row: { incident_id: string; org_path: string },
  payload: Record<string, unknown>,
): Promise<void> {
  await emit(
    ctx,
    name,
    { incidentId: row.incident_id, ...payload },
    { topic: COMMAND_TOPIC, orgPath: row.org_path, permission: 'command.read' },
  );
}

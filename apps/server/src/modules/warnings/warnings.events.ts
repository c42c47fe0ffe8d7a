import { WARNING_EVENTS, type WarningEventPayload } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import type { WarningRow } from './warnings.repository.js';

export { WARNING_EVENTS };

/** The realtime topic of warning events. */
export const WARNINGS_TOPIC = 'warnings';

type WarningEventName = (typeof WARNING_EVENTS)[keyof typeof WARNING_EVENTS];

/**
 * Emits a `warning.*` event in the use case's transaction. Events of public warnings reach every
 * warning reader; those of drafts only readers of the issuing org's subtree.
 */
export async function emitWarningEvent(
  ctx: Ctx,
  name: WarningEventName,
  w: WarningRow,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const payload: WarningEventPayload & Record<string, unknown> = {
    warningId: w.id,
    orgId: w.org_id,
    status: w.status,
    colour: w.colour,
    typeCode: w.type_code,
    headline: w.headline,
    source: w.source,
    identifier: w.identifier,
    ...extra,
  };
  const visibleToAll = ['published', 'superseded', 'cancelled', 'expired'].includes(w.status);
  await emit(ctx, name, payload, { topic: WARNINGS_TOPIC, orgPath: visibleToAll ? null : w.org_path, permission: 'warning.read' });
}

import { NOTIFY_EVENTS } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';

export { NOTIFY_EVENTS };

/** The realtime topic of dissemination events. */
export const NOTIFY_TOPIC = 'notify';

type NotifyEventName = (typeof NOTIFY_EVENTS)[keyof typeof NOTIFY_EVENTS];

/** Emits a `notify.*` event in the use case's transaction, seen by `notify.read` holders of the org's subtree. */
export async function emitNotifyEvent(ctx: Ctx, name: NotifyEventName, payload: object, orgPath: string): Promise<void> {
  await emit(ctx, name, payload, { topic: NOTIFY_TOPIC, orgPath, permission: 'notify.read' });
}

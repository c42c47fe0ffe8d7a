import { isPermission, type WsEvent } from '@vigil/shared';
import { canSeeOrg, hasPermission, hasPermissionIn, type Actor } from '../auth/actor.js';
import type { DomainEvent } from '../events/bus.js';

/** The explicit recipients an event names in its payload (`recipientUserIds`), or null for none. */
export function recipientsOf(payload: unknown): string[] | null {
  if (!payload || typeof payload !== 'object') return null;
  const r = (payload as { recipientUserIds?: unknown }).recipientUserIds;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : null;
}

/**
 * Whether a connected actor may receive an event: it must be addressed to them when it names
 * recipients, lie within an org subtree they can see, and they must hold its permission there.
 */
export function mayReceive(actor: Actor, e: DomainEvent): boolean {
  if (actor.kind === 'anonymous') return false;
  const recipients = recipientsOf(e.payload);
  if (recipients && (!actor.userId || !recipients.includes(actor.userId))) return false;
  if (e.orgPath && !canSeeOrg(actor, e.orgPath)) return false;
  if (e.permission) {
    if (!isPermission(e.permission)) return false;
    return e.orgPath ? hasPermissionIn(actor, e.permission, e.orgPath) : hasPermission(actor, e.permission);
  }
  return true;
}

/** The message pushed to clients; the recipient list stays on the server. */
export function toWsEvent(e: DomainEvent): WsEvent {
  let payload = e.payload;
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && 'recipientUserIds' in payload) {
    const { recipientUserIds: _drop, ...rest } = payload as Record<string, unknown>;
    payload = rest;
  }
  return { type: 'event', topic: e.topic, name: e.name, at: e.at, payload };
}

import type { DeliveryDto, SubscriberDto, WarningColour } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import { maskAddress } from './addresses.js';
import type { DeliveryRow } from './deliveries.repository.js';
import { canRequeue } from './delivery-status.js';
import { canManage } from './notify.policy.js';
import type { SubscriberRow } from './subscribers.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Delivery row → API shape: addresses masked unless the reader manages the org's dissemination. */
export function presentDelivery(actor: Actor, r: DeliveryRow): DeliveryDto {
  const manager = canManage(actor, r.org_path);
  return {
    id: r.id,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    channel: r.channel,
    recipientKind: r.recipient_kind,
    recipientName: r.recipient_name,
    address: manager ? r.address : maskAddress(r.channel, r.address),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastError: r.last_error,
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
    receipt: r.receipt ?? null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    abilities: { retry: manager && canRequeue(r.status) },
  };
}

/** Subscriber row → API shape (the webhook key never leaves the server). */
export function presentSubscriber(r: SubscriberRow): SubscriberDto {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel,
    address: r.address,
    divisionCodes: r.division_codes,
    minColour: r.min_colour as WarningColour | null,
    enabled: r.enabled,
    orgId: r.org_id,
    orgName: r.org_name,
    hasSecret: Boolean(r.secret_sealed),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

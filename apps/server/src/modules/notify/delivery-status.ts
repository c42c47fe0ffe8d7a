import type { DeliveryStatus } from '@vigil/shared';

/**
 * A delivery's life: pending → sending (claimed by a worker) → sent (handed over: SMTP accepted,
 * SMS gateway accepted) → delivered (receipt) | failed. A send that fails for a passing reason
 * goes back to pending with a later `next_attempt_at`; after the last attempt, or on a
 * permanent refusal, it is failed. A person may put a failed delivery back in the queue.
 */
export type DeliveryEvent =
  'claim' | 'handed_over' | 'delivered' | 'retry_later' | 'give_up' | 'receipt_delivered' | 'receipt_failed' | 'requeue';

const NEXT: Record<DeliveryEvent, Partial<Record<DeliveryStatus, DeliveryStatus>>> = {
  claim: { pending: 'sending' },
  handed_over: { sending: 'sent' },
  delivered: { sending: 'delivered' },
  retry_later: { sending: 'pending' },
  give_up: { sending: 'failed' },
  // A receipt may overtake the worker's own record of the send, and a late one may follow a retry
  // or a give-up: the handset's word is final.
  receipt_delivered: { pending: 'delivered', sending: 'delivered', sent: 'delivered', failed: 'delivered' },
  receipt_failed: { sending: 'failed', sent: 'failed' },
  requeue: { failed: 'pending', pending: 'pending' },
};

/** The status after `event`, or null when the event does not apply in `from`. */
export function nextDeliveryStatus(from: DeliveryStatus, event: DeliveryEvent): DeliveryStatus | null {
  return NEXT[event][from] ?? null;
}

/** Statuses a person may put back in the queue (send now). */
export function canRequeue(status: DeliveryStatus): boolean {
  return nextDeliveryStatus(status, 'requeue') !== null;
}

/** Nothing more will happen without a receipt or a person. */
export function isSettled(status: DeliveryStatus): boolean {
  return status !== 'pending' && status !== 'sending';
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/** Wait before the attempt after `attempts` failed ones: 30 s, 1 min, 2 min, … at most 1 h. */
export function backoffMs(attempts: number): number {
  const n = Math.max(1, attempts);
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(n - 1, 20));
}

/** What follows a failed attempt: another one later, or the end (permanent error or attempts used up). */
export function afterFailure(
  attempts: number,
  maxAttempts: number,
  permanent: boolean,
  now: Date,
): { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' } {
  if (permanent || attempts >= maxAttempts) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) };
}

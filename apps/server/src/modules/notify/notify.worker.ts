import type { Updateable } from 'kysely';
import { openSecret } from '../../platform/auth/secret-box.js';
import type { Platform } from '../../platform/ctx.js';
import { clip } from './addresses.js';
import { errorText, SendError, type OutgoingDelivery } from './channel.js';
import { channelsOf } from './channels.js';
import * as repo from './deliveries.repository.js';
import { afterFailure } from './delivery-status.js';
import type { NotifyDeliveryTable } from './notify.tables.js';
import { subscriberSecretContext } from './subscriber-secret.js';

/**
 * The delivery worker: claims due deliveries in small batches (FOR UPDATE SKIP LOCKED, committed
 * at once), sends them a few at a time outside any transaction, and records each outcome under
 * its claim: sent / delivered, or another attempt after a back-off, or failed. Claims left
 * behind by a stopped process are released after a while and sent again (at least once).
 */

const BATCH = 20;
const CONCURRENCY = 4;

/** A claim older than this is taken to have lost its worker (well beyond a batch's worst case). */
export function claimStaleMs(timeoutMs: number): number {
  const rounds = Math.ceil(BATCH / CONCURRENCY);
  // SMTP can spend the time limit three times (connect, greeting, data): allow four.
  return Math.max(5 * 60_000, timeoutMs * rounds * 4);
}

async function secretsFor(platform: Platform, rows: repo.ClaimedRow[]): Promise<Map<string, string>> {
  const ids = rows.filter((r) => r.channel === 'webhook' && r.recipient_id).map((r) => r.recipient_id!);
  const sealed = await repo.subscriberSecrets(platform.db, ids);
  const out = new Map<string, string>();
  for (const [id, value] of sealed) {
    try {
      out.set(id, openSecret(platform.config, value, subscriberSecretContext(id)));
    } catch (err) {
      platform.log.error({ err, subscriberId: id }, 'webhook key cannot be opened (VIGIL_SECRET_KEY changed?)');
    }
  }
  return out;
}

function outgoing(r: repo.ClaimedRow, secrets: Map<string, string>): OutgoingDelivery {
  return {
    id: r.id,
    channel: r.channel,
    address: r.address,
    recipientName: r.recipient_name,
    secret: r.channel === 'webhook' && r.recipient_id ? (secrets.get(r.recipient_id) ?? null) : null,
    message: {
      sourceKind: r.source_kind,
      sourceId: r.source_id,
      title: r.title,
      body: r.body,
      detail: r.detail,
      link: r.link,
      severity: r.severity,
      data: r.data,
    },
  };
}

/** Sends one claimed delivery and records what happened. */
async function deliverOne(platform: Platform, r: repo.ClaimedRow, secrets: Map<string, string>): Promise<void> {
  const adapter = channelsOf(platform)[r.channel];
  let patch: Updateable<NotifyDeliveryTable>;
  try {
    const result = await adapter.send(outgoing(r, secrets));
    const now = platform.clock.now();
    patch = {
      status: result.status,
      sent_at: now,
      delivered_at: result.status === 'delivered' ? now : null,
      receipt: result.receipt ? JSON.stringify(result.receipt) : null,
      last_error: null,
      next_attempt_at: null,
      updated_at: now,
    };
  } catch (err) {
    const now = platform.clock.now();
    const permanent = err instanceof SendError && err.permanent;
    const next = afterFailure(r.attempts, platform.config.NOTIFY_MAX_ATTEMPTS, permanent, now);
    const message = clip(err instanceof SendError ? err.message : `发送失败：${errorText(err)}`, 1000);
    patch =
      next.status === 'failed'
        ? { status: 'failed', failed_at: now, next_attempt_at: null, last_error: message, updated_at: now }
        : { status: 'pending', next_attempt_at: next.nextAttemptAt, claimed_at: null, last_error: message, updated_at: now };
    if (next.status === 'failed') platform.log.warn({ deliveryId: r.id, channel: r.channel, error: message }, 'delivery failed');
  }
  const recorded = await repo.recordOutcome(platform.db, r.id, r.claimed_at!, patch);
  if (!recorded)
    platform.log.info({ deliveryId: r.id }, 'delivery changed while sending (receipt or released claim); outcome not recorded');
}

/** Runs `fn` over the items, at most `n` at a time. */
async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/** One round: claim a batch and send it. Returns how many were claimed. */
export async function sendDueBatch(platform: Platform): Promise<number> {
  const rows = await repo.claimDue(platform.db, platform.clock.now(), BATCH);
  if (rows.length === 0) return 0;
  const secrets = await secretsFor(platform, rows);
  await inParallel(rows, CONCURRENCY, async (r) => {
    try {
      await deliverOne(platform, r, secrets);
    } catch (err) {
      // The outcome could not be written (database gone): the claim goes stale and is released later.
      platform.log.error({ err, deliveryId: r.id }, 'recording a delivery outcome failed');
    }
  });
  return rows.length;
}

const draining = new WeakMap<Platform, { promise: Promise<number>; again: boolean }>();

/**
 * Sends everything due until nothing is left; returns how many were claimed. Concurrent calls in
 * one process share the run (and make it look once more before it stops).
 */
export function drainDeliveries(platform: Platform): Promise<number> {
  const current = draining.get(platform);
  if (current) {
    current.again = true;
    return current.promise;
  }
  const entry = { again: false, promise: Promise.resolve(0) };
  entry.promise = (async () => {
    let n = 0;
    try {
      const now = platform.clock.now();
      const stale = new Date(now.getTime() - claimStaleMs(platform.config.NOTIFY_SEND_TIMEOUT_MS));
      const released = await repo.releaseStale(platform.db, stale, now, platform.config.NOTIFY_MAX_ATTEMPTS);
      if (released) platform.log.warn({ deliveries: released }, 'released deliveries left sending by a stopped worker');
      for (;;) {
        const claimed = await sendDueBatch(platform);
        n += claimed;
        if (claimed > 0) continue;
        if (!entry.again) break;
        entry.again = false;
      }
    } finally {
      draining.delete(platform);
    }
    return n;
  })();
  draining.set(platform, entry);
  return entry.promise;
}

import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { notifyDb, type ChannelCol, type DeliveryStatusCol, type NotifyDeliveryTable, type NotifyMessageTable } from './notify.tables.js';

/**
 * SQL of messages and deliveries: idempotent inserts, the worker's claim (FOR UPDATE SKIP LOCKED,
 * so several workers never take the same row), outcome updates guarded by the claim, and the
 * dashboard's lists and counts.
 */

type Db = Kysely<Database>;
export type DeliveryRow = Selectable<NotifyDeliveryTable>;
export type MessageRow = Selectable<NotifyMessageTable>;

/** `null` = everywhere (system), `[]` = nowhere. */
const inScope = (column: string, scope: readonly string[] | null) => (scope === null ? sql<boolean>`true` : pathWithin(column, scope));

/** Inserts a message unless one with the same source and key exists; undefined when it did. */
export async function insertMessageOnce(db: Db, row: Insertable<NotifyMessageTable>): Promise<string | undefined> {
  const r = await notifyDb(db)
    .insertInto('notify_message')
    .values(row)
    .onConflict((oc) => oc.columns(['source_kind', 'source_id', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** Inserts deliveries, skipping any already there for the same message, channel and address; returns those inserted. */
export async function insertDeliveries(
  db: Db,
  rows: Insertable<NotifyDeliveryTable>[],
): Promise<{ id: string; channel: ChannelCol; address: string }[]> {
  const out: { id: string; channel: ChannelCol; address: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const r = await notifyDb(db)
      .insertInto('notify_delivery')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['message_id', 'channel', 'address']).doNothing())
      .returning(['id', 'channel', 'address'])
      .execute();
    out.push(...r);
  }
  return out;
}

/** Marks in-app deliveries delivered (or failed, for accounts that were not notified). */
export async function settleInApp(db: Db, ids: string[], status: 'delivered' | 'failed', now: Date, error: string | null): Promise<void> {
  if (ids.length === 0) return;
  await notifyDb(db)
    .updateTable('notify_delivery')
    .set({
      status,
      attempts: 1,
      next_attempt_at: null,
      sent_at: status === 'delivered' ? now : null,
      delivered_at: status === 'delivered' ? now : null,
      failed_at: status === 'failed' ? now : null,
      last_error: error,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .execute();
}

/** A claimed delivery with its message. */
export type ClaimedRow = DeliveryRow & {
  title: string;
  body: string | null;
  detail: string | null;
  link: string | null;
  severity: MessageRow['severity'];
  data: Record<string, unknown> | null;
};

/**
 * Takes up to `limit` due pending deliveries (skipping rows another worker holds), marks them
 * sending and counts the attempt, in one statement (it commits at once: nothing stays locked
 * while the messages go out).
 */
export async function claimDue(db: Db, now: Date, limit: number): Promise<ClaimedRow[]> {
  const r = await sql<ClaimedRow>`
    UPDATE notify_delivery d
    SET status = 'sending', claimed_at = ${now}, attempts = d.attempts + 1, updated_at = ${now}
    FROM notify_message m
    WHERE m.id = d.message_id AND d.id IN (
      SELECT id FROM notify_delivery
      WHERE status = 'pending' AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d.*, m.title, m.body, m.detail, m.link, m.severity, m.data`.execute(db);
  return r.rows;
}

/**
 * Claims left `sending` since before `before` belong to a worker that stopped mid-send: they go
 * back to pending (due now), or fail when their attempts are used up. Returns how many.
 */
export async function releaseStale(db: Db, before: Date, now: Date, maxAttempts: number): Promise<number> {
  const r = await sql`
    UPDATE notify_delivery SET
      status = CASE WHEN attempts >= ${maxAttempts} THEN 'failed' ELSE 'pending' END,
      next_attempt_at = CASE WHEN attempts >= ${maxAttempts} THEN NULL ELSE ${now}::timestamptz END,
      failed_at = CASE WHEN attempts >= ${maxAttempts} THEN ${now}::timestamptz ELSE NULL END,
      last_error = '发送过程中断（处理进程停止），' || CASE WHEN attempts >= ${maxAttempts} THEN '已达最大尝试次数' ELSE '将重新发送' END,
      claimed_at = NULL,
      updated_at = ${now}
    WHERE status = 'sending' AND claimed_at < ${before}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Records the outcome of one send, only if the row is still under this claim (a receipt may
 * have overtaken it, or a stale claim been released). Returns whether it was recorded.
 */
export async function recordOutcome(db: Db, id: string, claimedAt: Date, patch: Updateable<NotifyDeliveryTable>): Promise<boolean> {
  const r = await notifyDb(db)
    .updateTable('notify_delivery')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claimed_at', '=', claimedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return notifyDb(db).selectFrom('notify_delivery').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Loads with a row lock for an update in the current transaction. */
export async function lockDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return notifyDb(db).selectFrom('notify_delivery').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateDelivery(db: Db, id: string, patch: Updateable<NotifyDeliveryTable>): Promise<DeliveryRow> {
  return notifyDb(db).updateTable('notify_delivery').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface DeliveryFilter {
  scope: readonly string[] | null;
  sourceKind?: string | undefined;
  sourceId?: string | undefined;
  status?: DeliveryStatusCol | undefined;
  channel?: ChannelCol | undefined;
}

function filtered(db: Db, f: DeliveryFilter) {
  let q = notifyDb(db).selectFrom('notify_delivery').where(inScope('org_path', f.scope));
  if (f.sourceKind) q = q.where('source_kind', '=', f.sourceKind);
  if (f.sourceId) q = q.where('source_id', '=', f.sourceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.channel) q = q.where('channel', '=', f.channel);
  return q;
}

/** One page of deliveries in id order (creation order), after `afterId`. */
export async function listDeliveries(db: Db, f: DeliveryFilter, afterId: string | null, limit: number): Promise<DeliveryRow[]> {
  let q = filtered(db, f).selectAll();
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

export async function countDeliveries(db: Db, f: DeliveryFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts by channel and status of one source's deliveries within the scope. */
export async function countByChannelStatus(
  db: Db,
  f: Pick<DeliveryFilter, 'scope' | 'sourceKind' | 'sourceId'>,
): Promise<{ channel: ChannelCol; status: DeliveryStatusCol; n: number }[]> {
  const r = await filtered(db, f)
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['channel', 'status'])
    .execute();
  return r.map((x) => ({ channel: x.channel, status: x.status, n: Number(x.n) }));
}

/** Deliveries due or in flight (any source), to know whether the worker has work. */
export async function pendingCount(db: Db): Promise<number> {
  const r = await notifyDb(db)
    .selectFrom('notify_delivery')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Sealed webhook keys of subscribers, by id (deleted subscribers are absent). */
export async function subscriberSecrets(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await notifyDb(db).selectFrom('notify_subscriber').select(['id', 'secret_sealed']).where('id', 'in', ids).execute();
  return new Map(rows.filter((r) => r.secret_sealed).map((r) => [r.id, r.secret_sealed!]));
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * SQL of telemetry storage: one batch is written with a handful of set-based statements over
 * arrays (`unnest`), never row by row. Times travel as epoch milliseconds (float8) and become
 * timestamptz in SQL, which both PostgreSQL and PGlite accept without array date parsing.
 */

/** Column arrays of the readings of one batch. */
export interface ReadingColumns {
  refs: number[];
  ts: number[];
  values: number[];
}

/** Newest reading per point in the batch (one row per point: ON CONFLICT cannot touch a row twice). */
export interface LatestColumns extends ReadingColumns {
  receivedAt: number[];
}

/** Per-device counters of the batch. */
export interface StatColumns {
  deviceIds: string[];
  accepted: number[];
  rejected: number[];
  lastAcceptedAt: (number | null)[];
  lastRejectedAt: (number | null)[];
  lastRejectReason: (string | null)[];
}

export interface DeadLetterColumns {
  receivedAt: number[];
  transport: string[];
  deviceCode: (string | null)[];
  deviceId: (string | null)[];
  metric: (string | null)[];
  reason: string[];
  detail: (string | null)[];
  payload: (string | null)[];
}

/** Hourly aggregates of late readings, merged into rollups already computed. */
export interface HourlyColumns {
  refs: number[];
  hours: number[];
  min: number[];
  max: number[];
  sum: number[];
  count: number[];
}

export interface SeenColumns {
  deviceIds: string[];
  at: number[];
}

export async function insertReadings(db: Kysely<Database>, c: ReadingColumns): Promise<void> {
  if (c.refs.length === 0) return;
  await sql`
    INSERT INTO reading (point_ref, ts, value)
    SELECT r, to_timestamp(t / 1000.0), v FROM unnest(${c.refs}::int4[], ${c.ts}::float8[], ${c.values}::float8[]) AS x(r, t, v)
  `.execute(db);
}

export async function upsertLatest(db: Kysely<Database>, c: LatestColumns): Promise<void> {
  if (c.refs.length === 0) return;
  await sql`
    INSERT INTO reading_latest AS l (point_ref, ts, value, received_at)
    SELECT r, to_timestamp(t / 1000.0), v, to_timestamp(rc / 1000.0)
    FROM unnest(${c.refs}::int4[], ${c.ts}::float8[], ${c.values}::float8[], ${c.receivedAt}::float8[]) AS x(r, t, v, rc)
    ON CONFLICT (point_ref) DO UPDATE SET ts = EXCLUDED.ts, value = EXCLUDED.value, received_at = EXCLUDED.received_at
    WHERE l.ts <= EXCLUDED.ts
  `.execute(db);
}

export async function upsertStats(db: Kysely<Database>, c: StatColumns): Promise<void> {
  if (c.deviceIds.length === 0) return;
  await sql`
    INSERT INTO device_ingest_stat AS s (device_id, accepted, rejected, last_accepted_at, last_rejected_at, last_reject_reason)
    SELECT id, a, r, to_timestamp(la / 1000.0), to_timestamp(lr / 1000.0), reason
    FROM unnest(${c.deviceIds}::uuid[], ${c.accepted}::int8[], ${c.rejected}::int8[], ${c.lastAcceptedAt}::float8[],
                ${c.lastRejectedAt}::float8[], ${c.lastRejectReason}::text[]) AS x(id, a, r, la, lr, reason)
    ON CONFLICT (device_id) DO UPDATE SET
      accepted = s.accepted + EXCLUDED.accepted,
      rejected = s.rejected + EXCLUDED.rejected,
      last_accepted_at = GREATEST(s.last_accepted_at, EXCLUDED.last_accepted_at),
      last_rejected_at = GREATEST(s.last_rejected_at, EXCLUDED.last_rejected_at),
      last_reject_reason = COALESCE(EXCLUDED.last_reject_reason, s.last_reject_reason)
  `.execute(db);
}

export async function insertDeadLetters(db: Kysely<Database>, c: DeadLetterColumns): Promise<void> {
  if (c.reason.length === 0) return;
  await sql`
    INSERT INTO reading_dead_letter (received_at, transport, device_code, device_id, metric, reason, detail, payload)
    SELECT to_timestamp(rc / 1000.0), tr, dc, di, m, r, d, p
    FROM unnest(${c.receivedAt}::float8[], ${c.transport}::text[], ${c.deviceCode}::text[], ${c.deviceId}::uuid[],
                ${c.metric}::text[], ${c.reason}::text[], ${c.detail}::text[], ${c.payload}::text[]) AS x(rc, tr, dc, di, m, r, d, p)
  `.execute(db);
}

/** Merges late readings into hourly rollups already computed (count-weighted average). */
export async function mergeHourly(db: Kysely<Database>, c: HourlyColumns): Promise<void> {
  if (c.refs.length === 0) return;
  await sql`
    INSERT INTO reading_hourly AS h (point_ref, hour, min, max, avg, count)
    SELECT r, to_timestamp(hr / 1000.0), mn, mx, s / n, n
    FROM unnest(${c.refs}::int4[], ${c.hours}::float8[], ${c.min}::float8[], ${c.max}::float8[], ${c.sum}::float8[], ${c.count}::int4[])
      AS x(r, hr, mn, mx, s, n)
    ON CONFLICT (point_ref, hour) DO UPDATE SET
      min = LEAST(h.min, EXCLUDED.min),
      max = GREATEST(h.max, EXCLUDED.max),
      avg = (h.avg * h.count + EXCLUDED.avg * EXCLUDED.count) / (h.count + EXCLUDED.count),
      count = h.count + EXCLUDED.count
  `.execute(db);
}

/** Marks devices seen (online, last_seen_at moves forward only). */
export async function markSeen(db: Kysely<Database>, c: SeenColumns): Promise<void> {
  if (c.deviceIds.length === 0) return;
  await sql`
    UPDATE device AS d SET last_seen_at = GREATEST(d.last_seen_at, to_timestamp(x.t / 1000.0)), online = true
    FROM unnest(${c.deviceIds}::uuid[], ${c.at}::float8[]) AS x(id, t)
    WHERE d.id = x.id AND (NOT d.online OR d.last_seen_at IS NULL OR d.last_seen_at < to_timestamp(x.t / 1000.0))
  `.execute(db);
}

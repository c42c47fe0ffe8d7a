import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { DAY_MS, HOUR_MS, partitionDay, partitionName } from './reading-days.js';

/**
 * SQL of the reading tables' upkeep: day partitions (created ahead, rows moved out of the
 * DEFAULT partition), retention, hourly rollups and device presence. Partition bounds must be
 * literals in DDL; they are built here from numbers, never from input.
 */

const ROLLUP_WATERMARK_KEY = 'monitoring.rollup_watermark';
/** Advisory lock key: one instance at a time summarises hours. */
export const LOCK_ROLLUP = 727_102;

function literal(ms: number): string {
  return `'${new Date(ms).toISOString()}'`;
}

/** Takes a transaction-scoped advisory lock; false when another session holds it. */
export async function tryLock(tx: Kysely<Database>, key: number): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${key}::bigint) AS ok`.execute(tx);
  return Boolean(r.rows[0]?.ok);
}

/** Names of the day partitions of `reading` (not the DEFAULT one). */
export async function listDayPartitions(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'reading'::regclass`.execute(db);
  return r.rows.map((x) => x.name).filter((n) => partitionDay(n) !== null);
}

/** UTC days that have rows in the DEFAULT partition (normally none). */
export async function daysInDefault(db: Kysely<Database>): Promise<number[]> {
  const r = await sql<{ day: number }>`
    SELECT DISTINCT floor(extract(epoch FROM ts) / 86400)::int AS day FROM reading_default ORDER BY 1`.execute(db);
  return r.rows.map((x) => Number(x.day) * DAY_MS);
}

async function defaultHasRows(db: Kysely<Database>, day: number): Promise<boolean> {
  const r = await sql<{ any: boolean }>`
    SELECT EXISTS (SELECT 1 FROM reading_default WHERE ts >= ${sql.raw(literal(day))} AND ts < ${sql.raw(literal(day + DAY_MS))}) AS any`.execute(
    db,
  );
  return Boolean(r.rows[0]?.any);
}

/**
 * Creates the partition of `day` if missing. PostgreSQL refuses to create a partition whose range
 * has rows in the DEFAULT partition, so such rows are moved into a new table (inserts into the
 * default are blocked meanwhile) that is then attached. Returns what was done.
 */
export async function ensureDayPartition(db: Kysely<Database>, day: number): Promise<'exists' | 'created' | { moved: number }> {
  const name = partitionName(day);
  const from = sql.raw(literal(day));
  const to = sql.raw(literal(day + DAY_MS));
  const table = sql.raw(name);
  const exists = await sql<{ ok: boolean }>`SELECT to_regclass(${name}) IS NOT NULL AS ok`.execute(db);
  if (exists.rows[0]?.ok) return 'exists';
  if (!(await defaultHasRows(db, day))) {
    try {
      await sql`CREATE TABLE IF NOT EXISTS ${table} PARTITION OF reading FOR VALUES FROM (${from}) TO (${to})`.execute(db);
      return 'created';
    } catch (err) {
      // 23514: rows for this day reached the default partition meanwhile; move them below.
      if ((err as { code?: string }).code !== '23514') throw err;
    }
  }
  return db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE reading_default IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    await sql`CREATE TABLE ${table} (LIKE reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(tx);
    const moved = await sql`
      WITH gone AS (DELETE FROM reading_default WHERE ts >= ${from} AND ts < ${to} RETURNING point_ref, ts, value)
      INSERT INTO ${table} (point_ref, ts, value) SELECT point_ref, ts, value FROM gone`.execute(tx);
    await sql`ALTER TABLE reading ATTACH PARTITION ${table} FOR VALUES FROM (${from}) TO (${to})`.execute(tx);
    return { moved: Number(moved.numAffectedRows ?? 0) };
  });
}

export async function dropPartition(db: Kysely<Database>, name: string): Promise<void> {
  if (partitionDay(name) === null) throw new Error(`not a day partition: ${name}`);
  await sql`DROP TABLE IF EXISTS ${sql.raw(name)}`.execute(db);
}

/** Deletes rows older than `cutoff` from the DEFAULT partition (days never given a partition). */
export async function deleteOldDefaultRows(db: Kysely<Database>, cutoff: number): Promise<number> {
  const r = await sql`DELETE FROM reading_default WHERE ts < to_timestamp(${cutoff}::float8 / 1000)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function deleteOldHourly(db: Kysely<Database>, cutoff: number): Promise<number> {
  const r = await sql`DELETE FROM reading_hourly WHERE hour < to_timestamp(${cutoff}::float8 / 1000)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function deleteOldDeadLetters(db: Kysely<Database>, cutoff: number): Promise<number> {
  const r = await sql`DELETE FROM reading_dead_letter WHERE received_at < to_timestamp(${cutoff}::float8 / 1000)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** First hour not yet summarised, or null before the first run. */
export async function getRollupWatermark(db: Kysely<Database>): Promise<number | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', ROLLUP_WATERMARK_KEY).executeTakeFirst();
  const hour = (row?.value as { hour?: unknown } | undefined)?.hour;
  return typeof hour === 'number' ? hour : null;
}

export async function setRollupWatermark(db: Kysely<Database>, hour: number): Promise<void> {
  const value = JSON.stringify({ hour, at: new Date(hour).toISOString() });
  await sql`
    INSERT INTO setting (key, value, updated_at) VALUES (${ROLLUP_WATERMARK_KEY}, ${value}::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`.execute(db);
}

/** Time of the oldest raw reading, or null when there is none. */
export async function oldestReading(db: Kysely<Database>): Promise<number | null> {
  const r = await sql<{ ms: number | null }>`SELECT (extract(epoch FROM min(ts)) * 1000)::float8 AS ms FROM reading`.execute(db);
  const ms = r.rows[0]?.ms;
  return ms === null || ms === undefined ? null : Number(ms);
}

/** Recomputes one hour's min/max/avg/count per point from the raw readings (replacing what was there). */
export async function rollupHour(db: Kysely<Database>, hour: number): Promise<number> {
  const from = sql.raw(literal(hour));
  const to = sql.raw(literal(hour + HOUR_MS));
  const r = await sql`
    INSERT INTO reading_hourly AS h (point_ref, hour, min, max, avg, count)
    SELECT point_ref, ${from}::timestamptz, min(value), max(value), avg(value), count(*)
    FROM reading WHERE ts >= ${from} AND ts < ${to}
    GROUP BY point_ref
    ON CONFLICT (point_ref, hour) DO UPDATE SET min = EXCLUDED.min, max = EXCLUDED.max, avg = EXCLUDED.avg, count = EXCLUDED.count`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Brings `device.online` in line with the data: online when the last accepted reading is within
 * 3 × the longest sample interval of its enabled points (60 s when it has none), offline
 * otherwise. Only rows whose state changes are written; returns them.
 */
export async function updatePresence(db: Kysely<Database>, now: number): Promise<{ id: string; online: boolean }[]> {
  const r = await sql<{ id: string; online: boolean }>`
    WITH iv AS (SELECT device_id, max(interval_s) AS mi FROM point WHERE enabled GROUP BY device_id),
    st AS (
      SELECT d.id,
        GREATEST(s.last_accepted_at, d.last_seen_at) AS last,
        COALESCE(GREATEST(s.last_accepted_at, d.last_seen_at) >= to_timestamp(${now}::float8 / 1000) - make_interval(secs => 3 * COALESCE(iv.mi, 60)), false) AS on_now
      FROM device d
      LEFT JOIN device_ingest_stat s ON s.device_id = d.id
      LEFT JOIN iv ON iv.device_id = d.id
    )
    UPDATE device AS d SET online = st.on_now, last_seen_at = COALESCE(st.last, d.last_seen_at)
    FROM st WHERE d.id = st.id AND d.online IS DISTINCT FROM st.on_now
    RETURNING d.id, d.online`.execute(db);
  return r.rows;
}

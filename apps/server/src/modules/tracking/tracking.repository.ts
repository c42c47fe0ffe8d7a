import { sql, type Kysely } from 'kysely';
import type { TrackerListQuery, TrackRefusalReason } from '@vigil/shared';
import { countRows, newestFirstPage, type KeysetAfter } from '../../platform/db/paging.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import type { Fix } from './position-check.js';
import { trackingDb, type TrackerTable, type TrackSource } from './tracking.tables.js';

/** A tracker row as read: the last fix split into lng/lat. */
export type TrackerRow = Omit<
  TrackerTable,
  'last_location' | 'last_at' | 'status' | 'refused_count' | 'source' | 'version' | 'created_at' | 'updated_at'
> & {
  last_at: Date | null;
  status: 'active' | 'disabled';
  refused_count: number;
  source: 'manual' | 'phone' | 'demo';
  version: number;
  created_at: Date;
  updated_at: Date;
  last_lng: number | null;
  last_lat: number | null;
};

const point = (lng: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`;

function selectTrackers(db: Kysely<Database>) {
  return trackingDb(db)
    .selectFrom('tracker as t')
    .select([
      't.id',
      't.code',
      't.name',
      't.kind',
      't.subject_kind',
      't.subject_id',
      't.subject_name',
      't.org_id',
      't.org_path',
      't.secret_hash',
      't.status',
      't.last_at',
      't.last_speed_kmh',
      't.last_heading',
      't.refused_count',
      't.source',
      't.version',
      't.created_by',
      't.created_at',
      't.updated_at',
      sql<number | null>`ST_X(t.last_location)`.as('last_lng'),
      sql<number | null>`ST_Y(t.last_location)`.as('last_lat'),
    ]);
}

export async function findTrackerById(db: Kysely<Database>, id: string): Promise<TrackerRow | undefined> {
  return (await selectTrackers(db).where('t.id', '=', id).executeTakeFirst()) as TrackerRow | undefined;
}

export async function findTrackerByCode(db: Kysely<Database>, code: string): Promise<TrackerRow | undefined> {
  return (await selectTrackers(db).where('t.code', '=', code).executeTakeFirst()) as TrackerRow | undefined;
}

/** The phone tracker of a user, locked for update when `lock` (two tabs sharing at once). */
export async function findPhoneTracker(db: Kysely<Database>, userId: string): Promise<TrackerRow | undefined> {
  return (await selectTrackers(db).where('t.kind', '=', 'phone').where('t.subject_id', '=', userId).executeTakeFirst()) as
    TrackerRow | undefined;
}

export interface NewTracker {
  id: string;
  code: string;
  name: string;
  kind: 'device' | 'phone';
  subject_kind: 'team' | 'equipment' | 'user';
  subject_id: string | null;
  subject_name: string;
  org_id: string;
  org_path: string;
  secret_hash: string | null;
  source: 'manual' | 'phone' | 'demo';
  created_by: string | null;
  now: Date;
}

/** Inserts a tracker; returns false when the code (or the user's phone tracker) already exists. */
export async function insertTracker(db: Kysely<Database>, t: NewTracker): Promise<boolean> {
  const r = await sql`
    INSERT INTO tracker (id, code, name, kind, subject_kind, subject_id, subject_name, org_id, org_path, secret_hash, source, created_by, created_at, updated_at)
    VALUES (${t.id}, ${t.code}, ${t.name}, ${t.kind}, ${t.subject_kind}, ${t.subject_id}, ${t.subject_name}, ${t.org_id}, ${t.org_path}::ltree,
            ${t.secret_hash}, ${t.source}, ${t.created_by}, ${t.now}, ${t.now})
    ON CONFLICT DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Changes name/status/secret when `version` still matches; the updated row, or undefined on a stale version. */
export async function updateTracker(
  db: Kysely<Database>,
  id: string,
  version: number,
  set: { name?: string; status?: 'active' | 'disabled'; secret_hash?: string },
  now: Date,
): Promise<boolean> {
  const r = await trackingDb(db)
    .updateTable('tracker')
    .set({ ...set, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface TrackerListFilter {
  scope: readonly string[] | null;
  query: TrackerListQuery;
  after: { code: string } | null;
  staleBefore: Date;
}

/** One page of trackers ordered by code, and how many match. */
export async function listTrackers(db: Kysely<Database>, f: TrackerListFilter): Promise<{ rows: TrackerRow[]; total: number }> {
  let q = selectTrackers(db);
  if (f.scope) q = q.where(pathWithin('t.org_path', f.scope));
  const { query } = f;
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('t.code', 'ilike', like), eb('t.name', 'ilike', like), eb('t.subject_name', 'ilike', like)]));
  }
  if (query.subjectKind) q = q.where('t.subject_kind', '=', query.subjectKind);
  if (query.status) q = q.where('t.status', '=', query.status);
  if (query.stale === 'true') q = q.where((eb) => eb.or([eb('t.last_at', 'is', null), eb('t.last_at', '<', f.staleBefore)]));
  if (query.stale === 'false') q = q.where('t.last_at', '>=', f.staleBefore);
  const total = await countRows(q);
  const page = (f.after ? q.where('t.code', '>', f.after.code) : q).orderBy('t.code').limit(query.limit);
  return { rows: (await page.execute()) as TrackerRow[], total };
}

/** The stored fix at or just before `at` (the reference for the next fix), or null. */
export async function fixBefore(db: Kysely<Database>, trackerId: string, at: Date): Promise<{ lng: number; lat: number; at: Date } | null> {
  const r = await sql<{ lng: number; lat: number; at: Date }>`
    SELECT ST_X(location) AS lng, ST_Y(location) AS lat, at FROM track_position
    WHERE tracker_id = ${trackerId} AND at <= ${at} ORDER BY at DESC LIMIT 1`.execute(db);
  const row = r.rows[0];
  return row ? { lng: Number(row.lng), lat: Number(row.lat), at: new Date(row.at) } : null;
}

/** Stores accepted fixes and moves the tracker's last fix forward (never back, for late uploads). */
export async function insertFixes(
  db: Kysely<Database>,
  trackerId: string,
  fixes: readonly Fix[],
  source: TrackSource,
  receivedAt: Date,
): Promise<void> {
  if (fixes.length === 0) return;
  await sql`
    INSERT INTO track_position (tracker_id, at, received_at, location, speed_kmh, heading, accuracy_m, source)
    SELECT ${trackerId}::uuid, f.at, ${receivedAt}::timestamptz, ST_SetSRID(ST_MakePoint(f.lng, f.lat), 4326), f.speed, f.heading, f.accuracy, ${source}
    FROM unnest(${fixes.map((f) => f.at.toISOString())}::timestamptz[], ${fixes.map((f) => f.lng)}::float8[], ${fixes.map((f) => f.lat)}::float8[],
                ${fixes.map((f) => f.speedKmh)}::float8[], ${fixes.map((f) => f.heading)}::float8[], ${fixes.map((f) => f.accuracyM)}::float8[])
      AS f(at, lng, lat, speed, heading, accuracy)`.execute(db);
  const latest = fixes.reduce((a, b) => (b.at > a.at ? b : a));
  await sql`
    UPDATE tracker SET last_location = ${point(latest.lng, latest.lat)}, last_at = ${latest.at}, last_speed_kmh = ${latest.speedKmh},
      last_heading = ${latest.heading}
    WHERE id = ${trackerId} AND (last_at IS NULL OR last_at <= ${latest.at})`.execute(db);
}

export interface NewRefusal {
  tracker_id: string | null;
  tracker_code: string | null;
  org_path: string | null;
  source: TrackSource;
  reason: TrackRefusalReason;
  message: string;
}

/** Records refused positions or messages, and counts them on their tracker. */
export async function insertRefusals(db: Kysely<Database>, rows: readonly NewRefusal[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await trackingDb(db)
    .insertInto('track_refusal')
    .values(rows.slice(0, 100).map((r) => ({ ...r, at })))
    .execute();
  const id = rows[0]!.tracker_id;
  if (id) await sql`UPDATE tracker SET refused_count = refused_count + ${rows.length} WHERE id = ${id}`.execute(db);
}

export interface LiveRow {
  id: string;
  name: string;
  kind: 'device' | 'phone';
  subject_kind: 'team' | 'equipment' | 'user';
  subject_id: string | null;
  subject_name: string;
  lng: number;
  lat: number;
  last_at: Date;
  last_speed_kmh: number | null;
  last_heading: number | null;
}

/** Active trackers in scope with a fix newer than `since`, newest first (at most 5,000). */
export async function liveUnits(db: Kysely<Database>, scope: readonly string[] | null, since: Date): Promise<LiveRow[]> {
  const r = await sql<LiveRow>`
    SELECT t.id, t.name, t.kind, t.subject_kind, t.subject_id, t.subject_name, ST_X(t.last_location) AS lng, ST_Y(t.last_location) AS lat,
           t.last_at, t.last_speed_kmh, t.last_heading
    FROM tracker t
    WHERE t.status = 'active' AND t.last_at >= ${since} AND ${scope ? pathWithin('t.org_path', scope) : sql`true`}
    ORDER BY t.last_at DESC LIMIT 5000`.execute(db);
  return r.rows;
}

/** A tracker's fixes between two times, oldest first, at most `limit` (the most recent ones). */
export async function trackPoints(
  db: Kysely<Database>,
  trackerId: string,
  from: Date,
  to: Date,
  limit: number,
): Promise<{ points: { lng: number; lat: number; at: Date; speed_kmh: number | null }[]; truncated: boolean }> {
  const r = await sql<{ lng: number; lat: number; at: Date; speed_kmh: number | null }>`
    SELECT ST_X(location) AS lng, ST_Y(location) AS lat, at, speed_kmh FROM track_position
    WHERE tracker_id = ${trackerId} AND at >= ${from} AND at <= ${to}
    ORDER BY at DESC LIMIT ${limit + 1}`.execute(db);
  const truncated = r.rows.length > limit;
  return { points: r.rows.slice(0, limit).reverse(), truncated };
}

export interface RefusalRow {
  id: string;
  at: Date;
  tracker_id: string | null;
  tracker_code: string | null;
  source: TrackSource;
  reason: TrackRefusalReason;
  message: string;
}

/**
 * Refusals newest first, within the tracker's org subtree; refusals of codes that name no tracker
 * (no org) only when `withUnowned`.
 */
export async function listRefusals(
  db: Kysely<Database>,
  scope: readonly string[] | null,
  withUnowned: boolean,
  trackerId: string | undefined,
  after: KeysetAfter | null,
  limit: number,
): Promise<{ rows: RefusalRow[]; total: number }> {
  let q = trackingDb(db)
    .selectFrom('track_refusal as r')
    .select(['r.id', 'r.at', 'r.tracker_id', 'r.tracker_code', 'r.source', 'r.reason', 'r.message']);
  if (scope) q = q.where((eb) => eb.or([pathWithin('r.org_path', scope), ...(withUnowned ? [eb('r.org_path', 'is', null)] : [])]));
  if (trackerId) q = q.where('r.tracker_id', '=', trackerId);
  const total = await countRows(q);
  const rows = await newestFirstPage(q, 'r.at', 'r.id', after, limit).execute();
  return { rows: rows.map((r) => ({ ...r, id: String(r.id) })), total };
}

/** Removes fixes and refusals received before `before`; returns how many fixes went. */
export async function prune(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await sql`DELETE FROM track_position WHERE received_at < ${before}`.execute(db);
  await sql`DELETE FROM track_refusal WHERE at < ${before}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Locks a tracker row for the rest of the transaction (fixes of one tracker are judged one message at a time). */
export async function lockTracker(db: Kysely<Database>, id: string): Promise<void> {
  await sql`SELECT id FROM tracker WHERE id = ${id} FOR UPDATE`.execute(db);
}

export interface DemoSubject {
  id: string;
  kind: 'team' | 'equipment';
  name: string;
  org_id: string;
  org_path: string;
  lng: number;
  lat: number;
}

/**
 * Demo teams and vehicles to carry demo trackers (a read of the resources registry's demo rows,
 * only for seeding): the first `n` of each kind by code.
 */
export async function demoSubjects(db: Kysely<Database>, n: number): Promise<DemoSubject[]> {
  const r = await sql<DemoSubject>`
    (SELECT id, kind, name, org_id, org_path::text AS org_path, ST_X(location) AS lng, ST_Y(location) AS lat FROM resource
     WHERE kind = 'team' AND source = 'demo' AND archived_at IS NULL ORDER BY external_code LIMIT ${n})
    UNION ALL
    (SELECT id, kind, name, org_id, org_path::text AS org_path, ST_X(location) AS lng, ST_Y(location) AS lat FROM resource
     WHERE kind = 'equipment' AND source = 'demo' AND archived_at IS NULL ORDER BY external_code LIMIT ${n})`.execute(db);
  return r.rows.map((x) => ({ ...x, lng: Number(x.lng), lat: Number(x.lat) }));
}

export async function countDemoTrackers(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tracker WHERE source = 'demo'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

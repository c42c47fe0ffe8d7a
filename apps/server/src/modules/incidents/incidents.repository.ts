import type { IncidentStatus } from '@vigil/shared';
import { sql, type Expression, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database, IncidentTable } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

/** An incident as stored (the point as lng/lat); the shape other modules receive. */
export interface IncidentRow {
  id: string;
  org_id: string;
  org_path: string;
  title: string;
  event_type: string;
  category: string;
  grade: number | null;
  computed_grade: number | null;
  grade_source: 'computed' | 'override';
  grade_reason: string | null;
  status: IncidentStatus;
  status_reason: string | null;
  merged_into_id: string | null;
  occurred_at: Date;
  received_at: Date;
  lng: number | null;
  lat: number | null;
  address: string | null;
  county_code: string | null;
  township_code: string | null;
  out_of_jurisdiction: boolean;
  source: IncidentTable['source'];
  reporter_name: string | null;
  reporter_phone_sealed: string | null;
  reporter_phone_masked: string | null;
  description: string | null;
  dead: number;
  missing: number;
  seriously_injured: number;
  lightly_injured: number;
  direct_loss_yuan: number;
  affected: number;
  evacuated: number;
  duplicate_hint: boolean;
  duplicate_candidate_ids: string[];
  external_source: string | null;
  external_ref: string | null;
  version: number;
  is_demo: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An incident with the names the API shows next to codes. */
export interface IncidentView extends IncidentRow {
  org_name: string;
  event_type_name: string | null;
  category_name: string | null;
  county_name: string | null;
}

const COLUMNS = [
  'i.id',
  'i.org_id',
  'i.org_path',
  'i.title',
  'i.event_type',
  'i.category',
  'i.grade',
  'i.computed_grade',
  'i.grade_source',
  'i.grade_reason',
  'i.status',
  'i.status_reason',
  'i.merged_into_id',
  'i.occurred_at',
  'i.received_at',
  'i.address',
  'i.county_code',
  'i.township_code',
  'i.out_of_jurisdiction',
  'i.source',
  'i.reporter_name',
  'i.reporter_phone_sealed',
  'i.reporter_phone_masked',
  'i.description',
  'i.dead',
  'i.missing',
  'i.seriously_injured',
  'i.lightly_injured',
  'i.direct_loss_yuan',
  'i.affected',
  'i.evacuated',
  'i.duplicate_hint',
  'i.duplicate_candidate_ids',
  'i.external_source',
  'i.external_ref',
  'i.version',
  'i.is_demo',
  'i.created_by',
  'i.created_at',
  'i.updated_at',
] as const;

const lng = sql<number | null>`ST_X(i.location)`.as('lng');
const lat = sql<number | null>`ST_Y(i.location)`.as('lat');

function rows(db: Db) {
  return db.selectFrom('incident as i').select(COLUMNS).select([lng, lat]);
}

function views(db: Db) {
  return rows(db)
    .innerJoin('org as o', 'o.id', 'i.org_id')
    .leftJoin('code_table as et', (j) => j.onRef('et.code', '=', 'i.event_type').on('et.family', '=', 'event'))
    .leftJoin('code_table as ec', (j) => j.onRef('ec.code', '=', 'i.category').on('ec.family', '=', 'event'))
    .leftJoin('admin_division as ad', 'ad.code', 'i.county_code')
    .select(['o.name as org_name', 'et.name as event_type_name', 'ec.name as category_name', 'ad.name as county_name']);
}

/** A WGS84 point for SQL. */
export function pointSql(p: { lng: number; lat: number }) {
  return sql`ST_SetSRID(ST_MakePoint(${p.lng}, ${p.lat}), 4326)`;
}

/** `org_path` lies in one of the subtrees; null = everywhere (system), [] = nowhere. */
export function inScope(column: string, paths: readonly string[] | null): Expression<SqlBool> {
  if (paths === null) return sql<SqlBool>`true`;
  if (paths.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    paths.map((p) => sql`${sql.ref(column)} <@ ${p}::ltree`),
    sql` OR `,
  )})`;
}

export async function findIncidentRow(db: Db, id: string): Promise<IncidentRow | undefined> {
  return rows(db).where('i.id', '=', id).executeTakeFirst() as Promise<IncidentRow | undefined>;
}

/** The row locked for an update in the current transaction. */
export async function lockIncident(db: Db, id: string): Promise<IncidentRow | undefined> {
  return rows(db).where('i.id', '=', id).forUpdate().executeTakeFirst() as Promise<IncidentRow | undefined>;
}

export async function findIncidentView(db: Db, id: string): Promise<IncidentView | undefined> {
  return views(db).where('i.id', '=', id).executeTakeFirst() as Promise<IncidentView | undefined>;
}

export async function findByExternalRef(db: Db, source: string, ref: string): Promise<IncidentRow | undefined> {
  return rows(db).where('i.external_source', '=', source).where('i.external_ref', '=', ref).executeTakeFirst() as Promise<
    IncidentRow | undefined
  >;
}

export type IncidentInsert = Omit<IncidentRow, 'lng' | 'lat' | 'version' | 'updated_at' | 'grade_reason' | 'status_reason'> & {
  point: { lng: number; lat: number } | null;
};

/**
 * Inserts an incident; returns false when an incident with the same external source and
 * reference already exists (the unique index decides, so concurrent duplicates insert once).
 */
export async function insertIncident(db: Db, v: IncidentInsert): Promise<boolean> {
  const { point, ...row } = v;
  const r = await db
    .insertInto('incident')
    .values({ ...row, location: point ? pointSql(point) : null, updated_at: v.created_at })
    .onConflict((oc) => oc.columns(['external_source', 'external_ref']).where('external_source', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}

export type IncidentPatch = Omit<Updateable<IncidentTable>, 'id' | 'version' | 'location'> & {
  point?: { lng: number; lat: number } | null;
};

/** Applies a change and bumps the version. */
export async function updateIncident(db: Db, id: string, patch: IncidentPatch, at: Date): Promise<void> {
  const { point, ...rest } = patch;
  await db
    .updateTable('incident')
    .set({
      ...rest,
      ...(point === undefined ? {} : { location: point ? pointSql(point) : null }),
      updated_at: at,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/** Filters of the list, the map layer and the export, already parsed. */
export interface IncidentFilters {
  scope: readonly string[] | null;
  statuses?: string[] | undefined;
  eventTypePrefix?: string | undefined;
  category?: string | undefined;
  grade?: number | undefined;
  countyCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
  hasDuplicateHint?: boolean | undefined;
  bbox?: [number, number, number, number] | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function filtered(db: Db, f: IncidentFilters) {
  let q = views(db).where(inScope('i.org_path', f.scope));
  if (f.statuses?.length) q = q.where('i.status', 'in', f.statuses as IncidentStatus[]);
  if (f.eventTypePrefix) q = q.where('i.event_type', 'like', `${escapeLike(f.eventTypePrefix)}%`);
  if (f.category) q = q.where('i.category', '=', f.category);
  if (f.grade) q = q.where('i.grade', '=', f.grade);
  if (f.countyCode) q = q.where('i.county_code', '=', f.countyCode);
  if (f.from) q = q.where('i.received_at', '>=', f.from);
  if (f.to) q = q.where('i.received_at', '<', f.to);
  if (f.hasDuplicateHint !== undefined) q = q.where('i.duplicate_hint', '=', f.hasDuplicateHint);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('i.title', 'ilike', like), eb('i.address', 'ilike', like)]));
  }
  if (f.bbox) {
    const [a, b, c, d] = f.bbox;
    q = q.where(sql<SqlBool>`i.location && ST_MakeEnvelope(${a}, ${b}, ${c}, ${d}, 4326)`);
  }
  return q;
}

/** One page, newest received first; `after` is the last row of the previous page. */
export async function listIncidents(db: Db, f: IncidentFilters, after: { at: Date; id: string } | null, limit: number) {
  let q = filtered(db, f);
  if (after) q = q.where((eb) => eb(eb.refTuple('i.received_at', 'i.id'), '<', eb.tuple(after.at, after.id)));
  return q.orderBy('i.received_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute() as Promise<IncidentView[]>;
}

export async function countIncidents(db: Db, f: IncidentFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Incidents with a location for the map (newest first, at most `limit`). */
export async function mappedIncidents(db: Db, f: IncidentFilters, limit: number) {
  return filtered(db, f)
    .where('i.location', 'is not', null)
    .orderBy('i.received_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute() as Promise<IncidentView[]>;
}

/** Rows for the Excel export (newest first, at most `limit`). */
export async function exportIncidents(db: Db, f: IncidentFilters, limit: number) {
  return filtered(db, f).orderBy('i.received_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute() as Promise<IncidentView[]>;
}

/** Incidents received in [from, to) within the subtrees, oldest first. */
export async function incidentsReceivedBetween(db: Db, orgPaths: readonly string[], from: Date, to: Date): Promise<IncidentRow[]> {
  if (orgPaths.length === 0) return [];
  return rows(db)
    .where(inScope('i.org_path', orgPaths))
    .where('i.received_at', '>=', from)
    .where('i.received_at', '<', to)
    .orderBy('i.received_at')
    .orderBy('i.id')
    .execute() as Promise<IncidentRow[]>;
}

export interface CandidateRow {
  id: string;
  title: string;
  status: IncidentStatus;
  received_at: Date;
  org_name: string;
  distance_m: number | null;
}

const TWO_HOURS = "interval '2 hours'";

/**
 * Possible duplicates of a new incident: same category, not merged or a false report, within
 * `radiusM` metres (geography distance, served by the GiST index on `location::geography`) and two
 * hours of the occurred or received time, inside the scope. Nearest first.
 */
export async function findDuplicateCandidates(
  db: Db,
  p: { category: string; point: { lng: number; lat: number }; occurredAt: Date; receivedAt: Date; scope: readonly string[] | null },
  radiusM: number,
): Promise<CandidateRow[]> {
  const pt = sql`${pointSql(p.point)}::geography`;
  const r = await sql<CandidateRow>`
    SELECT i.id, i.title, i.status, i.received_at, o.name AS org_name, ST_Distance(i.location::geography, ${pt}) AS distance_m
    FROM incident i JOIN org o ON o.id = i.org_id
    WHERE i.category = ${p.category}
      AND i.status NOT IN ('merged', 'false_report')
      AND ST_DWithin(i.location::geography, ${pt}, ${radiusM})
      AND (i.occurred_at BETWEEN ${p.occurredAt}::timestamptz - ${sql.raw(TWO_HOURS)} AND ${p.occurredAt}::timestamptz + ${sql.raw(TWO_HOURS)}
        OR i.received_at BETWEEN ${p.receivedAt}::timestamptz - ${sql.raw(TWO_HOURS)} AND ${p.receivedAt}::timestamptz + ${sql.raw(TWO_HOURS)})
      AND ${inScope('i.org_path', p.scope)}
    ORDER BY distance_m, i.received_at DESC
    LIMIT 10`.execute(db);
  return r.rows.map((x) => ({ ...x, distance_m: x.distance_m === null ? null : Number(x.distance_m) }));
}

/** Stored duplicate candidates of an incident that the reader may see, with their distance. */
export async function candidatesByIds(
  db: Db,
  ids: readonly string[],
  from: { lng: number; lat: number } | null,
  scope: readonly string[] | null,
): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  const distance = from
    ? sql<number | null>`ST_Distance(i.location::geography, ${pointSql(from)}::geography)`
    : sql<number | null>`NULL::float8`;
  const r = await db
    .selectFrom('incident as i')
    .innerJoin('org as o', 'o.id', 'i.org_id')
    .select(['i.id', 'i.title', 'i.status', 'i.received_at', 'o.name as org_name', distance.as('distance_m')])
    .where('i.id', 'in', [...ids])
    .where(inScope('i.org_path', scope))
    .orderBy('distance_m')
    .execute();
  return r.map((x) => ({ ...x, distance_m: x.distance_m === null ? null : Number(x.distance_m) }));
}

/** Whether any demo incident exists (demo seeding is idempotent). */
export async function hasDemoIncidents(db: Db): Promise<boolean> {
  const r = await db.selectFrom('incident').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  return Boolean(r);
}

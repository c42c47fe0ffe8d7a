import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, WarningTable } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';

type Db = Kysely<Database>;

/** A warning as stored (geometry columns as GeoJSON text) with its org's name. */
export interface WarningRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  org_division_code: string | null;
  source: WarningTable['source'];
  status: WarningTable['status'];
  type_code: string;
  type_name: string | null;
  colour: WarningTable['colour'];
  headline: string;
  description: string;
  instruction: string;
  en: { headline: string; description: string; instruction?: string } | null;
  audience: string | null;
  channels: string[];
  area_desc: string;
  division_codes: string[];
  polygon_json: string | null;
  circle: { lng: number; lat: number; radiusKm: number } | null;
  effective_at: Date | null;
  onset_at: Date | null;
  expires_at: Date | null;
  version: number;
  previous_id: string | null;
  superseded_by_id: string | null;
  identifier: string | null;
  sender: string | null;
  sent_at: Date | null;
  msg_type: WarningTable['msg_type'];
  cap_xml: string | null;
  gb_xml: string | null;
  raw_format: WarningTable['raw_format'];
  signature_status: WarningTable['signature_status'];
  signer: string | null;
  feed_id: string | null;
  reject_reason: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_by_name: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  published_by: string | null;
  published_at: Date | null;
  ended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = [
  'w.id',
  'w.org_id',
  'w.org_path',
  'w.source',
  'w.status',
  'w.type_code',
  'w.colour',
  'w.headline',
  'w.description',
  'w.instruction',
  'w.en',
  'w.audience',
  'w.channels',
  'w.area_desc',
  'w.division_codes',
  'w.circle',
  'w.effective_at',
  'w.onset_at',
  'w.expires_at',
  'w.version',
  'w.previous_id',
  'w.superseded_by_id',
  'w.identifier',
  'w.sender',
  'w.sent_at',
  'w.msg_type',
  'w.cap_xml',
  'w.gb_xml',
  'w.raw_format',
  'w.signature_status',
  'w.signer',
  'w.feed_id',
  'w.reject_reason',
  'w.cancel_reason',
  'w.created_by',
  'w.created_by_name',
  'w.submitted_by',
  'w.submitted_at',
  'w.approved_by',
  'w.approved_by_name',
  'w.approved_at',
  'w.published_by',
  'w.published_at',
  'w.ended_at',
  'w.created_at',
  'w.updated_at',
] as const;

function rows(db: Db) {
  return db
    .selectFrom('warning as w')
    .innerJoin('org as o', 'o.id', 'w.org_id')
    .leftJoin('warning_type as t', 't.code', 'w.type_code')
    .select(COLUMNS)
    .select([
      'o.name as org_name',
      'o.division_code as org_division_code',
      't.name_zh as type_name',
      sql<string | null>`ST_AsGeoJSON(w.polygon)`.as('polygon_json'),
    ]);
}

export async function findWarning(db: Db, id: string): Promise<WarningRow | undefined> {
  return (await rows(db).where('w.id', '=', id).executeTakeFirst()) as WarningRow | undefined;
}

/** Loads with a row lock for an update in the current transaction. */
export async function lockWarning(db: Db, id: string): Promise<WarningRow | undefined> {
  await db.selectFrom('warning').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findWarning(db, id);
}

/** Columns a new warning row starts empty unless the caller sets them (geometry, CAP identity, workflow steps). */
const EMPTY_ON_INSERT = {
  polygon: null,
  geom: null,
  en: null,
  circle: null,
  audience: null,
  effective_at: null,
  onset_at: null,
  previous_id: null,
  superseded_by_id: null,
  identifier: null,
  sender: null,
  sent_at: null,
  msg_type: null,
  cap_xml: null,
  gb_xml: null,
  raw_format: null,
  signature_status: null,
  signer: null,
  feed_id: null,
  reject_reason: null,
  cancel_reason: null,
  submitted_by: null,
  submitted_at: null,
  approved_by: null,
  approved_by_name: null,
  approved_at: null,
  published_by: null,
  published_at: null,
  ended_at: null,
} satisfies Partial<Insertable<WarningTable>>;

type EmptyOnInsert = keyof typeof EMPTY_ON_INSERT;
export type NewWarningRow = Omit<Insertable<WarningTable>, EmptyOnInsert> & Partial<Pick<Insertable<WarningTable>, EmptyOnInsert>>;

export async function insertWarning(db: Db, row: NewWarningRow): Promise<void> {
  await db
    .insertInto('warning')
    .values({ ...EMPTY_ON_INSERT, ...row })
    .execute();
}

export async function updateWarning(db: Db, id: string, patch: Updateable<WarningTable>): Promise<void> {
  await db.updateTable('warning').set(patch).where('id', '=', id).execute();
}

/** Bumps the edit version (optimistic concurrency of drafts). */
export async function bumpVersion(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('warning')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

/** Writes the polygon column from GeoJSON (null clears it). */
export async function setPolygon(db: Db, id: string, geojson: string | null): Promise<void> {
  await db
    .updateTable('warning')
    .set({ polygon: geojson === null ? null : sql`ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)` })
    .where('id', '=', id)
    .execute();
}

/**
 * Recomputes the whole area (divisions ∪ polygon ∪ circle ∪ `extra` GeoJSON geometries, the latter
 * made valid) used by the map and to find the orgs to tell.
 */
export async function refreshGeom(db: Db, id: string, extra: string[] = []): Promise<void> {
  const extras = extra.length
    ? sql`UNION ALL SELECT ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(x), 4326)) FROM unnest(${extra}::text[]) AS x`
    : sql``;
  await sql`
    UPDATE warning w SET geom = (
      SELECT ST_Union(g) FROM (
        SELECT d.geom AS g FROM admin_division d WHERE d.code = ANY(w.division_codes) AND d.geom IS NOT NULL
        UNION ALL SELECT w.polygon WHERE w.polygon IS NOT NULL
        UNION ALL SELECT ST_Buffer(
            ST_SetSRID(ST_MakePoint((w.circle->>'lng')::float8, (w.circle->>'lat')::float8), 4326)::geography,
            (w.circle->>'radiusKm')::float8 * 1000)::geometry
          WHERE w.circle IS NOT NULL AND jsonb_typeof(w.circle) = 'object'
        ${extras}
      ) s
    )
    WHERE w.id = ${id}`.execute(db);
}

/** Why a GeoJSON polygon is not a valid simple polygon (PostGIS ST_IsValidReason), or null when valid. */
export async function polygonProblem(db: Db, geojson: string): Promise<string | null> {
  const r = await sql<{ valid: boolean; reason: string }>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
    FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) AS g) s`.execute(db);
  const row = r.rows[0];
  return row && !row.valid ? row.reason : null;
}

/** Which of the codes are known admin divisions. */
export async function knownDivisions(db: Db, codes: readonly string[]): Promise<{ code: string; name: string }[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('admin_division')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
}

export interface WarningFilters {
  /** Subtrees where unpublished warnings are visible; null = everywhere (system). */
  scope: string[] | null;
  statuses?: string[];
  colour?: string;
  typeCode?: string;
  source?: string;
  from?: Date;
  to?: Date;
  q?: string;
}

const PUBLIC_STATUSES: WarningTable['status'][] = ['published', 'superseded', 'cancelled', 'expired'];

function filtered(db: Db, f: WarningFilters) {
  let q = rows(db);
  // Published (and later) warnings are public information; drafts stay within the author's subtree.
  if (f.scope) {
    const scope = f.scope;
    q = q.where((eb) => eb.or([eb('w.status', 'in', PUBLIC_STATUSES), pathWithin('w.org_path', scope)]));
  }
  if (f.statuses?.length) q = q.where('w.status', 'in', f.statuses as WarningTable['status'][]);
  if (f.colour) q = q.where('w.colour', '=', f.colour as 'red');
  if (f.typeCode) q = q.where('w.type_code', '=', f.typeCode);
  if (f.source) q = q.where('w.source', '=', f.source as 'internal');
  if (f.to) q = q.where(sql<boolean>`coalesce(w.effective_at, w.sent_at, w.created_at) < ${f.to}`);
  if (f.from) q = q.where((eb) => eb.or([eb('w.expires_at', 'is', null), eb('w.expires_at', '>', f.from!)]));
  if (f.q) q = q.where('w.headline', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q;
}

export async function listWarnings(
  db: Db,
  f: WarningFilters,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<WarningRow[]> {
  let q = filtered(db, f);
  if (after) q = q.where(sql<boolean>`(w.created_at, w.id) < (${after.at}, ${after.id})`);
  return (await q.orderBy('w.created_at', 'desc').orderBy('w.id', 'desc').limit(limit).execute()) as WarningRow[];
}

export async function countWarnings(db: Db, f: WarningFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Published warnings in force or upcoming at `now` (internal and external), newest first. */
export async function listActive(db: Db, now: Date, limit = 500): Promise<WarningRow[]> {
  return (await rows(db)
    .where('w.status', '=', 'published')
    .where((eb) => eb.or([eb('w.expires_at', 'is', null), eb('w.expires_at', '>', now)]))
    .orderBy('w.sent_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(limit)
    .execute()) as WarningRow[];
}

/** GeoJSON geometry of active warnings, for the map. */
export async function activeGeometries(db: Db, now: Date): Promise<Map<string, string>> {
  const r = await db
    .selectFrom('warning as w')
    .select(['w.id', sql<string>`ST_AsGeoJSON(w.geom, 6)`.as('geometry')])
    .where('w.status', '=', 'published')
    .where('w.geom', 'is not', null)
    .where((eb) => eb.or([eb('w.expires_at', 'is', null), eb('w.expires_at', '>', now)]))
    .execute();
  return new Map(r.map((x) => [x.id, x.geometry]));
}

/** A published (or later) warning by its public identifier. */
export async function findByIdentifier(db: Db, identifier: string): Promise<WarningRow | undefined> {
  return (await rows(db)
    .where('w.identifier', '=', identifier)
    .where('w.status', 'in', PUBLIC_STATUSES)
    .orderBy('w.sent_at', 'desc')
    .executeTakeFirst()) as WarningRow | undefined;
}

export async function findBySenderIdentifier(db: Db, sender: string, identifier: string): Promise<WarningRow | undefined> {
  return (await rows(db).where('w.sender', '=', sender).where('w.identifier', '=', identifier).executeTakeFirst()) as
    WarningRow | undefined;
}

/** Identifiers already used by a sender in one second (for the GB sequence digit). */
export async function identifiersLike(db: Db, prefix: string): Promise<number> {
  const r = await db
    .selectFrom('warning')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('identifier', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Published warnings whose `expires` has passed. */
export async function dueForExpiry(db: Db, now: Date, limit = 200): Promise<string[]> {
  const r = await db
    .selectFrom('warning')
    .select('id')
    .where('status', '=', 'published')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return r.map((x) => x.id);
}

/** Active orgs inside the warning's area: their division is listed or overlaps the area. */
export async function orgsInArea(db: Db, id: string): Promise<{ id: string; path: string }[]> {
  const r = await sql<{ id: string; path: string }>`
    SELECT DISTINCT o.id, o.path::text AS path
    FROM warning w
    JOIN org o ON o.status = 'active' AND o.kind IN ('city', 'county', 'township', 'department')
    LEFT JOIN admin_division d ON d.code = o.division_code
    WHERE w.id = ${id}
      AND (o.division_code = ANY(w.division_codes)
        OR (w.geom IS NOT NULL AND d.geom IS NOT NULL AND ST_Intersects(d.geom, w.geom)))`.execute(db);
  return r.rows;
}

/** Active members of the given orgs who may read warnings (in-app recipients of a warning). */
export async function warningReadersIn(db: Db, orgIds: readonly string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const r = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as ur', 'ur.user_id', 'u.id')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .select('u.id')
    .distinct()
    .where('u.status', '=', 'active')
    .where('u.org_id', 'in', [...orgIds])
    .where(sql<boolean>`'warning.read' = ANY(r.permissions)`)
    .orderBy('u.id')
    .limit(5000)
    .execute();
  return r.map((x) => x.id);
}

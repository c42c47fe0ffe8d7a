import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export interface CodeRow {
  family: string;
  code: string;
  name: string;
  parent_code: string | null;
  level: number;
  sort: number;
}

/** Inserts or refreshes code-table rows (reference data is re-applied on every start). */
export async function upsertCodes(db: Kysely<Database>, rows: CodeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('code_table')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['family', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          parent_code: eb.ref('excluded.parent_code'),
          level: eb.ref('excluded.level'),
          sort: eb.ref('excluded.sort'),
        })),
      )
      .execute();
  }
}

export async function countCodes(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('code_table')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Children of a node (or roots when parent is null), with a has-children flag. */
export async function codeChildren(db: Kysely<Database>, family: string | null, parent: string | null) {
  let q = db
    .selectFrom('code_table as c')
    .select(['c.code', 'c.name', 'c.parent_code', 'c.level', 'c.family'])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('code_table as k').select('k.code').whereRef('k.parent_code', '=', 'c.code').whereRef('k.family', '=', 'c.family'),
        )
        .as('has_children'),
    )
    .orderBy('c.sort')
    .orderBy('c.code');
  if (family) q = q.where('c.family', '=', family);
  q = parent ? q.where('c.parent_code', '=', parent) : q.where('c.parent_code', 'is', null);
  return q.execute();
}

/** Search by code prefix or name substring. */
export async function searchCodes(db: Kysely<Database>, family: string | null, term: string, limit: number) {
  let q = db
    .selectFrom('code_table as c')
    .select(['c.code', 'c.name', 'c.parent_code', 'c.level', 'c.family'])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('code_table as k').select('k.code').whereRef('k.parent_code', '=', 'c.code').whereRef('k.family', '=', 'c.family'),
        )
        .as('has_children'),
    )
    .where((eb) => eb.or([eb('c.code', 'ilike', `${escapeLike(term)}%`), eb('c.name', 'like', `%${escapeLike(term)}%`)]))
    .orderBy('c.level')
    .orderBy('c.code')
    .limit(limit);
  if (family) q = q.where('c.family', '=', family);
  return q.execute();
}

export async function findCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('code_table').selectAll().where('code', '=', code).executeTakeFirst();
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export interface DivisionInsert {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parent_code: string | null;
  area_km2: number | null;
  geojson: string | null;
  label: [number, number] | null;
}

export async function upsertDivision(db: Kysely<Database>, d: DivisionInsert): Promise<void> {
  // Boundaries are stored valid (GEOS refuses unions and overlays of self-touching rings).
  const geom = d.geojson
    ? sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${d.geojson}), 4326)), 3))`
    : sql`NULL`;
  const label = d.label ? sql`ST_SetSRID(ST_MakePoint(${d.label[0]}, ${d.label[1]}), 4326)` : sql`NULL`;
  await sql`
    INSERT INTO admin_division (code, name, level, parent_code, area_km2, geom, label_point)
    VALUES (${d.code}, ${d.name}, ${d.level}, ${d.parent_code}, ${d.area_km2}, ${geom}, ${label})
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
      area_km2 = excluded.area_km2, geom = COALESCE(excluded.geom, admin_division.geom),
      label_point = COALESCE(excluded.label_point, admin_division.label_point)`.execute(db);
}

export async function listDivisions(db: Kysely<Database>, parent: string | null) {
  let q = db.selectFrom('admin_division').select(['code', 'name', 'level', 'parent_code']).orderBy('code');
  q = parent ? q.where('parent_code', '=', parent) : q;
  return q.execute();
}

export async function findDivision(db: Kysely<Database>, code: string) {
  return db.selectFrom('admin_division').select(['code', 'name', 'level', 'parent_code']).where('code', '=', code).executeTakeFirst();
}

/** The most detailed division containing the point (township over county over city). */
export async function locatePoint(db: Kysely<Database>, lng: number, lat: number) {
  const r = await sql<{ code: string; name: string; level: 'province' | 'city' | 'county' | 'township'; parent_code: string | null }>`
    SELECT code, name, level, parent_code FROM admin_division
    WHERE geom && ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)
      AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))
    ORDER BY CASE level WHEN 'township' THEN 0 WHEN 'county' THEN 1 WHEN 'city' THEN 2 ELSE 3 END
  `.execute(db);
  return r.rows;
}

/** Boundaries as a GeoJSON FeatureCollection, simplified for display. */
export async function boundariesGeoJson(db: Kysely<Database>, level: string, tolerance: number) {
  const r = await sql<{ fc: unknown }>`
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'id', code,
        'properties', json_build_object('code', code, 'name', name, 'level', level, 'parentCode', parent_code, 'areaKm2', area_km2,
          'labelLng', ST_X(COALESCE(label_point, ST_PointOnSurface(geom))), 'labelLat', ST_Y(COALESCE(label_point, ST_PointOnSurface(geom)))),
        'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ${tolerance}), 6)::json
      ) ORDER BY code), '[]'::json)
    ) AS fc
    FROM admin_division WHERE level = ${level} AND geom IS NOT NULL`.execute(db);
  return r.rows[0]?.fc;
}

import { RESOURCE_KINDS, type ResourceKind } from '@vigil/shared';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { BAND_M, circleSql } from './circle-filter.js';
import { inScope } from './gis-scope.js';
import { withPlannerHints } from './planner-hints.js';

type Scope = readonly string[] | null;
export interface Point {
  lng: number;
  lat: number;
}

/** A resource (or incident) as the map lists it; distance in metres from a centre when one applies. */
export interface FeatureRow {
  layer: string;
  id: string;
  name: string;
  type_code: string | null;
  status: string;
  org_name: string;
  lng: number;
  lat: number;
  distance_m: number | null;
}

const pointSql = (p: Point) => sql`ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326)`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Live (not archived) resources per kind inside the scope. */
export async function countByKind(db: Kysely<Database>, scope: Scope): Promise<Map<string, number>> {
  const r = await sql<{ kind: string; n: number }>`
    SELECT kind, count(*)::int AS n FROM resource r
    WHERE r.archived_at IS NULL AND ${inScope('r.org_path', scope)}
    GROUP BY kind`.execute(db);
  return new Map(r.rows.map((x) => [x.kind, Number(x.n)]));
}

export interface ResourceHitRow {
  kind: ResourceKind;
  id: string;
  name: string;
  external_code: string;
  org_name: string;
  lng: number;
  lat: number;
}

/**
 * Resources whose external code or name matches the term, best first: exact code, code prefix,
 * name prefix, then trigram similarity. Inside the scope, never archived.
 */
export async function searchResources(db: Kysely<Database>, term: string, scope: Scope, limit: number): Promise<ResourceHitRow[]> {
  const like = `%${escapeLike(term)}%`;
  const prefix = `${escapeLike(term)}%`;
  const r = await sql<ResourceHitRow>`
    SELECT r.kind, r.id::text AS id, r.name, r.external_code, o.name AS org_name, ST_X(r.location) AS lng, ST_Y(r.location) AS lat
    FROM resource r JOIN org o ON o.id = r.org_id
    WHERE r.archived_at IS NULL AND ${inScope('r.org_path', scope)}
      AND (r.name ILIKE ${like} OR r.external_code ILIKE ${prefix} OR r.name % ${term})
    ORDER BY (lower(r.external_code) = lower(${term})) DESC, (r.external_code ILIKE ${prefix}) DESC,
             (r.name ILIKE ${prefix}) DESC, (r.name ILIKE ${like}) DESC, similarity(r.name, ${term}) DESC, length(r.name), r.name
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

export interface RegionHitRow {
  code: string;
  name: string;
  level: string;
  parent_name: string | null;
  lng: number;
  lat: number;
}

/** Admin divisions (county, township, city) by name, larger ones first. */
export async function searchRegions(db: Kysely<Database>, term: string, limit: number): Promise<RegionHitRow[]> {
  const r = await sql<RegionHitRow>`
    SELECT d.code, d.name, d.level, p.name AS parent_name,
           ST_X(COALESCE(d.label_point, ST_PointOnSurface(d.geom))) AS lng, ST_Y(COALESCE(d.label_point, ST_PointOnSurface(d.geom))) AS lat
    FROM admin_division d LEFT JOIN admin_division p ON p.code = d.parent_code
    WHERE d.geom IS NOT NULL AND d.name LIKE ${`%${escapeLike(term)}%`}
    ORDER BY (d.name LIKE ${`${escapeLike(term)}%`}) DESC,
             CASE d.level WHEN 'city' THEN 0 WHEN 'county' THEN 1 ELSE 2 END, d.code
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** A query shape: a circle (centre, radius in metres) or a valid WGS84 polygon as GeoJSON text. */
export type Shape = { type: 'circle'; center: Point; radiusM: number } | { type: 'polygon'; geojson: string };

function shapeFilter(column: string, s: Shape): RawBuilder<boolean> {
  const col = sql.ref(column);
  if (s.type === 'circle') return sql<boolean>`ST_DWithin(${col}::geography, ${pointSql(s.center)}::geography, ${s.radiusM}::float8)`;
  const poly = sql`ST_SetSRID(ST_GeomFromGeoJSON(${s.geojson}), 4326)`;
  return sql<boolean>`(${col} && ${poly} AND ST_Intersects(${poly}, ${col}))`;
}

function distanceFrom(column: string, s: Shape): RawBuilder<number | null> {
  if (s.type !== 'circle') return sql<null>`NULL::float8`;
  return sql<number>`ST_Distance(${sql.ref(column)}::geography, ${pointSql(s.center)}::geography)`;
}

/** Why a polygon is invalid for PostGIS (self-intersection…), or null when it is valid. */
export async function polygonProblem(db: Kysely<Database>, geojson: string): Promise<string | null> {
  const r = await sql<{ valid: boolean; reason: string }>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_GeomFromGeoJSON(${geojson}) AS g) x`.execute(db);
  const row = r.rows[0];
  return row && !row.valid ? row.reason : null;
}

export type SpatialRow = FeatureRow & { total: number };

/**
 * The kinds asked for, written so that the planner leaves it to a filter: the location index is
 * the selective one, and ANDing it with a kind index that matches most of the table only costs.
 */
function kindFilter(kinds: readonly ResourceKind[]): RawBuilder<boolean> {
  if (kinds.length === RESOURCE_KINDS.length) return sql<boolean>`true`;
  return sql<boolean>`(r.kind || '') IN (${sql.join(kinds)})`;
}

/**
 * Resources of the given kinds inside the shape, at most `limit` per kind (nearest first for a
 * circle, by name for a polygon), each row carrying its kind's total. Circles where
 * `circleFastPathApplies` go to `featuresInCircle` instead.
 */
export async function resourcesInShape(
  db: Kysely<Database>,
  p: { kinds: readonly ResourceKind[]; shape: Shape; scope: Scope; limit: number; engine?: 'pglite' | 'postgres' },
): Promise<SpatialRow[]> {
  if (p.kinds.length === 0) return [];
  // A few thousand rows at most: parallel workers cost more to start than they save.
  const query = sql<SpatialRow>`
    SELECT * FROM (
      SELECT x.*, row_number() OVER (PARTITION BY x.layer ORDER BY x.distance_m NULLS LAST, x.name, x.id) AS rn,
             count(*) OVER (PARTITION BY x.layer)::int AS total
      FROM (
        SELECT r.kind AS layer, r.id::text AS id, r.name, r.type_code, r.status, o.name AS org_name,
               ST_X(r.location) AS lng, ST_Y(r.location) AS lat, ${distanceFrom('r.location', p.shape)} AS distance_m
        FROM resource r JOIN org o ON o.id = r.org_id
        WHERE ${kindFilter(p.kinds)} AND r.archived_at IS NULL AND ${inScope('r.org_path', p.scope)}
          AND ${shapeFilter('r.location', p.shape)}
      ) x
    ) y WHERE y.rn <= ${p.limit}
    ORDER BY y.layer, y.rn`;
  return withPlannerHints(db, p.engine === 'pglite' ? [] : ['noParallel'], async (tx) => (await query.execute(tx)).rows);
}

/** One layer of a circle query: its total inside the circle and the listed features as JSON text. */
export interface LayerJson {
  layer: string;
  total: number;
  /** A JSON array of `FeatureSummary` (nearest first), built by the database. */
  items: string;
}

/**
 * The circle case without visiting the table: the live resources of the bands the circle crosses
 * come from `resource_live_band` alone (an index-only scan, migration 0020), kept by the circle
 * test of `circle-filter.ts` (plane arithmetic, spheroid only near the rim), ranked and counted per
 * kind by one window (rank and count share its sort), the nearest `limit` of each kept, and the
 * exact distance computed for those only — with the located incidents in the circle as one more
 * layer when `incidentScope` is given (the same statement: on embedded storage each statement has
 * a cost of its own). Each layer's features come back as one JSON array in the API's shape
 * (`FeatureSummary`): a resource's entry is stored with it (`map_json`), so only the
 * organisation's name and the distance are added here.
 */
export async function featuresInCircle(
  db: Kysely<Database>,
  p: {
    kinds: readonly ResourceKind[];
    shape: Extract<Shape, { type: 'circle' }>;
    scope: Scope;
    limit: number;
    incidentScope?: Scope | undefined;
  },
): Promise<LayerJson[]> {
  const c = circleSql('r', p.shape.center, p.shape.radiusM);
  const exact = circleSql('y', p.shape.center, p.shape.radiusM).distance;
  const centre = pointSql(p.shape.center);
  const branches = [];
  if (p.kinds.length > 0 && p.scope?.length !== 0) {
    const bands = c.bands.map((b) => sql`(${b.band}::float8, ${b.x0}::float8, ${b.x1}::float8)`);
    // The scope as organisation ids (a handful), looked up once: cheaper per candidate than a path test.
    const inScopeOrgs =
      p.scope === null
        ? sql<boolean>`true`
        : sql<boolean>`r.org_id = ANY ((SELECT array_agg(id) FROM org WHERE ${inScope('path', p.scope)})::uuid[])`;
    branches.push(sql`
        SELECT x.kind AS layer, x.id, x.name, x.org_id, x.location, x.map_json AS head, x.rn, x.total FROM (
          SELECT r.kind, r.id, r.name, r.org_id, r.location, r.map_json,
                 row_number() OVER w AS rn, count(*) OVER w AS total
          FROM (VALUES ${sql.join(bands)}) b(band, x0, x1)
          CROSS JOIN LATERAL (
            SELECT r.kind, r.id, r.name, r.org_id, r.location, r.map_json, r.merc_x, r.merc_y FROM resource r
            WHERE floor(r.merc_y / ${sql.raw(String(BAND_M))}) = b.band AND r.merc_x BETWEEN b.x0 AND b.x1 AND r.archived_at IS NULL
          ) r
          WHERE ${kindFilter(p.kinds)} AND ${inScopeOrgs} AND ${c.within}
          WINDOW w AS (PARTITION BY r.kind COLLATE "C" ORDER BY ${c.order}, r.id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        ) x WHERE x.rn <= ${p.limit}`);
  }
  if (p.incidentScope !== undefined && p.incidentScope?.length !== 0)
    branches.push(sql`
        SELECT * FROM (
          SELECT 'incident' AS layer, i.id, i.title AS name, i.org_id, i.location,
                 '{"layer":"incident","id":"' || i.id::text || '","name":' || map_json_string(i.title)
                   || ',"typeCode":' || COALESCE(map_json_string(i.event_type), 'null') || ',"status":' || map_json_string(i.status)
                   || ',"location":{"lng":' || (round(ST_X(i.location) * 1e7) / 1e7)::text || ',"lat":' || (round(ST_Y(i.location) * 1e7) / 1e7)::text || '}' AS head,
                 row_number() OVER (ORDER BY ST_Distance(i.location::geography, ${centre}::geography), i.received_at DESC, i.id) AS rn,
                 count(*) OVER () AS total
          FROM incident i
          WHERE i.location IS NOT NULL AND i.status <> 'merged' AND ${inScope('i.org_path', p.incidentScope)}
            AND ST_DWithin(i.location::geography, ${centre}::geography, ${p.shape.radiusM}::float8)
        ) x WHERE x.rn <= ${p.limit}`);
  if (branches.length === 0) return [];
  // Distances to the metre; ties in distance by name, then id. The distance is computed once per
  // row (OFFSET 0 keeps the planner from copying the expression into each use).
  const query = sql<LayerJson>`
    SELECT y.layer, max(y.total)::int AS total,
           '[' || string_agg(y.head || o.tail || round(e.d)::int::text || '}', ',' ORDER BY e.d, y.name, y.id) || ']' AS items
    FROM (${sql.join(branches, sql` UNION ALL `)}) y
    JOIN (SELECT id, ',"orgName":' || map_json_string(name) || ',"distanceM":' AS tail FROM org) o ON o.id = y.org_id
    CROSS JOIN LATERAL (SELECT ${exact} AS d OFFSET 0) e
    GROUP BY y.layer`;
  // No planner settings (and so no transaction for them): the application's connections never
  // JIT-compile (see openDatabase), and a nested loop over bands has no parallel form.
  const rows = (await query.execute(db)).rows;
  return rows.map((r) => ({ layer: r.layer, total: Number(r.total), items: r.items }));
}

/** Located incidents inside the shape (merged ones left out), nearest or newest first. */
export async function incidentsInShape(db: Kysely<Database>, p: { shape: Shape; scope: Scope; limit: number }): Promise<SpatialRow[]> {
  const r = await sql<SpatialRow>`
    SELECT 'incident' AS layer, i.id::text AS id, i.title AS name, i.event_type AS type_code, i.status, o.name AS org_name,
           ST_X(i.location) AS lng, ST_Y(i.location) AS lat, ${distanceFrom('i.location', p.shape)} AS distance_m,
           count(*) OVER ()::int AS total
    FROM incident i JOIN org o ON o.id = i.org_id
    WHERE i.location IS NOT NULL AND i.status <> 'merged' AND ${inScope('i.org_path', p.scope)}
      AND ${shapeFilter('i.location', p.shape)}
    ORDER BY distance_m NULLS LAST, i.received_at DESC, i.id
    LIMIT ${p.limit}`.execute(db);
  return r.rows;
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { clusterCellSize, clusters, TILE_EXTENT, tileBounds, tileLngLatBounds, tileSize, type TileAddress } from './tile-math.js';
import { inScope } from './gis-scope.js';
import type { PointLayerSource } from './layer-sources.js';
import { withPlannerHints } from './planner-hints.js';

/** One point of a tile, already in tile coordinates, with the properties the map styles on. */
export interface TileFeatureRow {
  id: string | null;
  name: string | null;
  status: string | null;
  type_code: string | null;
  cluster: boolean;
  count: number;
  px: number;
  py: number;
}

export interface TileRequest extends TileAddress {
  /** The resource kind, or the id of a contributed point layer (`source`). */
  kind: string;
  /** Org subtrees the actor may read; null = everywhere (system). */
  scope: readonly string[] | null;
  /** A contributed layer's points (see layer-sources.ts) instead of the resource table. */
  source?: PointLayerSource;
}

/**
 * The tile's points as a derived table (`id, name, status, type_code, kind, cluster, count, px,
 * py`). The kind's partial GiST index answers `location && envelope` (the kind is a literal so the
 * planner can pick that index); the exact half-open test and the tile coordinates use the stored
 * Web Mercator metres (`merc_x`, `merc_y`, migration 0009).
 * Org scope and archiving are applied here, inside the tile query. Below the cluster zoom, points
 * are grouped by grid cell (cells nest in tiles, so counts add up across tiles); a cell holding
 * one point is sent as that point.
 */
function tilePoints(t: TileRequest): RawBuilder<TileFeatureRow> {
  const [minLng, minLat, maxLng, maxLat] = tileLngLatBounds(t);
  const b = tileBounds(t);
  const scale = TILE_EXTENT / tileSize(t.z);
  const inner = t.source
    ? sql`
    SELECT s.id, s.name, s.status, s.type_code, s.mx, s.my FROM (${t.source.points([minLng, minLat, maxLng, maxLat], t.scope)}) s
    WHERE s.mx >= ${b.minX}::float8 AND s.mx < ${b.maxX}::float8 AND s.my > ${b.minY}::float8 AND s.my <= ${b.maxY}::float8`
    : sql`
    SELECT r.id, r.name, r.status, r.type_code, r.merc_x AS mx, r.merc_y AS my
    FROM resource r
    WHERE r.kind = ${sql.lit(t.kind)}
      AND r.archived_at IS NULL
      AND r.location && ST_MakeEnvelope(${minLng}::float8, ${minLat}::float8, ${maxLng}::float8, ${maxLat}::float8, 4326)
      AND ${inScope('r.org_path', t.scope)}
      AND r.merc_x >= ${b.minX}::float8 AND r.merc_x < ${b.maxX}::float8
      AND r.merc_y > ${b.minY}::float8 AND r.merc_y <= ${b.maxY}::float8`;
  const px = (x: RawBuilder<unknown>) => sql`least(${TILE_EXTENT - 1}, floor((${x} - ${b.minX}::float8) * ${scale}::float8))::int`;
  const py = (y: RawBuilder<unknown>) => sql`least(${TILE_EXTENT - 1}, floor((${b.maxY}::float8 - ${y}) * ${scale}::float8))::int`;
  if (!clusters(t.z)) {
    return sql<TileFeatureRow>`
      SELECT p.id::text AS id, p.name, p.status, p.type_code, ${t.kind}::text AS kind, false AS cluster, 1 AS count,
             ${px(sql`p.mx`)} AS px, ${py(sql`p.my`)} AS py
      FROM (${inner}) p`;
  }
  const cell = clusterCellSize(t.z);
  return sql<TileFeatureRow>`
    SELECT CASE WHEN g.n = 1 THEN g.id END AS id, CASE WHEN g.n = 1 THEN g.name END AS name,
           CASE WHEN g.n = 1 THEN g.status END AS status, CASE WHEN g.n = 1 THEN g.type_code END AS type_code,
           ${t.kind}::text AS kind, g.n > 1 AS cluster, g.n AS count, ${px(sql`g.ax`)} AS px, ${py(sql`g.ay`)} AS py
    FROM (
      SELECT count(*)::int AS n, min(p.id::text) AS id, min(p.name) AS name, min(p.status) AS status,
             min(p.type_code) AS type_code, avg(p.mx) AS ax, avg(p.my) AS ay
      FROM (${inner}) p
      GROUP BY floor(p.mx / ${cell}::float8), floor(p.my / ${cell}::float8)
    ) g`;
}

/**
 * Runs a tile query. Cluster tiles group tens of thousands of points into a few hundred cells; the
 * planner cannot foresee that from `floor()` keys and sorts them all, which costs twice a hash
 * aggregate, so sorting is discouraged for them.
 */
async function runTileQuery<R>(db: Kysely<Database>, t: TileRequest, query: RawBuilder<R>): Promise<R[]> {
  if (!clusters(t.z)) return (await query.execute(db)).rows;
  return withPlannerHints(db, ['noSort'], async (tx) => (await query.execute(tx)).rows);
}

/** The tile's points as rows (the TypeScript encoder's input). */
export async function tileRows(db: Kysely<Database>, t: TileRequest): Promise<TileFeatureRow[]> {
  return runTileQuery(db, t, tilePoints(t));
}

/** The whole tile built by PostGIS (`ST_AsMVT` over points already in tile coordinates). */
export async function tileMvt(db: Kysely<Database>, t: TileRequest): Promise<Uint8Array> {
  const rows = await runTileQuery(
    db,
    t,
    sql<{ mvt: Uint8Array | null }>`
      SELECT ST_AsMVT(f, ${t.kind}, ${TILE_EXTENT}, 'geom') AS mvt
      FROM (SELECT q.id, q.name, q.status, q.type_code, q.kind, q.cluster, q.count, ST_MakePoint(q.px, q.py) AS geom
            FROM (${tilePoints(t)}) q) f`,
  );
  return rows[0]?.mvt ?? new Uint8Array();
}

/** Whether this database can build vector tiles itself (PostGIS with protobuf-c). */
export async function supportsAsMvt(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`SELECT ST_AsMVT(t, 'probe', 4096, 'geom') FROM (SELECT ST_MakePoint(1, 1) AS geom) t`.execute(db);
    return true;
  } catch {
    return false;
  }
}

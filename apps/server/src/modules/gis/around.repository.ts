import type { ResourceKind } from '@vigil/shared';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { FeatureRow, Point } from './gis.repository.js';
import { circleFastPathApplies, circleSql } from './circle-filter.js';
import { inScope } from './gis-scope.js';

type Scope = readonly string[] | null;

export interface AroundParams {
  center: Point;
  radiusM: number;
  limit: number;
  scope: Scope;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Nearest live resources of one kind within the radius, nearest first. The kind is a literal so
 * the planner can use the kind's partial GiST index: on `location` by bounding box with the
 * Mercator test of `circle-filter.ts` (exact, spheroid only near the rim), or — near the poles or
 * beyond 200 km — on `location::geography` with `ST_DWithin` and `<->`. The exact distance is
 * computed for the returned rows only.
 */
function nearest(
  p: AroundParams,
  kind: ResourceKind,
  filter: RawBuilder<boolean>,
  extra: RawBuilder<unknown> = sql`NULL`,
): RawBuilder<Row<unknown>> {
  const c = sql`ST_SetSRID(ST_MakePoint(${p.center.lng}::float8, ${p.center.lat}::float8), 4326)::geography`;
  const fast = circleFastPathApplies(p.center.lat, p.radiusM);
  const circle = circleSql('r', p.center, p.radiusM);
  const where = fast ? sql`${circle.box} AND ${circle.within}` : sql`ST_DWithin(r.location::geography, ${c}, ${p.radiusM}::float8)`;
  const order = fast ? circle.order : sql`r.location::geography <-> ${c}`;
  return sql<Row<unknown>>`
    SELECT n.layer, n.id, n.name, n.type_code, n.status, n.org_name, n.lng, n.lat, n.extra, ST_Distance(n.geog, ${c}) AS distance_m FROM (
      SELECT r.kind AS layer, r.id::text AS id, r.name, r.type_code, r.status, o.name AS org_name,
             ST_X(r.location) AS lng, ST_Y(r.location) AS lat, r.location::geography AS geog, ${extra} AS extra
      FROM resource r JOIN org o ON o.id = r.org_id
      WHERE r.kind = ${sql.lit(kind)} AND r.archived_at IS NULL AND ${inScope('r.org_path', p.scope)}
        AND ${where}
        AND ${filter}
      ORDER BY ${order}, r.name, r.id
      LIMIT ${p.limit}
    ) n
    ORDER BY distance_m, n.name`;
}

/** A nearby resource with its kind-specific figure (stock held, free places) in `extra`. */
type Row<T = never> = FeatureRow & { extra: T | null };

/** Teams standing by (status available). */
export async function teamsNear(db: Kysely<Database>, p: AroundParams): Promise<Row[]> {
  return (await nearest(p, 'team', sql<boolean>`r.status = 'available'`).execute(db)).rows as Row[];
}

/**
 * Warehouses in use; with a material class, only those holding stock of it (code or code prefix)
 * with a positive quantity, carrying the summed quantity.
 */
export async function warehousesNear(db: Kysely<Database>, p: AroundParams, material: string | undefined): Promise<Row<number>[]> {
  if (!material) return (await nearest(p, 'warehouse', sql<boolean>`r.status = 'active'`).execute(db)).rows as Row<number>[];
  const stock = sql`(
    SELECT sum(s.quantity) FROM stock_line s
    WHERE s.warehouse_id = r.id AND s.archived_at IS NULL AND s.quantity > 0 AND s.material_code LIKE ${`${escapeLike(material)}%`})`;
  const rows = (await nearest(p, 'warehouse', sql<boolean>`r.status = 'active' AND ${stock} > 0`, sql`${stock}::float8`).execute(db))
    .rows as Row<number>[];
  return rows;
}

/** Open shelters with room left (capacity − occupancy > 0), carrying the free places. */
export async function sheltersNear(db: Kysely<Database>, p: AroundParams): Promise<Row<number>[]> {
  const free = sql`(COALESCE((r.attrs->>'capacity')::numeric, 0) - COALESCE((r.attrs->>'occupancy')::numeric, 0))`;
  return (await nearest(p, 'shelter', sql<boolean>`r.status = 'open' AND ${free} > 0`, sql`${free}::float8`).execute(db))
    .rows as Row<number>[];
}

/** Experts who can be reached (status available), optionally by specialty (event code in `attrs.specialties`). */
export async function expertsNear(db: Kysely<Database>, p: AroundParams, specialty: string | undefined): Promise<Row[]> {
  const bySpecialty = specialty ? sql<boolean>`r.attrs @> ${JSON.stringify({ specialties: [specialty] })}::jsonb` : sql<boolean>`true`;
  return (await nearest(p, 'expert', sql<boolean>`r.status = 'available' AND ${bySpecialty}`).execute(db)).rows as Row[];
}

import type { ResourceKind } from '@vigil/shared';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { FeatureRow, Point } from './gis.repository.js';
import { inScope } from './gis-scope.js';
import { withPlannerHints } from './planner-hints.js';

type Scope = readonly string[] | null;

export interface AroundParams {
  center: Point;
  radiusM: number;
  limit: number;
  scope: Scope;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** A nearby resource with its kind-specific figure (stock held, free places) in `extra`. */
export type AroundRow<T = never> = FeatureRow & { extra: T | null };

/** The four groups of "around here", each nearest first. */
export interface AroundRows {
  teams: AroundRow[];
  warehouses: AroundRow<number>[];
  shelters: AroundRow<number>[];
  experts: AroundRow[];
}

type Group = keyof AroundRows;

/**
 * Nearest live resources of one kind within the radius: a nearest-neighbour walk of the kind's
 * partial GiST index on `location::geography` (`<->`, sphere distance), bounded by the radius
 * (`ST_DWithin` gives the index condition and decides exactly for the few rows visited), which
 * stops once `limit` rows pass the filter — instead of reading every candidate of the kind in the
 * circle and sorting them. The exact spheroid distance is computed for the returned rows, which
 * are ordered by it (ties by name).
 */
function nearest(p: AroundParams, group: Group, kind: ResourceKind, filter: RawBuilder<boolean>, extra: RawBuilder<unknown> = sql`NULL`) {
  const c = sql`ST_SetSRID(ST_MakePoint(${p.center.lng}::float8, ${p.center.lat}::float8), 4326)::geography`;
  return sql`
    SELECT ${group}::text AS grp, n.layer, n.id, n.name, n.type_code, n.status, n.org_name, n.lng, n.lat, n.extra::float8 AS extra,
           ST_Distance(n.geog, ${c}) AS distance_m FROM (
      SELECT r.kind AS layer, r.id::text AS id, r.name, r.type_code, r.status, o.name AS org_name,
             ST_X(r.location) AS lng, ST_Y(r.location) AS lat, r.location::geography AS geog, ${extra} AS extra
      FROM resource r JOIN org o ON o.id = r.org_id
      WHERE r.kind = ${sql.lit(kind)} AND r.archived_at IS NULL AND ${inScope('r.org_path', p.scope)}
        AND ST_DWithin(r.location::geography, ${c}, ${p.radiusM}::float8)
        AND ${filter}
      ORDER BY r.location::geography <-> ${c}
      LIMIT ${p.limit}
    ) n`;
}

/**
 * "Around here" in one statement: teams standing by (status available); warehouses in use — with
 * a material class, only those holding stock of it (code or code prefix) with a positive quantity,
 * carrying the summed quantity; open shelters with room left (capacity − occupancy > 0), carrying
 * the free places; experts who can be reached (status available), optionally by specialty (event
 * code in `attrs.specialties`). Sorting is ruled out for the planner (`noSort`): with a handful of
 * rows expected after the filters it would otherwise read and sort every candidate in the circle
 * rather than walk the index nearest first.
 */
export async function resourcesAround(
  db: Kysely<Database>,
  p: AroundParams,
  o: { material?: string | undefined; specialty?: string | undefined } = {},
): Promise<AroundRows> {
  const stock = o.material
    ? sql`(SELECT sum(s.quantity) FROM stock_line s
           WHERE s.warehouse_id = r.id AND s.archived_at IS NULL AND s.quantity > 0 AND s.material_code LIKE ${`${escapeLike(o.material)}%`})`
    : null;
  const free = sql`(COALESCE((r.attrs->>'capacity')::numeric, 0) - COALESCE((r.attrs->>'occupancy')::numeric, 0))`;
  const bySpecialty = o.specialty ? sql<boolean>`r.attrs @> ${JSON.stringify({ specialties: [o.specialty] })}::jsonb` : sql<boolean>`true`;
  const branches = [
    nearest(p, 'teams', 'team', sql<boolean>`r.status = 'available'`),
    stock
      ? nearest(p, 'warehouses', 'warehouse', sql<boolean>`r.status = 'active' AND ${stock} > 0`, stock)
      : nearest(p, 'warehouses', 'warehouse', sql<boolean>`r.status = 'active'`),
    nearest(p, 'shelters', 'shelter', sql<boolean>`r.status = 'open' AND ${free} > 0`, free),
    nearest(p, 'experts', 'expert', sql<boolean>`r.status = 'available' AND ${bySpecialty}`),
  ];
  const query = sql<AroundRow<number> & { grp: Group }>`
    ${sql.join(
      branches.map((b) => sql`(${b})`),
      sql` UNION ALL `,
    )}
    ORDER BY grp, distance_m, name`;
  const rows = await withPlannerHints(db, ['noSort'], async (tx) => (await query.execute(tx)).rows);
  const out: AroundRows = { teams: [], warehouses: [], shelters: [], experts: [] };
  for (const { grp, ...row } of rows) (out[grp] as AroundRow<number>[]).push(row);
  return out;
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * SQL of synthetic resource data: random points inside county boundaries (PostGIS
 * ST_GeneratePoints with a seed, so the demo set is the same on every install) and the
 * set-based insert of the load-test data (`seed:scale`).
 */

/** A request for `n` points inside a county, optionally clustered around the point of its area closest to `near`'s label. */
export interface PointRequest {
  key: string;
  code: string;
  n: number;
  seed: number;
  /** Division whose label point the cluster gathers around (the county's own for its centre). */
  near?: string | null;
  /** Cluster radius in degrees. */
  radius?: number | null;
}

/** Generates the requested points; returns them per request key, in a stable order. */
export async function generatePoints(
  db: Kysely<Database>,
  reqs: readonly PointRequest[],
): Promise<Map<string, { lng: number; lat: number }[]>> {
  const input = reqs.map((r) => ({ key: r.key, code: r.code, n: r.n, seed: r.seed, near: r.near ?? null, radius: r.radius ?? null }));
  const r = await sql<{ key: string; i: number; lng: number; lat: number }>`
    WITH req AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(key text, code text, n int, seed int, near text, radius float8)
    ), areas AS (
      SELECT req.key, req.n, req.seed,
        CASE WHEN req.near IS NULL THEN d.geom
          ELSE ST_Intersection(d.geom, ST_Buffer(ST_ClosestPoint(d.geom, COALESCE(nd.label_point, ST_PointOnSurface(nd.geom))), req.radius))
        END AS area
      FROM req JOIN admin_division d ON d.code = req.code LEFT JOIN admin_division nd ON nd.code = req.near
    )
    SELECT a.key, p.path[1] AS i, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat
    FROM areas a CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(a.area, a.n, a.seed)) p
    WHERE a.n > 0 AND NOT ST_IsEmpty(a.area)
    ORDER BY a.key, p.path[1]
  `.execute(db);
  const out = new Map<string, { lng: number; lat: number }[]>();
  for (const row of r.rows) {
    const list = out.get(row.key) ?? [];
    list.push({ lng: Math.round(Number(row.lng) * 1e6) / 1e6, lat: Math.round(Number(row.lat) * 1e6) / 1e6 });
    out.set(row.key, list);
  }
  return out;
}

export async function countBySource(db: Kysely<Database>, source: 'demo' | 'scale'): Promise<number> {
  const r = await db
    .selectFrom('resource')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', source)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The highest number used in a 'scale' external code (SCALE-0000123), 0 when none. */
export async function maxScaleIndex(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number | null }>`
    SELECT max(substr(external_code, 7)::int) AS n FROM resource WHERE source = 'scale' AND external_code ~ '^SCALE-[0-9]+$'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function hasDivision(db: Kysely<Database>, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('admin_division').select('code').where('code', '=', code).executeTakeFirst());
}

/** Org id and path by code. */
export async function orgsByCodes(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('org').select(['id', 'code', 'path']).where('code', 'in', codes).execute();
}

/** Material classes (43… level 4) with their names, for demo stock. */
export async function materialClasses(db: Kysely<Database>) {
  return db.selectFrom('code_table').select(['code', 'name']).where('code', 'like', '43%').where('level', '=', 4).orderBy('code').execute();
}

/**
 * Inserts `n` synthetic resources numbered from `offset` (source 'scale'): points spread over the
 * city with a seed, kinds by a fixed mix, owned by the county bureau of the county they fall in
 * (the city bureau, or the top org of a non-demo install, elsewhere). One statement per batch; codes that exist are skipped.
 */
export async function insertScaleBatch(db: Kysely<Database>, offset: number, n: number, now: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH pts AS (
      SELECT p.path[1] AS i, p.geom FROM admin_division d
      CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(d.geom, ${n}::int, ${offset + 1}::int)) p
      WHERE d.code = '350500'
    ), located AS (
      SELECT pts.i + ${offset}::int AS i, pts.geom,
        (SELECT c.code FROM admin_division c WHERE c.level = 'county' AND c.geom && pts.geom AND ST_Contains(c.geom, pts.geom) ORDER BY c.code LIMIT 1) AS county
      FROM pts
    ), typed AS (
      SELECT l.*, k.kind, k.type_code, k.status, k.attrs, k.zh FROM located l
      JOIN (VALUES
        (0, 'target', '31B06', 'active', '{"population": 800}'::jsonb, '防护目标'),
        (1, 'hazard', '22A03', 'active', '{"majorLevel": null, "chemicals": []}'::jsonb, '危险源'),
        (2, 'team', '42E99', 'available', '{"level": "county", "headcount": 20, "capabilities": [], "equipment": []}'::jsonb, '救援队伍'),
        (3, 'shelter', '47A99', 'open', '{"shelterClass": "III", "indoor": false, "capacity": 500, "occupancy": 0, "facilities": []}'::jsonb, '避难场所'),
        (4, 'equipment', '44C03', 'available', '{"equipmentType": "pump", "quantity": 1}'::jsonb, '装备'),
        (5, 'warehouse', '43C00', 'active', '{}'::jsonb, '储备库'),
        (6, 'expert', '42A05', 'available', '{"specialties": []}'::jsonb, '专家'),
        (7, 'target', '32G05', 'active', '{}'::jsonb, '防护目标'),
        (8, 'hazard', '22A11', 'active', '{"majorLevel": null, "chemicals": []}'::jsonb, '危险源'),
        (9, 'team', '42E17', 'on_mission', '{"level": "enterprise", "headcount": 12, "capabilities": [], "equipment": []}'::jsonb, '救援队伍')
      ) AS k(slot, kind, type_code, status, attrs, zh) ON k.slot = l.i % 10
    )
    INSERT INTO resource (id, kind, org_id, org_path, external_code, name, type_code, status, division_code, location, attrs,
      source, created_at, updated_at)
    SELECT gen_random_uuid(), t.kind, COALESCE(o.id, city.id), COALESCE(o.path, city.path), 'SCALE-' || lpad(t.i::text, 7, '0'),
      '【压测】' || t.zh || ' ' || t.i, t.type_code, t.status, t.county, t.geom, t.attrs, 'scale', ${now}, ${now}
    FROM typed t
    CROSS JOIN (SELECT id, path FROM org WHERE status = 'active' ORDER BY (code = 'qz') DESC, nlevel(path), code LIMIT 1) city
    LEFT JOIN LATERAL (SELECT id, path FROM org WHERE division_code = t.county AND kind = 'county' ORDER BY code LIMIT 1) o ON true
    ON CONFLICT (kind, external_code) DO NOTHING
    RETURNING 1
  `.execute(db);
  return r.rows.length;
}

/** Removes every 'scale' resource with anything hanging off it. Returns how many resources went. */
export async function clearScale(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const scale = sql`(SELECT id FROM resource WHERE source = 'scale')`;
    await sql`DELETE FROM stock_movement WHERE warehouse_id IN ${scale}`.execute(tx);
    await sql`DELETE FROM stock_line WHERE warehouse_id IN ${scale}`.execute(tx);
    await sql`DELETE FROM resource_history WHERE resource_id IN ${scale}`.execute(tx);
    const r = await sql`DELETE FROM resource WHERE source = 'scale'`.execute(tx);
    return Number(r.numAffectedRows ?? 0);
  });
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { deviceDb } from './device.tables.js';
import { countySql, pointSql, type DeviceWrite } from './devices.repository.js';
import type { NewPoint } from './points.repository.js';

/** SQL of the demo monitoring network: seeded points inside counties, demo enterprises, bulk inserts. */

export interface PointRequest {
  key: string;
  code: string;
  n: number;
  seed: number;
  near: [number, number] | null;
  radius: number | null;
}

/**
 * `n` seeded random points inside each county (PostGIS ST_GeneratePoints), within `radius`
 * degrees of `near` when given (falling back to the whole county when that circle misses it).
 */
export async function generatePoints(
  db: Kysely<Database>,
  reqs: readonly PointRequest[],
): Promise<Map<string, { lng: number; lat: number }[]>> {
  const input = reqs.map((r) => ({
    key: r.key,
    code: r.code,
    n: r.n,
    seed: r.seed,
    lng: r.near?.[0] ?? null,
    lat: r.near?.[1] ?? null,
    radius: r.radius,
  }));
  const r = await sql<{ key: string; lng: number; lat: number }>`
    WITH req AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(key text, code text, n int, seed int, lng float8, lat float8, radius float8)
    ), shaped AS (
      SELECT req.key, req.n, req.seed, d.geom,
        CASE WHEN req.lng IS NULL THEN NULL
          ELSE ST_Intersection(d.geom, ST_Buffer(ST_SetSRID(ST_MakePoint(req.lng, req.lat), 4326), COALESCE(req.radius, 0.02))) END AS near_area
      FROM req JOIN admin_division d ON d.code = req.code
    ), areas AS (
      SELECT key, n, seed, CASE WHEN near_area IS NULL OR ST_IsEmpty(near_area) OR ST_Area(near_area) = 0 THEN geom ELSE near_area END AS area
      FROM shaped
    )
    SELECT a.key, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat
    FROM areas a CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(a.area, a.n, a.seed)) p
    WHERE a.n > 0
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

export async function countDemoDevices(db: Kysely<Database>): Promise<number> {
  const r = await deviceDb(db)
    .selectFrom('device')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', 'demo')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function demoDeviceCodes(db: Kysely<Database>): Promise<{ id: string; code: string }[]> {
  return deviceDb(db).selectFrom('device').select(['id', 'code']).where('source', '=', 'demo').execute();
}

export async function setSecretHashes(db: Kysely<Database>, rows: readonly { id: string; hash: string }[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE device d SET secret_hash = x.hash, secret_rotated_at = ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, hash text)
    WHERE d.id = x.id`.execute(db);
}

export async function orgsByCodes(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'code', 'path'])
    .where('code', 'in', [...codes])
    .execute();
}

export async function hasDivision(db: Kysely<Database>, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('admin_division').select('code').where('code', '=', code).executeTakeFirst());
}

/** Demo hazard-source enterprises of the petrochemical areas (泉港, 惠安), major ones first. */
export async function demoEnterprises(db: Kysely<Database>, limit: number) {
  const rows = await sql<{ id: string; name: string; org_id: string; org_path: string; lng: number; lat: number; major: boolean }>`
    SELECT r.id, r.name, r.org_id, r.org_path::text AS org_path, ST_X(r.location) AS lng, ST_Y(r.location) AS lat,
           (r.attrs->>'majorLevel') IS NOT NULL AS major
    FROM resource r
    WHERE r.kind = 'hazard' AND r.source = 'demo' AND r.archived_at IS NULL AND r.division_code IN ('350505', '350521')
    ORDER BY (r.attrs->>'majorLevel') IS NULL, r.external_code
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, lng: Number(r.lng), lat: Number(r.lat) }));
}

export type DemoDeviceRow = DeviceWrite & { id: string; code: string; type_code: string; secret_hash: string };

/** Inserts devices in bulk (demo seeding and imports; county from the point). */
export async function insertDeviceRows(
  db: Kysely<Database>,
  rows: readonly DemoDeviceRow[],
  now: Date,
  source: 'demo' | 'import' = 'demo',
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await deviceDb(db)
      .insertInto('device')
      .values(
        rows.slice(i, i + 200).map((d) => ({
          id: d.id,
          code: d.code,
          type_code: d.type_code,
          name: d.name,
          vendor: d.vendor,
          model: d.model,
          org_id: d.org_id,
          org_path: d.org_path,
          enterprise_id: d.enterprise_id,
          site: d.site,
          division_code: countySql(d.location),
          address: d.address,
          location: pointSql(d.location),
          install_date: d.install_date,
          status: d.status,
          secret_hash: d.secret_hash,
          secret_rotated_at: now,
          source,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function insertPointRows(db: Kysely<Database>, rows: readonly NewPoint[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await deviceDb(db)
      .insertInto('point')
      .values(rows.slice(i, i + 500))
      .execute();
}

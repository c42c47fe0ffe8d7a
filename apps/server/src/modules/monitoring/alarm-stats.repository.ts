import { sql, type Kysely, type RawBuilder } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

const scopeOf = (column: string, scope: readonly string[] | null): RawBuilder<boolean> =>
  scope ? pathWithin(column, scope) : sql<boolean>`true`;

export interface Totals {
  total: number;
  open: number;
  false_alarms: number;
  mtta: number | null;
  mttr: number | null;
}

/** Alarms first raised in [from, to) within the scope: counts and mean times (seconds). */
export async function totals(db: Db, scope: readonly string[] | null, from: Date, to: Date): Promise<Totals> {
  const r = await sql<Totals>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE a.status <> 'closed')::int AS open,
      count(*) FILTER (WHERE a.false_alarm)::int AS false_alarms,
      avg(extract(epoch FROM a.acknowledged_at - a.first_at)) FILTER (WHERE a.acknowledged_at IS NOT NULL)::float8 AS mtta,
      avg(extract(epoch FROM coalesce(a.cleared_at, a.closed_at) - a.first_at)) FILTER (WHERE coalesce(a.cleared_at, a.closed_at) IS NOT NULL)::float8 AS mttr
    FROM alarm a
    WHERE ${scopeOf('a.org_path', scope)} AND a.first_at >= ${from} AND a.first_at < ${to}`.execute(db);
  const t = r.rows[0]!;
  return {
    total: Number(t.total),
    open: Number(t.open),
    false_alarms: Number(t.false_alarms),
    mtta: t.mtta === null ? null : Number(t.mtta),
    mttr: t.mttr === null ? null : Number(t.mttr),
  };
}

/** Counts of alarms by a column (level or status). */
export async function countsBy(
  db: Db,
  column: 'level' | 'status',
  scope: readonly string[] | null,
  from: Date,
  to: Date,
): Promise<Record<string, number>> {
  const r = await sql<{ k: string; n: number }>`
    SELECT ${sql.ref(`a.${column}`)} AS k, count(*)::int AS n FROM alarm a
    WHERE ${scopeOf('a.org_path', scope)} AND a.first_at >= ${from} AND a.first_at < ${to}
    GROUP BY 1`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.k, Number(x.n)]));
}

export interface Bucket {
  key: string;
  name: string;
  count: number;
}

/** The top 20 enterprises, device types or counties by alarm count. */
export async function topBy(
  db: Db,
  by: 'enterprise' | 'deviceType' | 'county',
  scope: readonly string[] | null,
  from: Date,
  to: Date,
): Promise<Bucket[]> {
  const group =
    by === 'enterprise'
      ? sql`a.enterprise_id::text AS key, coalesce(e.name, '未关联企业') AS name`
      : by === 'deviceType'
        ? sql`d.type_code AS key, coalesce(t.name_zh, d.type_code) AS name`
        : sql`coalesce(a.division_code, '') AS key, coalesce(ad.name, '未知区县') AS name`;
  const r = await sql<Bucket>`
    SELECT ${group}, count(*)::int AS count
    FROM alarm a
    JOIN device d ON d.id = a.device_id
    LEFT JOIN device_type t ON t.code = d.type_code
    LEFT JOIN resource e ON e.id = a.enterprise_id
    LEFT JOIN admin_division ad ON ad.code = a.division_code
    WHERE ${scopeOf('a.org_path', scope)} AND a.first_at >= ${from} AND a.first_at < ${to}
      ${by === 'enterprise' ? sql`AND a.enterprise_id IS NOT NULL` : sql``}
    GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 20`.execute(db);
  return r.rows.map((x) => ({ key: x.key ?? '', name: x.name, count: Number(x.count) }));
}

/** Devices in service (not archived, status active) and how many report, per county. */
export async function onlineByCounty(
  db: Db,
  scope: readonly string[] | null,
): Promise<{ key: string; name: string; devices: number; online: number }[]> {
  const r = await sql<{ key: string; name: string; devices: number; online: number }>`
    SELECT coalesce(d.division_code, '') AS key, coalesce(ad.name, '未知区县') AS name,
      count(*)::int AS devices, count(*) FILTER (WHERE d.online)::int AS online
    FROM device d LEFT JOIN admin_division ad ON ad.code = d.division_code
    WHERE ${scopeOf('d.org_path', scope)} AND d.archived_at IS NULL AND d.status = 'active'
    GROUP BY 1, 2 ORDER BY 1`.execute(db);
  return r.rows.map((x) => ({ key: x.key, name: x.name, devices: Number(x.devices), online: Number(x.online) }));
}

export interface MapDeviceRow {
  id: string;
  code: string;
  name: string;
  type_code: string;
  lng: number;
  lat: number;
  online: boolean;
  status: string;
  worst: string | null;
}

/** Devices for the dashboard map, those in alarm first (worst level), at most `limit`. */
export async function mapDevices(
  db: Db,
  scope: readonly string[] | null,
  bbox: [number, number, number, number] | null,
  limit: number,
): Promise<{ rows: MapDeviceRow[]; total: number }> {
  const where = sql`${scopeOf('d.org_path', scope)} AND d.archived_at IS NULL
    ${bbox ? sql`AND d.location && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)` : sql``}`;
  const r = await sql<MapDeviceRow>`
    SELECT d.id, d.code, d.name, d.type_code, ST_X(d.location) AS lng, ST_Y(d.location) AS lat, d.online, d.status, w.level AS worst
    FROM device d
    LEFT JOIN LATERAL (
      SELECT a.level FROM alarm a WHERE a.device_id = d.id AND a.status IN ('active', 'acknowledged')
      ORDER BY CASE a.level WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 ELSE 1 END DESC LIMIT 1
    ) w ON true
    WHERE ${where}
    ORDER BY CASE w.level WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 1 ELSE 0 END DESC, d.online, d.code
    LIMIT ${limit}`.execute(db);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM device d WHERE ${where}`.execute(db);
  return { rows: r.rows, total: Number(n.rows[0]?.n ?? 0) };
}

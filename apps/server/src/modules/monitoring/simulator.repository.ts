import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SimPoint } from './simulator-signal.js';

/** The enabled points of the reporting demo devices, by device code (the simulator's DB source). */
export async function demoDevicePoints(db: Kysely<Database>): Promise<{ code: string; point: SimPoint }[]> {
  const r = await sql<{
    code: string;
    metric: string;
    value_kind: 'number' | 'boolean';
    range_min: number | null;
    range_max: number | null;
    h: number | null;
    hh: number | null;
    l: number | null;
    ll: number | null;
  }>`
    SELECT d.code, p.metric, p.value_kind, p.range_min, p.range_max, p.h, p.hh, p.l, p.ll
    FROM device d JOIN point p ON p.device_id = d.id
    WHERE d.source = 'demo' AND d.archived_at IS NULL AND d.status IN ('active', 'maintenance') AND p.enabled
    ORDER BY d.code, p.ref`.execute(db);
  const n = (v: number | null) => (v === null ? null : Number(v));
  return r.rows.map((row) => ({
    code: row.code,
    point: {
      metric: row.metric,
      valueKind: row.value_kind,
      rangeMin: n(row.range_min),
      rangeMax: n(row.range_max),
      h: n(row.h),
      hh: n(row.hh),
      l: n(row.l),
      ll: n(row.ll),
    },
  }));
}

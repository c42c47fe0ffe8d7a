import type { DefaultPoint } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import { deviceDb } from './device.tables.js';

export interface PointRow {
  id: string;
  ref: number;
  device_id: string;
  metric: string;
  name: string;
  unit: string | null;
  value_kind: 'number' | 'boolean';
  range_min: number | null;
  range_max: number | null;
  interval_s: number;
  h: number | null;
  hh: number | null;
  l: number | null;
  ll: number | null;
  enabled: boolean;
}

/** The editable columns of a point. */
export type PointWrite = Pick<PointRow, 'name' | 'unit' | 'range_min' | 'range_max' | 'interval_s' | 'h' | 'hh' | 'l' | 'll' | 'enabled'>;

const COLUMNS = [
  'id',
  'ref',
  'device_id',
  'metric',
  'name',
  'unit',
  'value_kind',
  'range_min',
  'range_max',
  'interval_s',
  'h',
  'hh',
  'l',
  'll',
  'enabled',
] as const;

/** One point row per default point of the type, for a new device. */
export function pointsFromDefaults(deviceId: string, defaults: readonly DefaultPoint[], now: Date) {
  return defaults.map((p) => ({
    id: newId(),
    device_id: deviceId,
    metric: p.metric,
    name: p.nameZh,
    unit: p.unit ?? null,
    value_kind: p.valueKind,
    range_min: p.rangeMin ?? null,
    range_max: p.rangeMax ?? null,
    interval_s: p.intervalS,
    h: p.h ?? null,
    hh: p.hh ?? null,
    l: p.l ?? null,
    ll: p.ll ?? null,
    enabled: true,
    created_at: now,
    updated_at: now,
  }));
}

export type NewPoint = ReturnType<typeof pointsFromDefaults>[number];

/** Inserts points (chunked by the caller for big imports). */
export async function insertPoints(db: Kysely<Database>, rows: readonly NewPoint[]): Promise<void> {
  if (rows.length === 0) return;
  await deviceDb(db)
    .insertInto('point')
    .values([...rows])
    .execute();
}

export async function listPoints(db: Kysely<Database>, deviceId: string): Promise<PointRow[]> {
  return (await deviceDb(db).selectFrom('point').select(COLUMNS).where('device_id', '=', deviceId).orderBy('ref').execute()) as PointRow[];
}

export async function findPoint(db: Kysely<Database>, deviceId: string, pointId: string): Promise<PointRow | undefined> {
  return (await deviceDb(db)
    .selectFrom('point')
    .select(COLUMNS)
    .where('device_id', '=', deviceId)
    .where('id', '=', pointId)
    .executeTakeFirst()) as PointRow | undefined;
}

export async function updatePoint(db: Kysely<Database>, pointId: string, p: PointWrite, now: Date): Promise<void> {
  await deviceDb(db)
    .updateTable('point')
    .set({ ...p, updated_at: now })
    .where('id', '=', pointId)
    .execute();
}

/** The latest value of each point of a device (null when nothing arrived yet). */
export async function latestValues(db: Kysely<Database>, deviceId: string) {
  return deviceDb(db)
    .selectFrom('point as p')
    .leftJoin('reading_latest as rl', 'rl.point_ref', 'p.ref')
    .select(['p.id', 'p.metric', 'rl.value', 'rl.ts', 'rl.received_at'])
    .where('p.device_id', '=', deviceId)
    .orderBy('p.ref')
    .execute();
}

/** Points by id with their device's org path (linking points to an installation). */
export async function pointsWithOwners(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return deviceDb(db)
    .selectFrom('point as p')
    .innerJoin('device as d', 'd.id', 'p.device_id')
    .select(['p.id', 'd.org_path', sql<boolean>`d.archived_at IS NOT NULL`.as('archived')])
    .where('p.id', 'in', [...ids])
    .execute();
}

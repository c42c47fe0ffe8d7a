import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { deviceDb } from './device.tables.js';

/** A point as ingestion and the rule engine need it. */
export interface IngestPoint {
  id: string;
  /** Small integer key of the reading tables. */
  ref: number;
  metric: string;
  valueKind: 'number' | 'boolean';
  rangeMin: number | null;
  rangeMax: number | null;
  intervalS: number;
  enabled: boolean;
  h: number | null;
  hh: number | null;
  l: number | null;
  ll: number | null;
}

/** A device as ingestion sees it: who it is, whether it may send, and its points. */
export interface IngestDevice {
  id: string;
  code: string;
  name: string;
  typeCode: string;
  /** 'active' | 'maintenance' | 'disabled' | 'retired'; archived devices are reported as 'retired'. */
  status: 'active' | 'maintenance' | 'disabled' | 'retired';
  secretHash: string;
  orgId: string;
  orgPath: string;
  enterpriseId: string | null;
  divisionCode: string | null;
  lng: number;
  lat: number;
  points: IngestPoint[];
}

interface Row {
  id: string;
  code: string;
  name: string;
  type_code: string;
  status: IngestDevice['status'];
  archived: boolean;
  secret_hash: string;
  org_id: string;
  org_path: string;
  enterprise_id: string | null;
  division_code: string | null;
  lng: number;
  lat: number;
}

interface PointRow {
  id: string;
  ref: number;
  device_id: string;
  metric: string;
  value_kind: 'number' | 'boolean';
  range_min: number | null;
  range_max: number | null;
  interval_s: number;
  enabled: boolean;
  h: number | null;
  hh: number | null;
  l: number | null;
  ll: number | null;
}

const num = (v: number | null) => (v === null ? null : Number(v));

function toPoint(p: PointRow): IngestPoint {
  return {
    id: p.id,
    ref: Number(p.ref),
    metric: p.metric,
    valueKind: p.value_kind,
    rangeMin: num(p.range_min),
    rangeMax: num(p.range_max),
    intervalS: Number(p.interval_s),
    enabled: p.enabled,
    h: num(p.h),
    hh: num(p.hh),
    l: num(p.l),
    ll: num(p.ll),
  };
}

function toDevice(r: Row, points: IngestPoint[]): IngestDevice {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    typeCode: r.type_code,
    status: r.archived ? 'retired' : r.status,
    secretHash: r.secret_hash,
    orgId: r.org_id,
    orgPath: r.org_path,
    enterpriseId: r.enterprise_id,
    divisionCode: r.division_code,
    lng: Number(r.lng),
    lat: Number(r.lat),
    points,
  };
}

function devices(db: Kysely<Database>) {
  return deviceDb(db)
    .selectFrom('device as d')
    .select([
      'd.id',
      'd.code',
      'd.name',
      'd.type_code',
      'd.status',
      'd.secret_hash',
      'd.org_id',
      'd.org_path',
      'd.enterprise_id',
      'd.division_code',
      sql<boolean>`d.archived_at IS NOT NULL`.as('archived'),
      sql<number>`ST_X(d.location)`.as('lng'),
      sql<number>`ST_Y(d.location)`.as('lat'),
    ]);
}

function points(db: Kysely<Database>) {
  return deviceDb(db)
    .selectFrom('point as p')
    .select([
      'p.id',
      'p.ref',
      'p.device_id',
      'p.metric',
      'p.value_kind',
      'p.range_min',
      'p.range_max',
      'p.interval_s',
      'p.enabled',
      'p.h',
      'p.hh',
      'p.l',
      'p.ll',
    ]);
}

/**
 * Every device with its points, for ingestion's in-memory directory (loaded at start and reloaded
 * on `device.*` events). Archived devices are included with status 'retired' so that their
 * messages are rejected with a clear reason rather than as unknown.
 */
export async function loadDeviceDirectory(db: Kysely<Database>): Promise<IngestDevice[]> {
  const [rows, pts] = await Promise.all([devices(db).orderBy('d.code').execute(), points(db).orderBy('p.ref').execute()]);
  const byDevice = new Map<string, IngestPoint[]>();
  for (const p of pts as PointRow[]) {
    const list = byDevice.get(p.device_id);
    if (list) list.push(toPoint(p));
    else byDevice.set(p.device_id, [toPoint(p)]);
  }
  return (rows as Row[]).map((r) => toDevice(r, byDevice.get(r.id) ?? []));
}

/** One device by code with its points (undefined when unknown), for a cache miss at ingestion. */
export async function findDeviceForIngest(db: Kysely<Database>, code: string): Promise<IngestDevice | undefined> {
  const row = (await devices(db).where('d.code', '=', code).executeTakeFirst()) as Row | undefined;
  if (!row) return undefined;
  const pts = (await points(db).where('p.device_id', '=', row.id).orderBy('p.ref').execute()) as PointRow[];
  return toDevice(row, pts.map(toPoint));
}

/** One device by id with its points, for a targeted reload after a `device.*` event. */
export async function findDeviceForIngestById(db: Kysely<Database>, id: string): Promise<IngestDevice | undefined> {
  const row = (await devices(db).where('d.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row) return undefined;
  const pts = (await points(db).where('p.device_id', '=', row.id).orderBy('p.ref').execute()) as PointRow[];
  return toDevice(row, pts.map(toPoint));
}

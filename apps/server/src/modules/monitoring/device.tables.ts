import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, GenTimestamp, Timestamp } from '../../platform/db/schema.js';

type Json = ColumnType<unknown, string, string>;
/** A geometry column: read through ST_X/ST_Y or ST_AsGeoJSON, written with SQL. */
type Geometry = ColumnType<unknown, unknown, unknown>;

/** `device_type`: the catalogue; `points` holds the default points as JSON. */
export interface DeviceTypeTable {
  code: string;
  category: 'hazchem' | 'natural' | 'lifeline';
  name_zh: string;
  name_en: string;
  points: Json;
  builtin: Generated<boolean>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface DeviceTable {
  id: string;
  code: string;
  type_code: string;
  name: string;
  vendor: string | null;
  model: string | null;
  org_id: string;
  org_path: string;
  enterprise_id: string | null;
  site: string | null;
  division_code: ColumnType<string | null, unknown, unknown>;
  address: string | null;
  location: Geometry;
  install_date: ColumnType<string | null, string | null, string | null>;
  status: 'active' | 'maintenance' | 'disabled' | 'retired';
  secret_hash: string;
  secret_rotated_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  online: Generated<boolean>;
  source: Generated<'manual' | 'import' | 'demo' | 'scale'>;
  version: Generated<number>;
  archived_at: Timestamp | null;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_by: string | null;
  updated_at: GenTimestamp;
}

export interface PointTable {
  id: string;
  ref: Generated<number>;
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
  enabled: Generated<boolean>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface HazardInstallationTable {
  id: string;
  code: string;
  name: string;
  org_id: string;
  org_path: string;
  enterprise_id: string | null;
  division_code: ColumnType<string | null, unknown, unknown>;
  address: string | null;
  location: Geometry;
  people_500m: number;
  alpha: number;
  substances: Json;
  s_value: number;
  r_value: number;
  grade: number | null;
  source: Generated<'manual' | 'import' | 'demo'>;
  version: Generated<number>;
  archived_at: Timestamp | null;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_by: string | null;
  updated_at: GenTimestamp;
}

export interface HazardInstallationPointTable {
  installation_id: string;
  point_id: string;
}

/** Read-only views of the tables the device pages show next to devices (filled by other parts). */
export interface ReadingLatestView {
  point_ref: number;
  ts: Timestamp;
  value: number;
  received_at: Timestamp;
}

export interface AlarmView {
  id: string;
  device_id: string;
  point_id: string | null;
  status: string;
  level: string;
}

/** The platform schema plus the monitoring tables this part reads and writes. */
export interface DeviceDatabase extends Database {
  device_type: DeviceTypeTable;
  device: DeviceTable;
  point: PointTable;
  hazard_installation: HazardInstallationTable;
  hazard_installation_point: HazardInstallationPointTable;
  reading_latest: ReadingLatestView;
  alarm: AlarmView;
}

export type DeviceDb = Kysely<DeviceDatabase>;

/** The same connection or transaction, typed with the monitoring tables. */
export function deviceDb(db: Kysely<Database>): DeviceDb {
  return db as unknown as DeviceDb;
}

import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, GenTimestamp, Timestamp } from '../../platform/db/schema.js';
import type { TrackerKind, TrackerStatus, TrackerSubjectKind, TrackRefusalReason } from '@vigil/shared';

/** A geometry column: written and read through SQL (ST_MakePoint, ST_X/ST_Y). */
type Geometry = ColumnType<unknown, unknown, unknown>;
export type TrackSource = 'mqtt' | 'http' | 'phone';

export interface TrackerTable {
  id: string;
  code: string;
  name: string;
  kind: TrackerKind;
  subject_kind: TrackerSubjectKind;
  subject_id: string | null;
  subject_name: string;
  org_id: string;
  org_path: string;
  secret_hash: string | null;
  status: Generated<TrackerStatus>;
  last_location: Geometry;
  last_at: Timestamp | null;
  last_speed_kmh: number | null;
  last_heading: number | null;
  refused_count: Generated<number>;
  source: Generated<'manual' | 'phone' | 'demo'>;
  version: Generated<number>;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface TrackPositionTable {
  id: Generated<string>;
  tracker_id: string;
  at: Timestamp;
  received_at: Timestamp;
  location: Geometry;
  speed_kmh: number | null;
  heading: number | null;
  accuracy_m: number | null;
  source: TrackSource;
}

export interface TrackRefusalTable {
  id: Generated<string>;
  at: Timestamp;
  tracker_id: string | null;
  tracker_code: string | null;
  org_path: string | null;
  source: TrackSource;
  reason: TrackRefusalReason;
  message: string;
}

/** The platform schema plus the tracking tables. */
export interface TrackingDatabase extends Database {
  tracker: TrackerTable;
  track_position: TrackPositionTable;
  track_refusal: TrackRefusalTable;
}

export type TrackingDb = Kysely<TrackingDatabase>;

/** The same connection or transaction, typed with the tracking tables. */
export function trackingDb(db: Kysely<Database>): TrackingDb {
  return db as unknown as TrackingDb;
}

import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, GenTimestamp, Timestamp } from '../../platform/db/schema.js';
import type { DeviceDatabase } from './device.tables.js';

type Json = ColumnType<unknown, string, string>;
type Geometry = ColumnType<unknown, unknown, unknown>;

export interface AlarmRuleTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  description: string | null;
  enabled: Generated<boolean>;
  device_type_code: string | null;
  device_id: string | null;
  kind: 'threshold' | 'duration' | 'rate' | 'offline' | 'composite';
  definition: Json;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  escalation_policy_id: string | null;
  version: Generated<number>;
  archived_at: Timestamp | null;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_by: string | null;
  updated_at: GenTimestamp;
}

export interface AlarmEscalationPolicyTable {
  id: string;
  org_id: string;
  org_path: string;
  name: string;
  steps: Json;
  version: Generated<number>;
  archived_at: Timestamp | null;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_by: string | null;
  updated_at: GenTimestamp;
}

export interface AlarmTable {
  id: string;
  rule_id: string;
  subject_key: string;
  device_id: string;
  point_id: string | null;
  org_id: string;
  org_path: string;
  enterprise_id: string | null;
  division_code: string | null;
  location: Geometry;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  status: 'active' | 'acknowledged' | 'cleared' | 'closed';
  title: string;
  message: string | null;
  value: number | null;
  threshold: number | null;
  first_at: Timestamp;
  last_at: Timestamp;
  occurrences: Generated<number>;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  cleared_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
  assignee_id: string | null;
  false_alarm: Generated<boolean>;
  escalation_step: Generated<number>;
  next_escalation_at: Timestamp | null;
  incident_id: string | null;
  version: Generated<number>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface AlarmEventTable {
  id: string;
  alarm_id: string;
  kind: string;
  actor_id: string | null;
  at: Timestamp;
  note: string | null;
  data: Json | null;
}

/** Read-only views of the reading tables (written by ingestion). */
export interface ReadingView {
  point_ref: number;
  ts: Timestamp;
  value: number;
}

export interface ReadingHourlyView {
  point_ref: number;
  hour: Timestamp;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface ReadingLatestTable {
  point_ref: number;
  ts: Timestamp;
  value: number;
  received_at: Timestamp;
}

/** The platform schema, the device tables, and the tables of rules and alarms. */
export interface AlarmDatabase extends Omit<DeviceDatabase, 'alarm' | 'reading_latest'> {
  alarm_rule: AlarmRuleTable;
  alarm_escalation_policy: AlarmEscalationPolicyTable;
  alarm: AlarmTable;
  alarm_event: AlarmEventTable;
  reading: ReadingView;
  reading_hourly: ReadingHourlyView;
  reading_latest: ReadingLatestTable;
}

export type AlarmDb = Kysely<AlarmDatabase>;

/** The same connection or transaction, typed with the rule and alarm tables. */
export function alarmDb(db: Kysely<Database>): AlarmDb {
  return db as unknown as AlarmDb;
}

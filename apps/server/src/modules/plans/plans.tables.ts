import type { ColumnType, Generated, Kysely } from 'kysely';
import type { PlanLevel, PlanResponseLevel, PlanStatus, PlanType } from '@vigil/shared';
import type { Database, GenTimestamp, Timestamp } from '../../platform/db/schema.js';

/** A jsonb column: read as the value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

/** `plan`: one row per plan version (versions of a plan share `series_id`). */
export interface PlanTable {
  id: string;
  series_id: string;
  version_no: number;
  previous_version_id: string | null;
  org_id: string;
  org_path: string;
  name: string;
  level: PlanLevel;
  type: PlanType;
  event_codes: string[];
  summary: string | null;
  levels: Json<PlanResponseLevel[]>;
  status: Generated<PlanStatus>;
  revision: Generated<number>;
  reject_reason: string | null;
  source: Generated<'manual' | 'import' | 'demo'>;
  created_by: string | null;
  created_by_name: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Timestamp | null;
  activated_by: string | null;
  activated_at: Timestamp | null;
  retired_at: Timestamp | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

/** The platform schema plus the plan table. */
export interface PlansDatabase extends Database {
  plan: PlanTable;
}

export type PlansDb = Kysely<PlansDatabase>;

/** The same connection or transaction, typed with the plan table. */
export function plansDb(db: Kysely<Database>): PlansDb {
  return db as unknown as PlansDb;
}

import type { ActionStatus, AssessmentEvaluation, AssessmentMeasures } from '@vigil/shared';
import type { ColumnType, Kysely } from 'kysely';
import type { Database, Timestamp } from '../../platform/db/schema.js';
import type { CommandDatabase } from './command.tables.js';

/** A jsonb column: read as the value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface CommandAssessmentTable {
  /** The response's id. */
  id: string;
  incident_id: string;
  org_id: string;
  org_path: string;
  measures: Json<AssessmentMeasures>;
  evaluation: Json<AssessmentEvaluation>;
  version: ColumnType<number, number | undefined, number>;
  opened_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommandAssessmentActionTable {
  id: string;
  assessment_id: string;
  title: string;
  owner_org_id: string | null;
  owner_org_name: string | null;
  owner_user_id: string | null;
  owner_user_name: string | null;
  deadline_at: Timestamp | null;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  done_at: Timestamp | null;
  done_by: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface AssessmentDatabase extends CommandDatabase {
  command_assessment: CommandAssessmentTable;
  command_assessment_action: CommandAssessmentActionTable;
}

export type AssessmentDb = Kysely<AssessmentDatabase>;

export function assessmentDb(db: Kysely<Database>): AssessmentDb {
  return db as unknown as AssessmentDb;
}

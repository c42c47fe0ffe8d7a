import type { AssigneeKind, PostRole, ResponseLevel, ResponseStatus, TaskStatus } from '@vigil/shared';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, GenTimestamp, Timestamp } from '../../platform/db/schema.js';

/** A jsonb column: read as the value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

/** A command post member as stored. */
export interface StoredMember {
  userId: string;
  role: PostRole;
  name: string | null;
}

export interface CommandResponseTable {
  id: string;
  incident_id: string;
  org_id: string;
  org_path: string;
  name: string;
  level: ResponseLevel;
  status: Generated<ResponseStatus>;
  plan_id: string | null;
  plan_name: string | null;
  post_name: string | null;
  post_address: string | null;
  post_lng: number | null;
  post_lat: number | null;
  members: Json<StoredMember[]>;
  escalate_after_minutes: number;
  launched_by: string | null;
  launched_by_name: string | null;
  launched_at: Timestamp;
  terminated_at: Timestamp | null;
  terminate_reason: string | null;
  version: Generated<number>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface CommandResponseLevelTable {
  id: string;
  response_id: string;
  from_level: ResponseLevel | null;
  to_level: ResponseLevel;
  reason: string | null;
  at: Timestamp;
  by_id: string | null;
  by_name: string | null;
}

export interface CommandTaskTable {
  id: string;
  response_id: string;
  incident_id: string;
  org_path: string;
  title: string;
  action: string | null;
  source: 'plan' | 'adhoc';
  responsible_role: string | null;
  assignee_kind: AssigneeKind | null;
  assignee_id: string | null;
  assignee_name: string | null;
  status: Generated<TaskStatus>;
  deadline_at: Timestamp | null;
  reject_reason: string | null;
  assigned_at: Timestamp;
  accepted_at: Timestamp | null;
  en_route_at: Timestamp | null;
  on_site_at: Timestamp | null;
  done_at: Timestamp | null;
  rejected_at: Timestamp | null;
  escalated_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface CommandTaskFeedbackTable {
  id: string;
  task_id: string;
  note: string;
  by_id: string | null;
  by_name: string | null;
  at: Timestamp;
}

/** A photo of a task (its file is an `incident_attachment` of the task's incident). */
export interface CommandTaskPhotoTable {
  attachment_id: string;
  task_id: string;
  created_at: Timestamp;
}

export interface CommandDispatchTable {
  id: string;
  task_id: string;
  response_id: string;
  incident_id: string;
  org_path: string;
  line_id: string;
  warehouse_id: string;
  warehouse_name: string;
  item_name: string;
  unit: string;
  quantity: ColumnType<string, number, number>;
  returned_quantity: ColumnType<string, number | undefined, number>;
  note: string | null;
  by_id: string | null;
  by_name: string | null;
  at: Timestamp;
}

/** Equipment allocated to a task; `returned_at` null while it is still out. */
export interface CommandTaskEquipmentTable {
  id: string;
  task_id: string;
  response_id: string;
  incident_id: string;
  org_path: string;
  equipment_id: string;
  equipment_name: string;
  equipment_type: string | null;
  note: string | null;
  dispatched_at: Timestamp;
  dispatched_by: string | null;
  dispatched_by_name: string | null;
  returned_at: Timestamp | null;
  returned_by: string | null;
  returned_by_name: string | null;
  return_note: string | null;
}

/** The platform schema plus the command tables. */
export interface CommandDatabase extends Database {
  command_response: CommandResponseTable;
  command_response_level: CommandResponseLevelTable;
  command_task: CommandTaskTable;
  command_task_feedback: CommandTaskFeedbackTable;
  command_task_photo: CommandTaskPhotoTable;
  command_dispatch: CommandDispatchTable;
  command_task_equipment: CommandTaskEquipmentTable;
}

export type CommandDb = Kysely<CommandDatabase>;

/** The same connection or transaction, typed with the command tables. */
export function commandDb(db: Kysely<Database>): CommandDb {
  return db as unknown as CommandDb;
}

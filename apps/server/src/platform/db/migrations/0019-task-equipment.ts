import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * `command_task_equipment`: equipment (装备: vehicles, drones, pumps, generators, satellite phones —
 * resources of kind 'equipment') allocated to a command task. Each row is written in the same
 * transaction as the equipment's conditional status change available → in_use in the resources
 * module, and closed (`returned_at`) with the change back to available — by a commander, or by the
 * system when the task is done or rejected or its response is terminated. The name and type are
 * kept as they were at dispatch (the registry entry may be renamed or archived later). A partial
 * unique index keeps one piece of equipment out on at most one task at a time. Like
 * `command_dispatch`, no foreign key to `resource`: the registry is another module's table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE command_task_equipment (
      id uuid PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES command_task(id) ON DELETE CASCADE,
      response_id uuid NOT NULL REFERENCES command_response(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      equipment_id uuid NOT NULL,
      equipment_name text NOT NULL,
      equipment_type text,
      note text,
      dispatched_at timestamptz NOT NULL,
      dispatched_by uuid,
      dispatched_by_name text,
      returned_at timestamptz,
      returned_by uuid,
      returned_by_name text,
      return_note text,
      CHECK (returned_at IS NULL OR returned_at >= dispatched_at)
    );
    CREATE INDEX command_task_equipment_task ON command_task_equipment (task_id, dispatched_at);
    CREATE INDEX command_task_equipment_response ON command_task_equipment (response_id) WHERE returned_at IS NULL;
    CREATE INDEX command_task_equipment_incident ON command_task_equipment (incident_id);
    CREATE UNIQUE INDEX command_task_equipment_out ON command_task_equipment (equipment_id) WHERE returned_at IS NULL;
    `,
  );
}

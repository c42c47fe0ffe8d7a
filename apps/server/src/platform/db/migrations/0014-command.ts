import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Command and dispatch (指挥调度).
 *
 * `command_response`: a response launched on an incident at a level I–IV (separate from the
 * incident's grade; several may run at once). It carries the incident's org (for scoping), the
 * plan version it follows (if any), its command post with members (a small JSON list read and
 * written whole) and `version` for optimistic concurrency. `command_response_level` keeps each
 * level (the launch level and every change) with its reason and time.
 *
 * `command_task`: a task of a response, assigned to an org, a rescue team or a person; a time
 * column per status step, `version` for optimistic concurrency, `escalated_at` set once when the
 * commander has been reminded that the task was not accepted in time.
 *
 * `command_dispatch`: materials sent from a warehouse for a task. Each row is written in the
 * same transaction as the stock withdrawal of the resources module (a `dispatch` movement
 * referencing the task), so a dispatch exists exactly when the stock went out. Returns put
 * stock back (a `return` movement) and count up `returned_quantity`, never past `quantity`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE command_response (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('I','II','III','IV')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','terminated')),
      plan_id uuid REFERENCES plan(id),
      plan_name text,
      post_name text,
      post_address text,
      post_lng double precision,
      post_lat double precision,
      members jsonb NOT NULL DEFAULT '[]'::jsonb,
      escalate_after_minutes int NOT NULL DEFAULT 15 CHECK (escalate_after_minutes BETWEEN 1 AND 1440),
      launched_by uuid,
      launched_by_name text,
      launched_at timestamptz NOT NULL,
      terminated_at timestamptz,
      terminate_reason text,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((post_lng IS NULL) = (post_lat IS NULL))
    );
    CREATE INDEX command_response_incident ON command_response (incident_id, launched_at);
    CREATE INDEX command_response_org_path ON command_response USING gist (org_path);

    CREATE TABLE command_response_level (
      id uuid PRIMARY KEY,
      response_id uuid NOT NULL REFERENCES command_response(id) ON DELETE CASCADE,
      from_level text CHECK (from_level IN ('I','II','III','IV')),
      to_level text NOT NULL CHECK (to_level IN ('I','II','III','IV')),
      reason text,
      at timestamptz NOT NULL,
      by_id uuid,
      by_name text
    );
    CREATE INDEX command_response_level_response ON command_response_level (response_id, at);

    CREATE TABLE command_task (
      id uuid PRIMARY KEY,
      response_id uuid NOT NULL REFERENCES command_response(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      title text NOT NULL,
      action text,
      source text NOT NULL CHECK (source IN ('plan','adhoc')),
      responsible_role text,
      assignee_kind text CHECK (assignee_kind IN ('org','team','user')),
      assignee_id uuid,
      assignee_name text,
      status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned','accepted','en_route','on_site','done','rejected')),
      deadline_at timestamptz,
      reject_reason text,
      assigned_at timestamptz NOT NULL,
      accepted_at timestamptz,
      en_route_at timestamptz,
      on_site_at timestamptz,
      done_at timestamptz,
      rejected_at timestamptz,
      escalated_at timestamptz,
      version int NOT NULL DEFAULT 1,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((assignee_kind IS NULL) = (assignee_id IS NULL))
    );
    CREATE INDEX command_task_response ON command_task (response_id, created_at, id);
    CREATE INDEX command_task_assignee ON command_task (assignee_kind, assignee_id);
    CREATE INDEX command_task_unaccepted ON command_task (assigned_at) WHERE status = 'assigned' AND escalated_at IS NULL;
    CREATE INDEX command_task_org_path ON command_task USING gist (org_path);

    CREATE TABLE command_task_feedback (
      id uuid PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES command_task(id) ON DELETE CASCADE,
      note text NOT NULL,
      by_id uuid,
      by_name text,
      at timestamptz NOT NULL
    );
    CREATE INDEX command_task_feedback_task ON command_task_feedback (task_id, at);

    CREATE TABLE command_dispatch (
      id uuid PRIMARY KEY,
      task_id uuid NOT NULL REFERENCES command_task(id) ON DELETE CASCADE,
      response_id uuid NOT NULL REFERENCES command_response(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      line_id uuid NOT NULL,
      warehouse_id uuid NOT NULL,
      warehouse_name text NOT NULL,
      item_name text NOT NULL,
      unit text NOT NULL,
      quantity numeric NOT NULL CHECK (quantity > 0),
      returned_quantity numeric NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0 AND returned_quantity <= quantity),
      note text,
      by_id uuid,
      by_name text,
      at timestamptz NOT NULL
    );
    CREATE INDEX command_dispatch_task ON command_dispatch (task_id, at);
    `,
  );
}

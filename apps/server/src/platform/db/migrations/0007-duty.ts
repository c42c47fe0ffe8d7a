import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Duty desk (值班值守): rosters of shifts with their people, swap requests, handovers, the duty
 * log, duty checks (查岗) and rejected roster imports kept for their error report. Phones are
 * sealed at rest (`phone_sealed`); `phone_masked` is what people without duty rights see, and
 * `person_key` identifies a person across shifts for the overlap rule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE duty_shift (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('day','night','24h')),
      note text,
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','demo')),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      UNIQUE (org_id, starts_at, ends_at)
    );
    CREATE INDEX duty_shift_org_path ON duty_shift USING gist (org_path);
    CREATE INDEX duty_shift_time ON duty_shift (starts_at, ends_at);

    CREATE TABLE duty_person (
      id uuid PRIMARY KEY,
      shift_id uuid NOT NULL REFERENCES duty_shift(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('leader','officer')),
      position int NOT NULL DEFAULT 0,
      user_id uuid REFERENCES app_user(id),
      name text NOT NULL,
      phone_sealed text,
      phone_masked text,
      person_key text NOT NULL,
      signed_in_at timestamptz,
      signed_out_at timestamptz,
      UNIQUE (shift_id, person_key)
    );
    CREATE INDEX duty_person_key ON duty_person (person_key);
    CREATE INDEX duty_person_user ON duty_person (user_id) WHERE user_id IS NOT NULL;

    CREATE TABLE duty_swap (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      shift_id uuid NOT NULL REFERENCES duty_shift(id) ON DELETE CASCADE,
      person_id uuid NOT NULL,
      from_name text NOT NULL,
      from_user_id uuid,
      to_user_id uuid NOT NULL REFERENCES app_user(id),
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
      requested_by uuid NOT NULL REFERENCES app_user(id),
      requested_at timestamptz NOT NULL,
      decided_by uuid REFERENCES app_user(id),
      decided_at timestamptz,
      decision_note text
    );
    CREATE INDEX duty_swap_org_path ON duty_swap USING gist (org_path);
    CREATE INDEX duty_swap_shift ON duty_swap (shift_id);
    CREATE INDEX duty_swap_pending ON duty_swap (requested_at) WHERE status = 'pending';

    CREATE TABLE duty_handover (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      from_shift_id uuid NOT NULL UNIQUE REFERENCES duty_shift(id),
      to_shift_id uuid NOT NULL REFERENCES duty_shift(id),
      notes text NOT NULL DEFAULT '',
      open_items jsonb NOT NULL,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      countersign_due_at timestamptz NOT NULL,
      countersigned_by uuid REFERENCES app_user(id),
      countersigned_at timestamptz,
      leader_notified_at timestamptz,
      is_demo boolean NOT NULL DEFAULT false
    );
    CREATE INDEX duty_handover_org_path ON duty_handover USING gist (org_path);
    CREATE INDEX duty_handover_created ON duty_handover (created_at DESC);
    CREATE INDEX duty_handover_unsigned ON duty_handover (countersign_due_at)
      WHERE countersigned_at IS NULL AND leader_notified_at IS NULL;

    CREATE TABLE duty_log (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('call_in','call_out','event','notice','other')),
      caller text,
      caller_phone_sealed text,
      caller_phone_masked text,
      summary text NOT NULL,
      incident_id uuid,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      is_demo boolean NOT NULL DEFAULT false
    );
    CREATE INDEX duty_log_org_path ON duty_log USING gist (org_path);
    CREATE INDEX duty_log_at ON duty_log (at DESC, id DESC);
    CREATE INDEX duty_log_incident ON duty_log (incident_id) WHERE incident_id IS NOT NULL;

    CREATE TABLE duty_check (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      message text NOT NULL,
      sent_by uuid REFERENCES app_user(id),
      sent_by_name text NOT NULL,
      sent_at timestamptz NOT NULL,
      ack_minutes int NOT NULL CHECK (ack_minutes > 0),
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','answered','missed')),
      notified_count int NOT NULL DEFAULT 0,
      acked_by uuid REFERENCES app_user(id),
      acked_at timestamptz,
      response_seconds int,
      missed_at timestamptz,
      is_demo boolean NOT NULL DEFAULT false
    );
    CREATE INDEX duty_check_org_path ON duty_check USING gist (org_path);
    CREATE INDEX duty_check_sent ON duty_check (sent_at DESC, id DESC);
    CREATE INDEX duty_check_pending ON duty_check (due_at) WHERE status = 'pending';

    CREATE TABLE duty_import_error (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      file_name text,
      errors jsonb NOT NULL,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL
    );
    CREATE INDEX duty_import_error_org_path ON duty_import_error USING gist (org_path);
  `,
  );
}

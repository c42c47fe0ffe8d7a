import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * The statutory reporting chain (首报 → 续报 → 补报 → 终报): reports sent from an org to its parent
 * with read receipts, deadline rules held as data, the concrete deadlines the worker tracks, and
 * leaders' instructions (领导批示) with their targets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE deadline_rule (
      id text PRIMARY KEY,
      category text CHECK (category ~ '^1[0-9A-Z]{4}$'),
      min_grade smallint CHECK (min_grade BETWEEN 1 AND 4),
      kind text NOT NULL CHECK (kind IN
        ('first_phone','first','forward','forward_province','followup','supplement','final','instruction_feedback')),
      offset_minutes int NOT NULL CHECK (offset_minutes >= 0),
      repeat_minutes int CHECK (repeat_minutes > 0),
      description text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE incident_report (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      to_org_id uuid NOT NULL REFERENCES org(id),
      to_org_path ltree NOT NULL,
      kind text NOT NULL CHECK (kind IN ('first','followup','supplement','final')),
      version int NOT NULL CHECK (version >= 1),
      text text NOT NULL,
      title text NOT NULL,
      event_type text NOT NULL,
      grade smallint CHECK (grade BETWEEN 1 AND 4),
      status text NOT NULL,
      dead int NOT NULL CHECK (dead >= 0),
      missing int NOT NULL CHECK (missing >= 0),
      seriously_injured int NOT NULL CHECK (seriously_injured >= 0),
      lightly_injured int NOT NULL CHECK (lightly_injured >= 0),
      direct_loss_yuan numeric(16, 2) NOT NULL CHECK (direct_loss_yuan >= 0),
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      phone_reported_at timestamptz,
      forwarded_from_id uuid REFERENCES incident_report(id),
      submitted_at timestamptz NOT NULL,
      submitted_by uuid,
      submitted_by_name text,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      acknowledged_by_name text,
      is_demo boolean NOT NULL DEFAULT false,
      UNIQUE (incident_id, org_id, version)
    );
    CREATE UNIQUE INDEX incident_report_one_first ON incident_report (incident_id, org_id) WHERE kind = 'first';
    CREATE INDEX incident_report_incident ON incident_report (incident_id, submitted_at, id);
    CREATE INDEX incident_report_org_path ON incident_report USING gist (org_path);
    CREATE INDEX incident_report_to_org_path ON incident_report USING gist (to_org_path);
    CREATE INDEX incident_report_inbox ON incident_report (to_org_id, submitted_at DESC, id DESC);
    CREATE INDEX incident_report_unacked ON incident_report (to_org_id, submitted_at DESC) WHERE acknowledged_at IS NULL;
    CREATE INDEX incident_report_submitted ON incident_report (submitted_at);
    CREATE INDEX incident_report_forwarded_from ON incident_report (forwarded_from_id) WHERE forwarded_from_id IS NOT NULL;

    CREATE TABLE instruction (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      incident_title text NOT NULL,
      text text NOT NULL,
      author_id uuid,
      author_name text NOT NULL,
      issued_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      is_demo boolean NOT NULL DEFAULT false
    );
    CREATE INDEX instruction_incident ON instruction (incident_id, issued_at);
    CREATE INDEX instruction_org_path ON instruction USING gist (org_path);
    CREATE INDEX instruction_issued ON instruction (issued_at DESC, id DESC);

    CREATE TABLE instruction_target (
      id uuid PRIMARY KEY,
      instruction_id uuid NOT NULL REFERENCES instruction(id),
      user_id uuid REFERENCES app_user(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      acknowledged_by_name text,
      feedback text,
      feedback_at timestamptz,
      feedback_by uuid,
      feedback_by_name text,
      CHECK ((feedback IS NULL) = (feedback_at IS NULL))
    );
    CREATE UNIQUE INDEX instruction_target_user ON instruction_target (instruction_id, user_id) WHERE user_id IS NOT NULL;
    CREATE UNIQUE INDEX instruction_target_org ON instruction_target (instruction_id, org_id) WHERE user_id IS NULL;
    CREATE INDEX instruction_target_by_user ON instruction_target (user_id) WHERE user_id IS NOT NULL;
    CREATE INDEX instruction_target_by_org ON instruction_target (org_id) WHERE user_id IS NULL;
    CREATE INDEX instruction_target_org_path ON instruction_target USING gist (org_path);

    CREATE TABLE report_deadline (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      incident_title text NOT NULL,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      kind text NOT NULL CHECK (kind IN
        ('first_phone','first','forward','forward_province','followup','supplement','final','instruction_feedback')),
      key text NOT NULL,
      rule_id text,
      anchor_report_id uuid REFERENCES incident_report(id),
      instruction_target_id uuid REFERENCES instruction_target(id),
      due_at timestamptz NOT NULL,
      reminded_at timestamptz,
      overdue_at timestamptz,
      satisfied_at timestamptz,
      satisfied_by uuid,
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL,
      UNIQUE (incident_id, key)
    );
    CREATE INDEX report_deadline_open_due ON report_deadline (due_at)
      WHERE satisfied_at IS NULL AND cancelled_at IS NULL AND overdue_at IS NULL;
    CREATE INDEX report_deadline_overdue ON report_deadline (due_at DESC, id DESC) WHERE overdue_at IS NOT NULL;
    CREATE INDEX report_deadline_due ON report_deadline (due_at);
    CREATE INDEX report_deadline_org_path ON report_deadline USING gist (org_path);
    CREATE INDEX report_deadline_org_open ON report_deadline (org_id, due_at) WHERE satisfied_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX report_deadline_satisfied_by ON report_deadline (satisfied_by) WHERE satisfied_by IS NOT NULL;
  `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * After-action assessment (应急评估) of command responses.
 *
 * `command_assessment`: opened when a response is terminated, one per response (its primary key
 * is the response's id). It keeps the measures computed at that moment (durations and task rates,
 * a JSON document read and written whole), the evaluation form (scores 1–5 and comments per
 * dimension plus lessons learned, JSON) and `version` for optimistic concurrency.
 *
 * `command_assessment_action`: corrective actions (整改措施) with an owner org and/or person and
 * a deadline, tracked from open to done.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE command_assessment (
      id uuid PRIMARY KEY REFERENCES command_response(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      measures jsonb NOT NULL,
      evaluation jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      opened_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX command_assessment_org_path ON command_assessment USING gist (org_path);
    CREATE INDEX command_assessment_opened ON command_assessment (opened_at DESC, id DESC);

    CREATE TABLE command_assessment_action (
      id uuid PRIMARY KEY,
      assessment_id uuid NOT NULL REFERENCES command_assessment(id) ON DELETE CASCADE,
      title text NOT NULL,
      owner_org_id uuid REFERENCES org(id),
      owner_org_name text,
      owner_user_id uuid REFERENCES app_user(id),
      owner_user_name text,
      deadline_at timestamptz,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
      done_at timestamptz,
      done_by text,
      note text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX command_assessment_action_assessment ON command_assessment_action (assessment_id, created_at);
    `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Digital emergency plans (数字预案).
 *
 * One row per plan version: the versions of one plan share `series_id` and are numbered by
 * `version_no`. A version is edited only as a draft; `revision` counts its edits (optimistic
 * concurrency, a stale revision is a 409). The response levels I–IV with their start conditions
 * and task templates are one validated JSON document (`levels`): they are read and written
 * whole, compared between versions, and evaluated in memory by plan matching. A series has at
 * most one version in force (`active`) and at most one open version (draft or submitted).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE plan (
      id uuid PRIMARY KEY,
      series_id uuid NOT NULL,
      version_no int NOT NULL CHECK (version_no >= 1),
      previous_version_id uuid REFERENCES plan(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('city','county','enterprise')),
      type text NOT NULL CHECK (type IN ('overall','special','department','event')),
      event_codes text[] NOT NULL DEFAULT '{}',
      summary text,
      levels jsonb NOT NULL DEFAULT '[]'::jsonb,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','active','retired')),
      revision int NOT NULL DEFAULT 1,
      reject_reason text,
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','demo')),
      created_by uuid,
      created_by_name text,
      submitted_by uuid,
      submitted_at timestamptz,
      approved_by uuid,
      approved_by_name text,
      approved_at timestamptz,
      activated_by uuid,
      activated_at timestamptz,
      retired_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (series_id, version_no)
    );
    CREATE INDEX plan_org_path ON plan USING gist (org_path);
    CREATE INDEX plan_event_codes ON plan USING gin (event_codes);
    CREATE INDEX plan_created ON plan (created_at DESC, id DESC);
    CREATE INDEX plan_status ON plan (status, created_at DESC, id DESC);
    CREATE UNIQUE INDEX plan_one_active ON plan (series_id) WHERE status = 'active';
    CREATE UNIQUE INDEX plan_one_open ON plan (series_id) WHERE status IN ('draft','submitted');
    `,
  );
}

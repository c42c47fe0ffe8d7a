import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Consultation room (协同会商) and collaborative plotting (协同标绘) of an incident.
 *
 * Every row carries the incident's `org_path` (copied when written) so lists and realtime pushes
 * are scoped like the incident itself. `consult_message` keeps the chat (mentions as a small JSON
 * list of `{userId, name}`); `consult_participant` the named participants (staff users or experts
 * of the resources module, one row each); `consult_decision` the recorded conclusions (also on the
 * incident's timeline). `consult_feature` holds plotted features as WGS84 geometry with a symbol
 * code from the shared symbol catalogue and `version` for optimistic concurrency; a deleted
 * feature is removed (its last state stays in the audit log).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE consult_message (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      body text NOT NULL,
      mentions jsonb NOT NULL DEFAULT '[]'::jsonb,
      author_id uuid,
      author_name text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX consult_message_incident ON consult_message (incident_id, created_at DESC, id DESC);

    CREATE TABLE consult_participant (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      kind text NOT NULL CHECK (kind IN ('user','expert')),
      ref_id uuid NOT NULL,
      name text NOT NULL,
      added_by text,
      added_at timestamptz NOT NULL,
      UNIQUE (incident_id, kind, ref_id)
    );

    CREATE TABLE consult_decision (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      summary text NOT NULL,
      author_id uuid,
      author_name text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX consult_decision_incident ON consult_decision (incident_id, created_at DESC, id DESC);

    CREATE TABLE consult_feature (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_path ltree NOT NULL,
      symbol text NOT NULL,
      label text,
      colour text NOT NULL,
      geom geometry(Geometry, 4326) NOT NULL,
      version int NOT NULL DEFAULT 1,
      created_by uuid,
      updated_by text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX consult_feature_incident ON consult_feature (incident_id, created_at);
    CREATE INDEX consult_feature_geom ON consult_feature USING gist (geom);
    `,
  );
}

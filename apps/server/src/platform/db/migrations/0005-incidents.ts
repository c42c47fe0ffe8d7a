import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Incidents (信息接报): the incident itself, its timeline, its attachments, and the grading rules
 * (thresholds held as data, edited by the city bureau).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE incident (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      title text NOT NULL,
      event_type text NOT NULL,
      category text NOT NULL,
      grade smallint CHECK (grade BETWEEN 1 AND 4),
      computed_grade smallint CHECK (computed_grade BETWEEN 1 AND 4),
      grade_source text NOT NULL DEFAULT 'computed' CHECK (grade_source IN ('computed','override')),
      grade_reason text,
      status text NOT NULL DEFAULT 'received'
        CHECK (status IN ('received','verified','responding','closed','merged','false_report')),
      status_reason text,
      merged_into_id uuid REFERENCES incident(id),
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      location geometry(Point, 4326),
      address text,
      county_code text,
      township_code text,
      out_of_jurisdiction boolean NOT NULL DEFAULT false,
      source text NOT NULL
        CHECK (source IN ('phone','hotline_system','public','sensor_alarm','upper_notice','lower_report')),
      reporter_name text,
      reporter_phone_sealed text,
      reporter_phone_masked text,
      description text,
      dead int NOT NULL DEFAULT 0 CHECK (dead >= 0),
      missing int NOT NULL DEFAULT 0 CHECK (missing >= 0),
      seriously_injured int NOT NULL DEFAULT 0 CHECK (seriously_injured >= 0),
      lightly_injured int NOT NULL DEFAULT 0 CHECK (lightly_injured >= 0),
      direct_loss_yuan numeric(16, 2) NOT NULL DEFAULT 0 CHECK (direct_loss_yuan >= 0),
      affected int NOT NULL DEFAULT 0 CHECK (affected >= 0),
      evacuated int NOT NULL DEFAULT 0 CHECK (evacuated >= 0),
      duplicate_hint boolean NOT NULL DEFAULT false,
      duplicate_candidate_ids uuid[] NOT NULL DEFAULT '{}',
      external_source text,
      external_ref text,
      version int NOT NULL DEFAULT 1,
      is_demo boolean NOT NULL DEFAULT false,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (occurred_at <= received_at),
      CHECK ((external_source IS NULL) = (external_ref IS NULL))
    );
    CREATE INDEX incident_org_path ON incident USING gist (org_path);
    CREATE INDEX incident_location ON incident USING gist (location);
    CREATE INDEX incident_location_geog ON incident USING gist ((location::geography));
    CREATE INDEX incident_received ON incident (received_at DESC, id DESC);
    CREATE INDEX incident_category_received ON incident (category, received_at);
    CREATE INDEX incident_category_occurred ON incident (category, occurred_at);
    CREATE INDEX incident_status ON incident (status, received_at DESC);
    CREATE INDEX incident_county ON incident (county_code, received_at DESC);
    CREATE INDEX incident_duplicate_hint ON incident (received_at DESC) WHERE duplicate_hint;
    CREATE INDEX incident_title_trgm ON incident USING gin (title gin_trgm_ops);
    CREATE INDEX incident_address_trgm ON incident USING gin (address gin_trgm_ops);
    CREATE UNIQUE INDEX incident_external_ref ON incident (external_source, external_ref) WHERE external_source IS NOT NULL;

    CREATE TABLE incident_timeline (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      at timestamptz NOT NULL,
      kind text NOT NULL,
      summary text NOT NULL,
      data jsonb,
      actor_id uuid,
      actor_name text
    );
    CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, at, id);

    CREATE TABLE incident_attachment (
      id uuid PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      file_name text NOT NULL,
      mime text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('image','document')),
      size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      uploaded_by uuid,
      uploaded_by_name text,
      created_at timestamptz NOT NULL,
      deleted_at timestamptz,
      deleted_by uuid
    );
    CREATE INDEX incident_attachment_incident ON incident_attachment (incident_id, created_at);
    CREATE INDEX incident_attachment_org_path ON incident_attachment USING gist (org_path);

    CREATE TABLE grading_rule (
      category text NOT NULL,
      criterion text NOT NULL CHECK (criterion IN
        ('dead','missing','dead_missing','seriously_injured','injured','casualties','direct_loss_yuan','affected','evacuated')),
      grade smallint NOT NULL CHECK (grade BETWEEN 1 AND 4),
      threshold numeric(16, 2) NOT NULL CHECK (threshold >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid,
      PRIMARY KEY (category, criterion, grade)
    );
  `,
  );
}

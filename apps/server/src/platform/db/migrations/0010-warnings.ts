import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Warnings (预警信息发布): warning types with the colours each allows and their 防御指南 templates
 * (seed data), the warnings themselves (authored here or imported from CAP / GB/T 35965.1
 * sources), configured external feeds and a log of every imported item.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE warning_type (
      code text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      colours text[] NOT NULL,
      sort int NOT NULL DEFAULT 0,
      CHECK (colours <@ ARRAY['blue','yellow','orange','red']::text[] AND cardinality(colours) > 0)
    );

    CREATE TABLE warning_guide (
      type_code text NOT NULL REFERENCES warning_type(code),
      colour text NOT NULL CHECK (colour IN ('blue','yellow','orange','red')),
      instruction_zh text NOT NULL,
      PRIMARY KEY (type_code, colour)
    );

    CREATE TABLE warning_feed (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      url text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('cap','atom')),
      interval_seconds int NOT NULL CHECK (interval_seconds BETWEEN 60 AND 86400),
      enabled boolean NOT NULL DEFAULT true,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      last_status text CHECK (last_status IN ('ok','error')),
      last_error text,
      last_polled_at timestamptz,
      last_items int,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX warning_feed_org_path ON warning_feed USING gist (org_path);

    CREATE TABLE warning (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      source text NOT NULL CHECK (source IN ('internal','external')),
      status text NOT NULL
        CHECK (status IN ('draft','submitted','approved','published','superseded','cancelled','expired')),
      type_code text NOT NULL,
      colour text CHECK (colour IN ('blue','yellow','orange','red')),
      headline text NOT NULL,
      description text NOT NULL,
      instruction text NOT NULL DEFAULT '',
      en jsonb,
      audience text,
      channels text[] NOT NULL DEFAULT '{}',
      area_desc text NOT NULL,
      division_codes text[] NOT NULL DEFAULT '{}',
      polygon geometry(Polygon, 4326),
      circle jsonb,
      geom geometry(Geometry, 4326),
      effective_at timestamptz,
      onset_at timestamptz,
      expires_at timestamptz,
      version int NOT NULL DEFAULT 1,
      previous_id uuid REFERENCES warning(id),
      superseded_by_id uuid REFERENCES warning(id),
      identifier text,
      sender text,
      sent_at timestamptz,
      msg_type text CHECK (msg_type IN ('Alert','Update','Cancel')),
      cap_xml text,
      gb_xml text,
      raw_format text CHECK (raw_format IN ('cap','gb')),
      signature_status text CHECK (signature_status IN ('valid','invalid','unsigned')),
      signer text,
      feed_id uuid REFERENCES warning_feed(id),
      reject_reason text,
      cancel_reason text,
      created_by uuid,
      created_by_name text,
      submitted_by uuid,
      submitted_at timestamptz,
      approved_by uuid,
      approved_by_name text,
      approved_at timestamptz,
      published_by uuid,
      published_at timestamptz,
      ended_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (expires_at IS NULL OR effective_at IS NULL OR expires_at > effective_at),
      CHECK ((identifier IS NULL) = (sender IS NULL))
    );
    CREATE INDEX warning_org_path ON warning USING gist (org_path);
    CREATE INDEX warning_geom ON warning USING gist (geom);
    CREATE INDEX warning_status ON warning (status, created_at DESC, id DESC);
    CREATE INDEX warning_created ON warning (created_at DESC, id DESC);
    CREATE INDEX warning_active_expiry ON warning (expires_at) WHERE status = 'published';
    CREATE UNIQUE INDEX warning_sender_identifier ON warning (sender, identifier) WHERE identifier IS NOT NULL;
    CREATE INDEX warning_identifier ON warning (identifier) WHERE identifier IS NOT NULL;

    CREATE TABLE warning_import_log (
      id uuid PRIMARY KEY,
      feed_id uuid REFERENCES warning_feed(id) ON DELETE SET NULL,
      content_sha256 text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('created','updated','cancelled','duplicate','rejected')),
      identifier text,
      sender text,
      msg_type text,
      signature_status text CHECK (signature_status IN ('valid','invalid','unsigned')),
      warning_id uuid REFERENCES warning(id),
      error text,
      actor_id uuid,
      received_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX warning_import_log_content ON warning_import_log (content_sha256);
    CREATE INDEX warning_import_log_received ON warning_import_log (received_at DESC);
    CREATE INDEX warning_import_log_feed ON warning_import_log (feed_id, received_at DESC);
  `,
  );
}

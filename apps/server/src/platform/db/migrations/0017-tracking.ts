import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Field positions (现场力量定位).
 *
 * `tracker` is a position source: a GPS device bound to a rescue team or vehicle (a resource row;
 * it authenticates on MQTT/HTTP with its code and a secret stored as SHA-256, like monitoring
 * devices), or a person's phone (one per user, created when they first share their position). It
 * keeps its last fix for the live map. `track_position` holds every accepted fix (pruned after the
 * retention period); `track_refusal` records what was refused and why (impossible jumps, bad
 * coordinates, forbidden topics), like ingestion's dead letters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE tracker (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('device','phone')),
      subject_kind text NOT NULL CHECK (subject_kind IN ('team','equipment','user')),
      subject_id uuid,
      subject_name text NOT NULL,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      secret_hash text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      last_location geometry(Point, 4326),
      last_at timestamptz,
      last_speed_kmh double precision,
      last_heading double precision,
      refused_count int NOT NULL DEFAULT 0,
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','phone','demo')),
      version int NOT NULL DEFAULT 1,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'phone' OR secret_hash IS NOT NULL)
    );
    CREATE INDEX tracker_org_path ON tracker USING gist (org_path);
    CREATE INDEX tracker_last_at ON tracker (last_at DESC);
    CREATE UNIQUE INDEX tracker_phone_user ON tracker (subject_id) WHERE kind = 'phone';

    CREATE TABLE track_position (
      id bigserial PRIMARY KEY,
      tracker_id uuid NOT NULL REFERENCES tracker(id),
      at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      location geometry(Point, 4326) NOT NULL,
      speed_kmh double precision,
      heading double precision,
      accuracy_m double precision,
      source text NOT NULL CHECK (source IN ('mqtt','http','phone'))
    );
    CREATE INDEX track_position_tracker_at ON track_position (tracker_id, at DESC);
    CREATE INDEX track_position_received ON track_position (received_at);

    CREATE TABLE track_refusal (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      tracker_id uuid REFERENCES tracker(id),
      tracker_code text,
      org_path ltree,
      source text NOT NULL CHECK (source IN ('mqtt','http','phone')),
      reason text NOT NULL,
      message text NOT NULL
    );
    CREATE INDEX track_refusal_at ON track_refusal (at DESC, id DESC);
    CREATE INDEX track_refusal_tracker ON track_refusal (tracker_id, at DESC);
    `,
  );
}

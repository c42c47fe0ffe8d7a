import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Emergency resources (应急资源) and the One Map.
 *
 * One `resource` table holds every registry entity (teams, experts, warehouses, shelters,
 * equipment, hazard sources, protected targets) with the columns they share — kind, national
 * type code, status, location, org scope — and the kind-specific attributes in `attrs` (validated
 * by the zod schema of the kind). One table keeps the map, tiles, search, "around here" and
 * imports one query each instead of seven (see docs/adr/0005-one-resource-table.md).
 * Expert contacts are sealed at rest (`sealed`), `masked` is what users without
 * `expert.contact.read` see. Every change appends a `resource_history` snapshot.
 *
 * Stock lines belong to warehouses; every quantity change is a `stock_movement` written in the
 * same transaction, and `quantity >= 0` is enforced by the database as well as by the service.
 * `import_job` keeps uploaded files and their progress so that a restart resumes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE resource (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('team','expert','warehouse','shelter','equipment','hazard','target')),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      external_code text NOT NULL,
      name text NOT NULL,
      type_code text,
      status text NOT NULL,
      division_code text,
      address text,
      phone text,
      location geometry(Point, 4326) NOT NULL,
      area geometry(MultiPolygon, 4326),
      attrs jsonb NOT NULL DEFAULT '{}'::jsonb,
      sealed jsonb,
      masked jsonb,
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','demo','scale')),
      version int NOT NULL DEFAULT 1,
      archived_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, external_code)
    );
    CREATE INDEX resource_location ON resource USING gist (location);
    CREATE INDEX resource_location_geog ON resource USING gist ((location::geography));
    CREATE INDEX resource_org_path ON resource USING gist (org_path);
    CREATE INDEX resource_kind_name ON resource (kind, name);
    CREATE INDEX resource_name_trgm ON resource USING gin (name gin_trgm_ops);
    CREATE INDEX resource_attrs ON resource USING gin (attrs jsonb_path_ops);
    CREATE INDEX resource_kind_updated ON resource (kind, updated_at DESC, id DESC);

    CREATE TABLE resource_history (
      id uuid PRIMARY KEY,
      resource_id uuid NOT NULL REFERENCES resource(id),
      version int NOT NULL,
      action text NOT NULL,
      snapshot jsonb NOT NULL,
      changed_by uuid,
      changed_at timestamptz NOT NULL,
      UNIQUE (resource_id, version)
    );

    CREATE TABLE stock_line (
      id uuid PRIMARY KEY,
      warehouse_id uuid NOT NULL REFERENCES resource(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      external_code text,
      material_code text NOT NULL,
      name text NOT NULL,
      spec text,
      unit text NOT NULL,
      quantity numeric(14,2) NOT NULL CHECK (quantity >= 0),
      min_quantity numeric(14,2) NOT NULL DEFAULT 0 CHECK (min_quantity >= 0),
      batch text,
      produced_on date,
      expires_on date,
      source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import','demo','scale')),
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (expires_on IS NULL OR produced_on IS NULL OR expires_on >= produced_on),
      UNIQUE (external_code)
    );
    CREATE INDEX stock_line_warehouse ON stock_line (warehouse_id);
    CREATE INDEX stock_line_material ON stock_line (material_code);
    CREATE INDEX stock_line_org_path ON stock_line USING gist (org_path);
    CREATE INDEX stock_line_expiry ON stock_line (expires_on) WHERE expires_on IS NOT NULL;

    CREATE TABLE stock_movement (
      id uuid PRIMARY KEY,
      stock_line_id uuid NOT NULL REFERENCES stock_line(id),
      warehouse_id uuid NOT NULL REFERENCES resource(id),
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      kind text NOT NULL CHECK (kind IN ('in','out','transfer_in','transfer_out','stocktake','dispatch','return')),
      delta numeric(14,2) NOT NULL,
      quantity_after numeric(14,2) NOT NULL CHECK (quantity_after >= 0),
      reason text NOT NULL,
      transfer_id uuid,
      ref_type text,
      ref_id uuid,
      actor_id uuid,
      at timestamptz NOT NULL
    );
    CREATE INDEX stock_movement_line ON stock_movement (stock_line_id, at DESC);
    CREATE INDEX stock_movement_org_path ON stock_movement USING gist (org_path);

    CREATE TABLE import_job (
      id uuid PRIMARY KEY,
      module text NOT NULL,
      entity text NOT NULL,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      filename text NOT NULL,
      file bytea,
      status text NOT NULL CHECK (status IN ('queued','running','succeeded','failed')),
      total_rows int NOT NULL DEFAULT 0,
      processed_rows int NOT NULL DEFAULT 0,
      inserted int NOT NULL DEFAULT 0,
      updated int NOT NULL DEFAULT 0,
      unchanged int NOT NULL DEFAULT 0,
      error_count int NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]'::jsonb,
      failure text,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE INDEX import_job_org_path ON import_job USING gist (org_path);
    CREATE INDEX import_job_pending ON import_job (created_at) WHERE status IN ('queued','running');
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `DROP TABLE IF EXISTS import_job; DROP TABLE IF EXISTS stock_movement; DROP TABLE IF EXISTS stock_line;
     DROP TABLE IF EXISTS resource_history; DROP TABLE IF EXISTS resource;`,
  );
}

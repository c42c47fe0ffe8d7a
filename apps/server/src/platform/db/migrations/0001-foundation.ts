import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/** Foundation: extensions, code tables, admin divisions, orgs, users, roles, sessions, audit, outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE EXTENSION IF NOT EXISTS postgis;
    CREATE EXTENSION IF NOT EXISTS ltree;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE code_table (
      family text NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      parent_code text,
      level int NOT NULL,
      sort int NOT NULL DEFAULT 0,
      PRIMARY KEY (family, code)
    );
    CREATE INDEX code_table_parent ON code_table (family, parent_code);
    CREATE INDEX code_table_name_trgm ON code_table USING gin (name gin_trgm_ops);

    CREATE TABLE admin_division (
      code text PRIMARY KEY,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('province','city','county','township')),
      parent_code text,
      area_km2 numeric,
      geom geometry(MultiPolygon, 4326),
      label_point geometry(Point, 4326)
    );
    CREATE INDEX admin_division_geom ON admin_division USING gist (geom);
    CREATE INDEX admin_division_parent ON admin_division (parent_code);

    CREATE TABLE org (
      id uuid PRIMARY KEY,
      parent_id uuid REFERENCES org(id),
      path ltree NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('province','city','county','township','department','enterprise','rescue_team')),
      code text NOT NULL UNIQUE,
      division_code text REFERENCES admin_division(code),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX org_path_gist ON org USING gist (path);
    CREATE INDEX org_parent ON org (parent_id);

    CREATE TABLE app_user (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      phone text,
      email text,
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL,
      must_change_password boolean NOT NULL DEFAULT true,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      failed_count int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      locale text NOT NULL DEFAULT 'zh-CN',
      is_demo boolean NOT NULL DEFAULT false,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX app_user_org_path ON app_user USING gist (org_path);

    CREATE TABLE password_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_history_user ON password_history (user_id, created_at DESC);

    CREATE TABLE role (
      id text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      admin_kind text CHECK (admin_kind IN ('system','security','audit')),
      permissions text[] NOT NULL DEFAULT '{}',
      builtin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE user_role (
      user_id uuid NOT NULL REFERENCES app_user(id),
      role_id text NOT NULL REFERENCES role(id),
      scope_org_id uuid NOT NULL REFERENCES org(id),
      scope_path ltree NOT NULL,
      granted_by uuid,
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, role_id)
    );

    CREATE TABLE session (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      stage text NOT NULL CHECK (stage IN ('active','totp','totp_enroll','password_change')),
      csrf_token text NOT NULL,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX session_by_user ON session (user_id);

    CREATE TABLE ip_lockout (
      ip text PRIMARY KEY,
      failed_count int NOT NULL,
      first_failed_at timestamptz NOT NULL,
      locked_until timestamptz
    );

    CREATE TABLE api_token (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id),
      permissions text[] NOT NULL,
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE setting (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid
    );

    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      at timestamptz NOT NULL,
      actor_id uuid,
      actor_name text,
      org_id uuid,
      org_path ltree,
      ip text,
      user_agent text,
      action text NOT NULL,
      entity text,
      entity_id text,
      result text NOT NULL CHECK (result IN ('ok','denied','failed')),
      before jsonb,
      after jsonb,
      request_id text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_log_at ON audit_log (at DESC);
    CREATE INDEX audit_log_actor ON audit_log (actor_name, at DESC);
    CREATE INDEX audit_log_action ON audit_log (action, at DESC);
    CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

    CREATE TABLE outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      topic text NOT NULL,
      payload jsonb NOT NULL,
      org_path ltree,
      permission text,
      created_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      delivered_at timestamptz
    );
    CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;

    CREATE TABLE notification (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id),
      title text NOT NULL,
      body text,
      link text,
      severity text NOT NULL DEFAULT 'info' CHECK (severity IN ('info','warning','critical')),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notification_user ON notification (user_id, created_at DESC);
  `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Dissemination (信息发布): subscribers (phones, e-mail addresses and signed webhooks registered
 * by an org, with an area filter and a minimum warning colour), messages (one per source and
 * key, so a repeated event never sends twice) and deliveries — one row per recipient and
 * channel, processed by the worker with retries and back-off, so nothing accepted is lost
 * across a restart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE notify_subscriber (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('sms','email','webhook')),
      address text NOT NULL,
      secret_sealed text,
      division_codes text[] NOT NULL DEFAULT '{}',
      min_colour text CHECK (min_colour IN ('blue','yellow','orange','red')),
      enabled boolean NOT NULL DEFAULT true,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      version int NOT NULL DEFAULT 1,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (channel <> 'webhook' OR secret_sealed IS NOT NULL)
    );
    CREATE INDEX notify_subscriber_org_path ON notify_subscriber USING gist (org_path);
    CREATE UNIQUE INDEX notify_subscriber_address ON notify_subscriber (org_id, channel, address);
    CREATE INDEX notify_subscriber_list ON notify_subscriber (created_at DESC, id DESC);

    CREATE TABLE notify_message (
      id uuid PRIMARY KEY,
      source_kind text NOT NULL,
      source_id text NOT NULL,
      key text NOT NULL,
      title text NOT NULL,
      body text,
      detail text,
      link text,
      severity text NOT NULL CHECK (severity IN ('info','warning','critical')),
      data jsonb,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX notify_message_key ON notify_message (source_kind, source_id, key);

    CREATE TABLE notify_delivery (
      id uuid PRIMARY KEY,
      message_id uuid NOT NULL REFERENCES notify_message(id),
      source_kind text NOT NULL,
      source_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('in_app','sms','email','webhook','device')),
      recipient_kind text NOT NULL,
      recipient_id text,
      recipient_name text,
      address text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending','sending','sent','delivered','failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      claimed_at timestamptz,
      last_error text,
      sent_at timestamptz,
      delivered_at timestamptz,
      failed_at timestamptz,
      receipt jsonb,
      org_id uuid NOT NULL REFERENCES org(id),
      org_path ltree NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL),
      CHECK (status <> 'sending' OR claimed_at IS NOT NULL)
    );
    CREATE UNIQUE INDEX notify_delivery_once ON notify_delivery (message_id, channel, address);
    -- The worker's claim (due pending rows) and its recovery of claims left by a stopped process.
    CREATE INDEX notify_delivery_due ON notify_delivery (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX notify_delivery_claimed ON notify_delivery (claimed_at) WHERE status = 'sending';
    -- The dashboard: one source's deliveries, by status, paged by id.
    CREATE INDEX notify_delivery_source ON notify_delivery (source_kind, source_id, status, id);
    CREATE INDEX notify_delivery_source_page ON notify_delivery (source_kind, source_id, id);
    CREATE INDEX notify_delivery_org_path ON notify_delivery USING gist (org_path);
  `,
  );
}

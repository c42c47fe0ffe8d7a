import type { ColumnType, DrainOuterGeneric, Generated, Kysely } from 'kysely';
import type { Database, Timestamp } from '../../platform/db/schema.js';

/**
 * Row types of the dissemination tables (migration 0011). They live with the module and are
 * added to the shared `Database` type only where this module queries (`notifyDb`), so the
 * module stays self-contained.
 */

type Json = ColumnType<Record<string, unknown> | null, string | null, string | null>;

export interface NotifySubscriberTable {
  id: string;
  name: string;
  channel: 'sms' | 'email' | 'webhook';
  address: string;
  secret_sealed: string | null;
  division_codes: string[];
  min_colour: 'blue' | 'yellow' | 'orange' | 'red' | null;
  enabled: boolean;
  org_id: string;
  org_path: string;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotifyMessageTable {
  id: string;
  source_kind: string;
  source_id: string;
  key: string;
  title: string;
  body: string | null;
  detail: string | null;
  link: string | null;
  severity: 'info' | 'warning' | 'critical';
  data: Json;
  org_id: string;
  org_path: string;
  created_by: string | null;
  created_at: Timestamp;
}

export type DeliveryStatusCol = 'pending' | 'sending' | 'sent' | 'delivered' | 'failed';
export type ChannelCol = 'in_app' | 'sms' | 'email' | 'webhook' | 'device';

export interface NotifyDeliveryTable {
  id: string;
  message_id: string;
  source_kind: string;
  source_id: string;
  channel: ChannelCol;
  recipient_kind: string;
  recipient_id: string | null;
  recipient_name: string | null;
  address: string;
  status: DeliveryStatusCol;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  claimed_at: Timestamp | null;
  last_error: string | null;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  failed_at: Timestamp | null;
  receipt: Json;
  org_id: string;
  org_path: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type NotifyTables = {
  notify_subscriber: NotifySubscriberTable;
  notify_message: NotifyMessageTable;
  notify_delivery: NotifyDeliveryTable;
};

export type NotifyDb = Kysely<DrainOuterGeneric<Database & NotifyTables>>;

/** The database (or transaction: it stays on the same connection) with the dissemination tables known to the query builder. */
export function notifyDb(db: Kysely<Database>): NotifyDb {
  return db.$extendTables<NotifyTables>();
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const AUDIT_LOCK_KEY = 7_428_001;

/** Serialises audit appends until the transaction ends, then returns the chain's tail. */
export async function lockTail(tx: Kysely<Database>): Promise<{ seq: number; hash: string } | undefined> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  return tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export interface AuditInsert {
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  org_path: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  result: 'ok' | 'denied' | 'failed';
  before: string | null;
  after: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export async function insertAudit(tx: Kysely<Database>, row: AuditInsert): Promise<void> {
  await tx.insertInto('audit_log').values(row).execute();
}

/** Reads the chain in seq order, in pages, for verification. */
export async function readChainPage(db: Kysely<Database>, afterSeq: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}

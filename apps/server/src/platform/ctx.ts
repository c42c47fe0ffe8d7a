import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import { recordAuditNow } from './audit/audit.js';
import { AuditedError } from './audit/audited-error.js';
import type { Actor } from './auth/actor.js';
import { forgetCachedSessions } from './auth/authenticate.js';
import type { Clock } from './clock.js';
import type { Db } from './db/database.js';
import type { Database } from './db/schema.js';
import type { EventBus } from './events/bus.js';
import { emittedSoFar } from './events/outbox.js';
import type { Logger } from './logger.js';

/** Where a request came from; copied into audit rows. */
export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const NO_META: RequestMeta = { requestId: null, ip: null, userAgent: null };

/** Process-wide services handed to every use case. */
export interface Platform {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  bus: EventBus;
  log: Logger;
  /** Wakes the outbox dispatcher after a commit. */
  kickOutbox(): void;
}

/** A use case's context: the transaction, who acts, when, and from where. */
export interface Ctx {
  tx: Kysely<Database>;
  actor: Actor;
  now: Date;
  meta: RequestMeta;
  platform: Platform;
}

/**
 * Runs `fn` in one database transaction with a fresh context; after commit the outbox is
 * kicked so events emitted inside are delivered.
 */
export async function inTransaction<T>(platform: Platform, actor: Actor, meta: RequestMeta, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await platform.db.transaction().execute((tx) => fn({ tx, actor, now: platform.clock.now(), meta, platform }));
    forgetCachedSessions();
  } catch (err) {
    // Refusals are audited outside the rolled-back work.
    if (err instanceof AuditedError) await recordAuditNow(platform, actor, meta, err.audit);
    throw err;
  }
  platform.kickOutbox();
  return result;
}

/**
 * Runs a read-only use case (GET/HEAD) without opening a transaction: each statement reads
 * committed data, as it would inside a READ COMMITTED transaction, and two round trips (BEGIN,
 * COMMIT) per request are saved. Audit rows written by reads (exports, unmasked contacts) get a
 * transaction of their own in `recordAudit`; refusals are audited as in `inTransaction`.
 */
export async function runRead<T>(platform: Platform, actor: Actor, meta: RequestMeta, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  let result: T;
  const events = emittedSoFar();
  try {
    result = await fn({ tx: platform.db, actor, now: platform.clock.now(), meta, platform });
  } catch (err) {
    if (err instanceof AuditedError) await recordAuditNow(platform, actor, meta, err.audit);
    throw err;
  }
  // Most reads record no event: no dispatcher round trip for them.
  if (emittedSoFar() !== events) platform.kickOutbox();
  return result;
}

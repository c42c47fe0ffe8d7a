import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Ctx, Platform, RequestMeta } from '../ctx.js';
import type { Database } from '../db/schema.js';
import { newId } from '../ids.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { insertAudit, lockTail, readChainPage } from './audit.repository.js';

export interface AuditEntry {
  action: string;
  entity?: string | null;
  entityId?: string | null;
  result?: 'ok' | 'denied' | 'failed';
  before?: unknown;
  after?: unknown;
}

/**
 * Fields that never enter the audit trail in clear: keys that name a secret (`password`,
 * `newPassword`, `totp_secret`, `tokenHash`…), not keys that merely describe one
 * (`passwordMinLength`, `passwordChangedAt` stay readable).
 */
const SECRET_KEYS = /(passwords?|secrets?|tokens?|hash(es)?|totp)$/i;

function redact(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(redact);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, SECRET_KEYS.test(k) ? '***' : redact(x)]));
  }
  return v;
}

async function append(
  tx: Kysely<Database>,
  actor: Actor,
  meta: RequestMeta,
  at: Date,
  entry: AuditEntry,
  key: string | undefined,
): Promise<void> {
  const tail = await lockTail(tx);
  const seq = (tail?.seq ?? 0) + 1;
  const prevHash = tail?.hash ?? GENESIS_HASH;
  const before = redact(entry.before);
  const after = redact(entry.after);
  const row = {
    seq,
    id: newId(),
    at,
    actorId: actor.userId,
    actorName: actor.username,
    orgId: actor.orgId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId ?? null,
    result: entry.result ?? 'ok',
    before,
    after,
    requestId: meta.requestId,
  };
  const hash = auditHash(prevHash, row, key);
  await insertAudit(tx, {
    seq,
    id: row.id,
    at,
    actor_id: row.actorId,
    actor_name: row.actorName,
    org_id: row.orgId,
    org_path: actor.orgPath,
    ip: row.ip,
    user_agent: row.userAgent,
    action: row.action,
    entity: row.entity,
    entity_id: row.entityId,
    result: row.result,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    request_id: row.requestId,
    prev_hash: prevHash,
    hash,
  });
}

/** Appends an audit row inside the use case's transaction: it commits or rolls back with the change. */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  // Read requests run without a transaction (see `runRead`); the chain append needs one.
  if (!ctx.tx.isTransaction) {
    await ctx.tx.transaction().execute((tx) => append(tx, ctx.actor, ctx.meta, ctx.now, entry, ctx.platform.config.AUDIT_HMAC_KEY));
    return;
  }
  await append(ctx.tx, ctx.actor, ctx.meta, ctx.now, entry, ctx.platform.config.AUDIT_HMAC_KEY);
}

/**
 * Appends an audit row in its own transaction: for refusals and failures (denied access, failed
 * login) whose business transaction is rolled back or never started.
 */
export async function recordAuditNow(platform: Platform, actor: Actor, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  await platform.db.transaction().execute((tx) => append(tx, actor, meta, platform.clock.now(), entry, platform.config.AUDIT_HMAC_KEY));
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  problem: string | null;
}

/** Walks the whole chain and reports the first altered, reordered or missing row. */
export async function verifyAuditChain(db: Kysely<Database>, key?: string): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await readChainPage(db, expectedSeq - 1, 1000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, problem: `row ${expectedSeq} is missing` };
      if (r.prev_hash !== prevHash)
        return { ok: false, checked, firstBadSeq: seq, problem: `row ${seq} does not link to the previous row` };
      const h = auditHash(
        prevHash,
        {
          seq,
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          orgId: r.org_id,
          ip: r.ip,
          userAgent: r.user_agent,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          result: r.result,
          before: r.before ?? null,
          after: r.after ?? null,
          requestId: r.request_id,
        },
        key,
      );
      if (h !== r.hash) return { ok: false, checked, firstBadSeq: seq, problem: `row ${seq} was altered` };
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
  }
  return { ok: true, checked, firstBadSeq: null, problem: null };
}

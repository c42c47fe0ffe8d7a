import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function insertOutbox(
  tx: Kysely<Database>,
  row: { name: string; topic: string; payload: unknown; org_path: string | null; permission: string | null; created_at: Date },
): Promise<void> {
  await tx
    .insertInto('outbox')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .execute();
}

/**
 * Claims a batch of undelivered events (or ones whose claim went stale after a crash);
 * SKIP LOCKED lets several instances share the work without delivering a row twice at once.
 */
export async function claimPending(db: Kysely<Database>, limit: number, now: Date, staleMs: number) {
  const stale = new Date(now.getTime() - staleMs);
  const rows = await db
    .updateTable('outbox')
    .set({ claimed_at: now })
    .where('id', 'in', (qb) =>
      qb
        .selectFrom('outbox')
        .select('id')
        .where('delivered_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]))
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

export async function markDelivered(db: Kysely<Database>, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ delivered_at: at }).where('id', 'in', ids).execute();
}

/** Deletes delivered events older than `before` (the outbox is a queue, not a history). */
export async function pruneDelivered(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db.deleteFrom('outbox').where('delivered_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function pendingCount(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`.execute(db);
  return r.rows[0]?.n ?? 0;
}

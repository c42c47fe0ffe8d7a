import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Planner settings a map query may ask for (see the callers for why): setting → value. */
const HINTS = {
  noSort: ['enable_sort', 'off'],
  noParallel: ['max_parallel_workers_per_gather', '0'],
} as const;

/**
 * Runs `fn` with planner settings scoped to one transaction: a short one of its own, or — when
 * the caller is in a transaction (another module calling a map query inside its own work) — the
 * caller's, with the previous values put back afterwards so that the caller's later statements
 * are planned as before. The settings are read and set in one statement (`set_config(…, true)` =
 * SET LOCAL). Map queries have shapes the planner misjudges — floor() cluster keys, geography
 * filters, nearest-neighbour walks — and a wrong guess costs more than the query itself.
 */
export async function withPlannerHints<T>(
  db: Kysely<Database>,
  hints: readonly (keyof typeof HINTS)[],
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (hints.length === 0) return fn(db);
  const settings = hints.map((h) => HINTS[h]);
  const apply = async (tx: Kysely<Database>) => {
    // Target-list entries are evaluated in order: each old value is read before it is replaced.
    const cols = settings.map(
      ([name, value], i) => sql`current_setting(${name}) AS ${sql.ref(`old${i}`)}, set_config(${name}, ${value}, true)`,
    );
    return (await sql<Record<string, string>>`SELECT ${sql.join(cols)}`.execute(tx)).rows[0]!;
  };
  if (!db.isTransaction) {
    return db.transaction().execute(async (tx) => {
      await apply(tx);
      return fn(tx);
    });
  }
  const old = await apply(db);
  // When fn fails the caller's transaction is failing too (on PostgreSQL no statement would run in
  // it any more): nothing to put back.
  const result = await fn(db);
  const back = settings.map(([name], i) => sql`set_config(${name}, ${old[`old${i}`]!}, true)`);
  await sql`SELECT ${sql.join(back)}`.execute(db);
  return result;
}

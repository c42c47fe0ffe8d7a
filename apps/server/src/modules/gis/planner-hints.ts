import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Planner settings a map query may ask for (see the callers for why): setting → value. */
const HINTS = {
  noSort: ['enable_sort', 'off'],
  noParallel: ['max_parallel_workers_per_gather', '0'],
  // PostGIS functions carry high cost estimates, so a query of a few milliseconds crosses
  // jit_above_cost and spends tens of milliseconds compiling itself.
  noJit: ['jit', 'off'],
} as const;

/**
 * Runs `fn` with planner settings scoped to one transaction: the caller's when it is in one (the
 * settings then last until it ends, which only ever holds this use case), otherwise a short one of
 * its own. All settings go in one statement (`set_config(…, true)` = SET LOCAL). Map queries have
 * shapes the planner misjudges — floor() cluster keys, geography filters — and a wrong guess
 * costs more than the query itself.
 */
export async function withPlannerHints<T>(
  db: Kysely<Database>,
  hints: readonly (keyof typeof HINTS)[],
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const apply = async (tx: Kysely<Database>) => {
    if (hints.length > 0) {
      const sets = hints.map((h) => sql`set_config(${HINTS[h][0]}, ${HINTS[h][1]}, true)`);
      await sql`SELECT ${sql.join(sets)}`.execute(tx);
    }
    return fn(tx);
  };
  if (hints.length === 0) return fn(db);
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** Planner settings a map query may ask for (see the callers for why). */
const HINTS = {
  noSort: sql`SET LOCAL enable_sort = off`,
  noParallel: sql`SET LOCAL max_parallel_workers_per_gather = 0`,
} as const;

/**
 * Runs `fn` with planner settings scoped to one transaction: the caller's when it is in one (the
 * settings then last until it ends, which only ever holds this use case), otherwise a short one of
 * its own. Map queries have shapes the planner misjudges — floor() cluster keys, geography
 * filters — and a wrong guess costs more than the query itself.
 */
export async function withPlannerHints<T>(
  db: Kysely<Database>,
  hints: readonly (keyof typeof HINTS)[],
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const apply = async (tx: Kysely<Database>) => {
    for (const h of hints) await HINTS[h].execute(tx);
    return fn(tx);
  };
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

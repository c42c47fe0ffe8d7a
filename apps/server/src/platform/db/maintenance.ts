import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Rows written by one bulk operation from which the planner's statistics are refreshed at once. */
export const BULK_WRITE_ROWS = 1_000;

/**
 * Refreshes the planner's statistics of a table after a bulk write (an import, scale data) and,
 * outside a transaction, vacuums it too. Embedded storage runs no autovacuum daemon: without this
 * a table grown by an import would keep the statistics of its small self (map queries planned for
 * a few hundred rows), and its new pages would never be marked all-visible, so the map's
 * index-only scans would visit each of them. On PostgreSQL it only comes sooner than autovacuum.
 */
export async function refreshStatistics(db: Kysely<Database>, table: 'resource' | 'stock_line'): Promise<void> {
  // VACUUM cannot run inside a transaction block.
  if (db.isTransaction) await sql`ANALYZE ${sql.table(table)}`.execute(db);
  else await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(db);
}

/**
 * Analyses every table of the schema that has never been analysed (`reltuples` < 0), returning
 * their names. Run at start on embedded storage, where no autovacuum daemon ever does it: a fresh
 * data directory would otherwise plan every query on default guesses.
 */
export async function analyseNeverAnalysed(db: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.reltuples < 0
    ORDER BY c.relname`.execute(db);
  for (const { name } of r.rows) await sql`ANALYZE ${sql.table(name)}`.execute(db);
  return r.rows.map((x) => x.name);
}

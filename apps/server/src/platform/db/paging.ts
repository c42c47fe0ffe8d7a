import { sql, type SelectQueryBuilder } from 'kysely';

/** Where a newest-first page continues: the last row's sort time and id (from a list cursor). */
export interface KeysetAfter {
  at: Date;
  id: string;
}

/**
 * One newest-first page of a filtered list query ordered by (time, id): the rows strictly after
 * `after` in that order (keyset paging, so a page costs the same at any depth), at most `limit`.
 */
export function newestFirstPage<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  timeColumn: string,
  idColumn: string,
  after: KeysetAfter | null,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  const from = after ? q.where(sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (${after.at}, ${after.id})`) : q;
  return from.orderBy(sql.ref(timeColumn), 'desc').orderBy(sql.ref(idColumn), 'desc').limit(limit);
}

/** How many rows a filtered list query matches: its select list replaced by `count(*)`. */
export async function countRows<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): Promise<number> {
  const r = (await q
    .clearSelect()
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow()) as unknown as { n: number | string | bigint };
  return Number(r.n);
}

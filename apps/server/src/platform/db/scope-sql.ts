import { sql, type RawBuilder } from 'kysely';

/**
 * `column <@ ANY(paths)`: the row's org path lies in one of the given subtrees (GiST-indexed).
 * No subtree at all matches nothing.
 */
export function pathWithin(column: string, paths: readonly string[]): RawBuilder<boolean> {
  if (paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(column)} <@ ARRAY[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`;
}

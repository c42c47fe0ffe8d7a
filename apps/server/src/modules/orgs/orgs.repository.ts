import { sql, type Kysely } from 'kysely';
import type { Database, OrgRow } from '../../platform/db/schema.js';

export interface OrgInsert {
  id: string;
  parent_id: string | null;
  path: string;
  name: string;
  kind: string;
  code: string;
  division_code: string | null;
}

export async function insertOrg(db: Kysely<Database>, o: OrgInsert): Promise<OrgRow> {
  return db.insertInto('org').values(o).returningAll().executeTakeFirstOrThrow();
}

export async function findOrg(db: Kysely<Database>, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgByCode(db: Kysely<Database>, code: string): Promise<OrgRow | undefined> {
  return db.selectFrom('org').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Orgs inside any of the given subtrees, with their division name, ordered by path. */
export async function listOrgsWithin(
  db: Kysely<Database>,
  paths: string[],
  filter: { q?: string | undefined; kind?: string | undefined } = {},
) {
  if (paths.length === 0) return [];
  let q = db
    .selectFrom('org as o')
    .leftJoin('admin_division as d', 'd.code', 'o.division_code')
    .selectAll('o')
    .select(['d.name as division_name', sql<number>`nlevel(o.path)`.as('depth')])
    .where(sql<boolean>`o.path <@ ARRAY[${sql.join(paths.map((p) => sql`${p}::ltree`))}]`)
    .orderBy('o.path');
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  if (filter.q) q = q.where('o.name', 'like', `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  return q.execute();
}

export async function updateOrg(
  db: Kysely<Database>,
  id: string,
  patch: Partial<{ name: string; division_code: string | null; status: 'active' | 'disabled' }>,
  at: Date,
): Promise<OrgRow> {
  return db
    .updateTable('org')
    .set({ ...patch, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countActiveChildren(db: Kysely<Database>, id: string): Promise<number> {
  const r = await db
    .selectFrom('org')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

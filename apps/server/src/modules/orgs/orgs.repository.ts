import { sql, type Kysely } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
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

/** An org with its division's name and its depth in the tree, as lists and details show it. */
export type OrgDetailRow = OrgRow & { division_name: string | null; depth: number };
/** An org as lists show it. */
export type OrgListRow = Pick<OrgRow, 'id' | 'parent_id' | 'name' | 'kind' | 'code' | 'division_code' | 'status' | 'path'> & {
  division_name: string | null;
  depth: number;
};

export async function insertOrg(db: Kysely<Database>, o: OrgInsert): Promise<OrgRow> {
  return db.insertInto('org').values(o).returningAll().executeTakeFirstOrThrow();
}

export async function findOrg(db: Kysely<Database>, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The org row locked for an update in the current transaction. */
export async function findOrgForUpdate(db: Kysely<Database>, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('org').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findOrgByCode(db: Kysely<Database>, code: string): Promise<OrgRow | undefined> {
  return db.selectFrom('org').selectAll().where('code', '=', code).executeTakeFirst();
}

function detailQuery(db: Kysely<Database>) {
  return db
    .selectFrom('org as o')
    .leftJoin('admin_division as d', 'd.code', 'o.division_code')
    .selectAll('o')
    .select(['d.name as division_name', sql<number>`nlevel(o.path)`.as('depth')]);
}

export async function findOrgDetail(db: Kysely<Database>, id: string): Promise<OrgDetailRow | undefined> {
  return detailQuery(db).where('o.id', '=', id).executeTakeFirst();
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Orgs inside any of the given subtrees (all when `paths` is null), ordered by path. */
/**
 * The orgs of the subtrees, by path: only the listed columns (the most requested list of all —
 * every org picker — so no timestamps are read and parsed for nothing).
 */
export async function listOrgsWithin(
  db: Kysely<Database>,
  paths: string[] | null,
  filter: { q?: string | undefined; kind?: string | undefined } = {},
): Promise<OrgListRow[]> {
  if (paths?.length === 0) return [];
  let q = db
    .selectFrom('org as o')
    .leftJoin('admin_division as d', 'd.code', 'o.division_code')
    .select(['o.id', 'o.parent_id', 'o.name', 'o.kind', 'o.code', 'o.division_code', 'o.status', 'o.path', 'd.name as division_name'])
    .select(sql<number>`nlevel(o.path)`.as('depth'))
    .orderBy('o.path');
  if (paths) q = q.where(pathWithin('o.path', paths));
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.code', 'ilike', like)]));
  }
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

/** Enabled user accounts belonging directly to the org. */
export async function countActiveUsers(db: Kysely<Database>, orgId: string): Promise<number> {
  const r = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function divisionExists(db: Kysely<Database>, code: string): Promise<boolean> {
  const r = await db.selectFrom('admin_division').select('code').where('code', '=', code).executeTakeFirst();
  return r !== undefined;
}

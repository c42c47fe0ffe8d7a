import type { Kysely } from 'kysely';
import type { Database, NewUser, UserRow } from '../../platform/db/schema.js';

export async function insertUser(db: Kysely<Database>, u: NewUser): Promise<UserRow> {
  return db.insertInto('app_user').values(u).returningAll().executeTakeFirstOrThrow();
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUser(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addPasswordHistory(db: Kysely<Database>, userId: string, hash: string): Promise<void> {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: hash }).execute();
}

export async function grantRole(
  db: Kysely<Database>,
  g: { user_id: string; role_id: string; scope_org_id: string; scope_path: string; granted_by: string | null },
): Promise<void> {
  await db
    .insertInto('user_role')
    .values(g)
    .onConflict((oc) => oc.columns(['user_id', 'role_id']).doUpdateSet({ scope_org_id: g.scope_org_id, scope_path: g.scope_path }))
    .execute();
}

export async function upsertBuiltinRole(
  db: Kysely<Database>,
  r: { id: string; name_zh: string; name_en: string; admin_kind: 'system' | 'security' | 'audit' | null; permissions: string[] },
): Promise<void> {
  await db
    .insertInto('role')
    .values({ ...r, builtin: true })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ name_zh: r.name_zh, name_en: r.name_en, admin_kind: r.admin_kind, permissions: r.permissions, builtin: true }),
    )
    .execute();
}

export async function rolesOf(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .select(['r.id', 'r.name_zh', 'r.name_en', 'r.admin_kind', 'ur.scope_org_id', 'ur.scope_path'])
    .where('ur.user_id', '=', userId)
    .orderBy('r.id')
    .execute();
}

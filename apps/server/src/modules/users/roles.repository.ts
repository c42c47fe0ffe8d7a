import type { AdminKind } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

function withUserCount(db: Kysely<Database>) {
  return db
    .selectFrom('role as r')
    .selectAll('r')
    .select((eb) =>
      eb
        .selectFrom('user_role as ur')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('ur.role_id', '=', 'r.id')
        .as('user_count'),
    );
}

/** Every role, built-in first, with how many accounts hold it. */
export async function listRoles(db: Kysely<Database>) {
  return withUserCount(db).orderBy('r.builtin', 'desc').orderBy('r.id').execute();
}

export type RoleWithCount = NonNullable<Awaited<ReturnType<typeof findRole>>>;

export async function findRole(db: Kysely<Database>, id: string) {
  return withUserCount(db).where('r.id', '=', id).executeTakeFirst();
}

/** Roles by id (missing ids are simply absent). */
export async function findRoles(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('role').select(['id', 'name_zh', 'admin_kind']).where('id', 'in', ids).execute();
}

export interface RoleWrite {
  name_zh: string;
  name_en: string;
  admin_kind: AdminKind | null;
  permissions: string[];
}

export async function insertRole(db: Kysely<Database>, id: string, r: RoleWrite, at: Date): Promise<void> {
  await db
    .insertInto('role')
    .values({ id, ...r, builtin: false, created_at: at, updated_at: at })
    .execute();
}

export async function updateRole(db: Kysely<Database>, id: string, r: RoleWrite, at: Date): Promise<void> {
  await db
    .updateTable('role')
    .set({ ...r, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteRole(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('role').where('id', '=', id).execute();
}

import type { AdminKind } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
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

/** The user row locked for an update in the current transaction. */
export async function findUserForUpdate(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
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
    .onConflict((oc) =>
      oc.columns(['user_id', 'role_id']).doUpdateSet({ scope_org_id: g.scope_org_id, scope_path: g.scope_path, granted_by: g.granted_by }),
    )
    .execute();
}

export async function revokeRole(db: Kysely<Database>, userId: string, roleId: string): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).where('role_id', '=', roleId).execute();
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

/** Role grants of several users at once, with role and scope-org names (for DTOs). */
export async function grantsOfUsers(db: Kysely<Database>, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .innerJoin('org as o', 'o.id', 'ur.scope_org_id')
    .select(['ur.user_id', 'r.id as role_id', 'r.name_zh', 'r.admin_kind', 'ur.scope_org_id', 'ur.scope_path', 'o.name as scope_org_name'])
    .where('ur.user_id', 'in', userIds)
    .orderBy('ur.user_id')
    .orderBy('r.id')
    .execute();
}

export type UserWithOrg = UserRow & { org_name: string };

/** A user with the name of their org. */
export async function findUserDetail(db: Kysely<Database>, id: string): Promise<UserWithOrg | undefined> {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select('o.name as org_name')
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export interface UserFilter {
  /** Subtrees the list is confined to; null = everywhere (system actor). */
  paths: string[] | null;
  q?: string | undefined;
  orgPath?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  roleId?: string | undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function filtered(db: Kysely<Database>, f: UserFilter) {
  let q = db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id');
  if (f.paths) q = q.where(pathWithin('u.org_path', f.paths));
  if (f.orgPath) q = q.where(sql<boolean>`u.org_path <@ ${f.orgPath}::ltree`);
  if (f.status) q = q.where('u.status', '=', f.status);
  if (f.roleId) {
    const roleId = f.roleId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('user_role as ur').select('ur.user_id').whereRef('ur.user_id', '=', 'u.id').where('ur.role_id', '=', roleId)),
    );
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('u.phone', 'like', like)]));
  }
  return q;
}

/** One page of users ordered by username, after the `after` username (keyset). */
export async function listUsers(db: Kysely<Database>, f: UserFilter, after: string | null, limit: number): Promise<UserWithOrg[]> {
  if (f.paths?.length === 0) return [];
  let q = filtered(db, f).selectAll('u').select('o.name as org_name').orderBy('u.username').limit(limit);
  if (after !== null) q = q.where('u.username', '>', after);
  return q.execute();
}

export async function countUsers(db: Kysely<Database>, f: UserFilter): Promise<number> {
  if (f.paths?.length === 0) return 0;
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function updateUser(
  db: Kysely<Database>,
  id: string,
  patch: Partial<{
    display_name: string;
    org_id: string;
    org_path: string;
    phone: string | null;
    email: string | null;
    status: 'active' | 'disabled';
  }>,
  at: Date,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ ...patch, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Sets a new (temporary) password and lifts any lockout. */
export async function setPassword(db: Kysely<Database>, id: string, hash: string, at: Date): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: hash, password_changed_at: at, must_change_password: true, failed_count: 0, locked_until: null, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Re-keys a demo account to the current demo password (no forced change: demo accounts are shared). */
export async function setDemoPassword(db: Kysely<Database>, id: string, hash: string, at: Date): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: hash, password_changed_at: at, must_change_password: false, failed_count: 0, locked_until: null, updated_at: at })
    .where('id', '=', id)
    .where('is_demo', '=', true)
    .execute();
}

/** Ends every live session of the user; returns how many were ended. */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('session')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Enabled accounts other than `exceptUserId` holding a role of the given admin kind. */
export async function countActiveAdminHolders(db: Kysely<Database>, adminKind: AdminKind, exceptUserId: string): Promise<number> {
  const r = await db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .innerJoin('app_user as u', 'u.id', 'ur.user_id')
    .select((eb) => eb.fn.count<number>('u.id').distinct().as('n'))
    .where('r.admin_kind', '=', adminKind)
    .where('u.status', '=', 'active')
    .where('u.id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

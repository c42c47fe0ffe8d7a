import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A role grant as loaded for authentication. */
export interface GrantRow {
  role_id: string;
  admin_kind: string | null;
  permissions: string[];
  scope_path: string;
}

/** The user's grants as one JSON array, so that a request is authenticated in a single query. */
const grantsJson = sql<GrantRow[]>`COALESCE((
  SELECT json_agg(json_build_object('role_id', r.id, 'admin_kind', r.admin_kind, 'permissions', r.permissions,
    'scope_path', ur.scope_path::text) ORDER BY r.id)
  FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = u.id), '[]'::json)`;

/** A live session with its user and the user's grants, for request authentication (one round trip). */
export async function findSession(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select(grantsJson.as('grants'))
    .select([
      's.id',
      's.stage',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.org_id',
      'u.org_path',
      'u.status as user_status',
      'o.status as org_status',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function findApiToken(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.permissions',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.org_id',
      'u.org_path',
      'u.status as user_status',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** The user's role grants with each role's permissions. */
export async function findGrants(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .select(['r.id as role_id', 'r.admin_kind', 'r.permissions', 'ur.scope_path'])
    .where('ur.user_id', '=', userId)
    .execute();
}

/** Removes sessions that expired or were revoked before `before` (live ones are never touched). */
export async function deleteDeadSessions(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

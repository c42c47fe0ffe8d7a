import { sql, type Kysely } from 'kysely';
import type { NotificationSeverity } from '@vigil/shared';
import type { Database } from '../../platform/db/schema.js';

export interface NotificationInsert {
  id: string;
  user_id: string;
  title: string;
  body: string | null;
  link: string | null;
  severity: NotificationSeverity;
  created_at: Date;
}

export async function insertNotifications(tx: Kysely<Database>, rows: NotificationInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('notification')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Which of these users exist and are active. */
export async function activeUsers(tx: Kysely<Database>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.selectFrom('app_user').select('id').where('id', 'in', ids).where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/** Active members of one org (not its sub-orgs). */
export async function orgMembers(tx: Kysely<Database>, orgId: string): Promise<string[]> {
  const rows = await tx.selectFrom('app_user').select('id').where('org_id', '=', orgId).where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}

/**
 * Active users holding `permission` through a grant whose scope covers `orgPath` (everyone
 * responsible for that org, from its own staff up to the city and province); any scope when null.
 */
export async function holdersOf(tx: Kysely<Database>, permission: string, orgPath: string | null): Promise<string[]> {
  let q = tx
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .innerJoin('app_user as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .distinct()
    .where('u.status', '=', 'active')
    .where(sql<boolean>`${permission} = ANY(r.permissions)`);
  if (orgPath) q = q.where(sql<boolean>`ur.scope_path @> ${orgPath}::ltree`);
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

/** Keyset position in a user's list (newest first). */
export interface NotificationCursor {
  createdAt: Date;
  id: string;
}

export async function listForUser(
  db: Kysely<Database>,
  userId: string,
  opts: { unreadOnly: boolean; after: NotificationCursor | null; limit: number },
) {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.after) {
    const a = opts.after;
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(a.createdAt, a.id)));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function countForUser(db: Kysely<Database>, userId: string, unreadOnly: boolean): Promise<number> {
  let q = db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findNotification(db: Kysely<Database>, id: string) {
  return db.selectFrom('notification').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks one unread notification read; undefined when it was already read. */
export async function markRead(tx: Kysely<Database>, id: string, at: Date) {
  return tx
    .updateTable('notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Marks all of a user's unread notifications read; returns their ids. */
export async function markAllRead(tx: Kysely<Database>, userId: string, at: Date): Promise<string[]> {
  const rows = await tx
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

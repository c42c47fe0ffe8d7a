import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { notifyDb, type NotifySubscriberTable } from './notify.tables.js';

type Db = Kysely<Database>;

/** A subscriber with its org's name. */
export type SubscriberRow = Selectable<NotifySubscriberTable> & { org_name: string };

function rows(db: Db) {
  return notifyDb(db)
    .selectFrom('notify_subscriber as s')
    .innerJoin('org as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select('o.name as org_name');
}

export async function findSubscriber(db: Db, id: string): Promise<SubscriberRow | undefined> {
  return rows(db).where('s.id', '=', id).executeTakeFirst();
}

/** Loads with a row lock for an update in the current transaction. */
export async function lockSubscriber(db: Db, id: string): Promise<SubscriberRow | undefined> {
  await notifyDb(db).selectFrom('notify_subscriber').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findSubscriber(db, id);
}

/** Another subscriber of the org on the same channel and address (they must be unique). */
export async function findDuplicate(db: Db, orgId: string, channel: string, address: string, exceptId: string | null) {
  let q = notifyDb(db)
    .selectFrom('notify_subscriber')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('channel', '=', channel as 'sms')
    .where('address', '=', address);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertSubscriber(db: Db, row: Insertable<NotifySubscriberTable>): Promise<void> {
  await notifyDb(db).insertInto('notify_subscriber').values(row).execute();
}

export async function updateSubscriber(db: Db, id: string, patch: Updateable<NotifySubscriberTable>): Promise<void> {
  await notifyDb(db)
    .updateTable('notify_subscriber')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function deleteSubscriber(db: Db, id: string): Promise<void> {
  await notifyDb(db).deleteFrom('notify_subscriber').where('id', '=', id).execute();
}

export interface SubscriberFilter {
  /** Subtrees the caller manages; null = everywhere (system). */
  scope: readonly string[] | null;
  channel?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Db, f: SubscriberFilter) {
  let q = rows(db);
  if (f.scope) q = q.where(pathWithin('s.org_path', f.scope));
  if (f.channel) q = q.where('s.channel', '=', f.channel as 'sms');
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.address', 'ilike', like)]));
  }
  return q;
}

/** One page, newest first, after the keyset position. */
export async function listSubscribers(
  db: Db,
  f: SubscriberFilter,
  after: { at: Date; id: string } | null,
  limit: number,
): Promise<SubscriberRow[]> {
  let q = filtered(db, f);
  if (after) q = q.where(sql<boolean>`(s.created_at, s.id) < (${after.at}, ${after.id})`);
  return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
}

export async function countSubscribers(db: Db, f: SubscriberFilter): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Which of the codes are known admin divisions. */
export async function knownDivisions(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const r = await db
    .selectFrom('admin_division')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  return r.map((x) => x.code);
}

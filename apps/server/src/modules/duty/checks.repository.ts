import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database, DutyCheckTable } from '../../platform/db/schema.js';
import { countRows, newestFirstPage, type KeysetAfter } from '../../platform/db/paging.js';

export type CheckRow = Selectable<DutyCheckTable> & { org_name: string; acked_by_name: string | null };

function checkQuery(db: Kysely<Database>) {
  return db
    .selectFrom('duty_check as c')
    .innerJoin('org as o', 'o.id', 'c.org_id')
    .leftJoin('app_user as u', 'u.id', 'c.acked_by')
    .selectAll('c')
    .select(['o.name as org_name', 'u.display_name as acked_by_name']);
}

export async function insertCheck(tx: Kysely<Database>, row: Insertable<DutyCheckTable>): Promise<void> {
  await tx.insertInto('duty_check').values(row).execute();
}

export async function findCheck(db: Kysely<Database>, id: string): Promise<CheckRow | undefined> {
  return checkQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/** Records the acknowledgement; false when someone acknowledged first. */
export async function ackCheck(
  tx: Kysely<Database>,
  id: string,
  a: { acked_by: string; acked_at: Date; response_seconds: number; status: 'answered' | 'missed' },
): Promise<boolean> {
  const r = await tx
    .updateTable('duty_check')
    .set({ ...a, ...(a.status === 'missed' ? { missed_at: sql<Date>`COALESCE(missed_at, ${a.acked_at}::timestamptz)` } : {}) })
    .where('id', '=', id)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks pending checks whose deadline has passed (an answer exactly at the deadline is in time) as missed; returns them. */
export async function markMissed(tx: Kysely<Database>, now: Date, limit: number): Promise<Selectable<DutyCheckTable>[]> {
  const due = tx
    .selectFrom('duty_check')
    .select('id')
    .where('status', '=', 'pending')
    .where('due_at', '<', now)
    .orderBy('due_at')
    .limit(limit);
  return tx
    .updateTable('duty_check')
    .set({ status: 'missed', missed_at: now })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
}

export interface CheckFilter {
  paths: string[];
  from?: Date | undefined;
  to?: Date | undefined;
  status?: string | undefined;
}

function filtered(db: Kysely<Database>, f: CheckFilter) {
  let q = checkQuery(db).where(pathWithin('c.org_path', f.paths));
  if (f.from) q = q.where('c.sent_at', '>=', f.from);
  if (f.to) q = q.where('c.sent_at', '<', f.to);
  if (f.status) q = q.where('c.status', '=', f.status as 'pending');
  return q;
}

export async function listChecks(db: Kysely<Database>, f: CheckFilter & { after: KeysetAfter | null; limit: number }): Promise<CheckRow[]> {
  if (f.paths.length === 0) return [];
  return newestFirstPage(filtered(db, f), 'c.sent_at', 'c.id', f.after, f.limit).execute();
}

export async function countChecks(db: Kysely<Database>, f: CheckFilter): Promise<number> {
  if (f.paths.length === 0) return 0;
  return countRows(filtered(db, f));
}

/** Checks of one org sent in [from, to), oldest first (daily report). */
export async function checksOfOrgBetween(db: Kysely<Database>, orgId: string, from: Date, to: Date): Promise<CheckRow[]> {
  return checkQuery(db)
    .where('c.org_id', '=', orgId)
    .where('c.sent_at', '>=', from)
    .where('c.sent_at', '<', to)
    .orderBy('c.sent_at')
    .execute();
}

/** Response-time statistics per checked org within the subtrees and period. */
export async function checkStats(db: Kysely<Database>, f: { paths: string[]; from: Date; to: Date }) {
  if (f.paths.length === 0) return [];
  return db
    .selectFrom('duty_check as c')
    .innerJoin('org as o', 'o.id', 'c.org_id')
    .select([
      'c.org_id',
      'o.name as org_name',
      sql<number>`count(*)`.as('total'),
      sql<number>`count(*) FILTER (WHERE c.status = 'answered')`.as('answered'),
      sql<number>`count(*) FILTER (WHERE c.status = 'missed')`.as('missed'),
      sql<number>`count(*) FILTER (WHERE c.status = 'pending')`.as('pending'),
      sql<number>`count(*) FILTER (WHERE c.status = 'missed' AND c.acked_at IS NOT NULL)`.as('late'),
      sql<number | null>`avg(c.response_seconds)::float8`.as('avg_response'),
      sql<number | null>`max(c.response_seconds)`.as('max_response'),
    ])
    .where(pathWithin('c.org_path', f.paths))
    .where('c.sent_at', '>=', f.from)
    .where('c.sent_at', '<', f.to)
    .groupBy(['c.org_id', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
}

const SETTINGS_KEY = 'duty';

export async function readDutySettings(db: Kysely<Database>): Promise<unknown> {
  return (await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst())?.value;
}

export async function writeDutySettings(tx: Kysely<Database>, value: unknown, by: string | null, at: Date): Promise<void> {
  await tx
    .insertInto('setting')
    .values({ key: SETTINGS_KEY, value: JSON.stringify(value), updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: by, updated_at: at }))
    .execute();
}

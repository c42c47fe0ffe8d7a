import type { Insertable, Kysely, Selectable } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database, DutyHandoverTable } from '../../platform/db/schema.js';
import { countRows, newestFirstPage, type KeysetAfter } from '../../platform/db/paging.js';

export type HandoverRow = Selectable<DutyHandoverTable> & {
  org_name: string;
  from_kind: 'day' | 'night' | '24h';
  from_starts_at: Date;
  from_ends_at: Date;
  to_kind: 'day' | 'night' | '24h';
  to_starts_at: Date;
  to_ends_at: Date;
  created_by_name: string | null;
  countersigned_by_name: string | null;
};

function handoverQuery(db: Kysely<Database>) {
  return db
    .selectFrom('duty_handover as h')
    .innerJoin('org as o', 'o.id', 'h.org_id')
    .innerJoin('duty_shift as f', 'f.id', 'h.from_shift_id')
    .innerJoin('duty_shift as t', 't.id', 'h.to_shift_id')
    .leftJoin('app_user as cu', 'cu.id', 'h.created_by')
    .leftJoin('app_user as su', 'su.id', 'h.countersigned_by')
    .selectAll('h')
    .select([
      'o.name as org_name',
      'f.kind as from_kind',
      'f.starts_at as from_starts_at',
      'f.ends_at as from_ends_at',
      't.kind as to_kind',
      't.starts_at as to_starts_at',
      't.ends_at as to_ends_at',
      'cu.display_name as created_by_name',
      'su.display_name as countersigned_by_name',
    ]);
}

export async function insertHandover(tx: Kysely<Database>, row: Insertable<DutyHandoverTable>): Promise<void> {
  await tx.insertInto('duty_handover').values(row).execute();
}

export async function findHandover(db: Kysely<Database>, id: string): Promise<HandoverRow | undefined> {
  return handoverQuery(db).where('h.id', '=', id).executeTakeFirst();
}

export async function handoverOfShift(db: Kysely<Database>, fromShiftId: string): Promise<string | undefined> {
  return (await db.selectFrom('duty_handover').select('id').where('from_shift_id', '=', fromShiftId).executeTakeFirst())?.id;
}

export async function countersign(tx: Kysely<Database>, id: string, userId: string, at: Date): Promise<void> {
  await tx.updateTable('duty_handover').set({ countersigned_by: userId, countersigned_at: at }).where('id', '=', id).execute();
}

export interface HandoverFilter {
  paths: string[];
  from?: Date | undefined;
  to?: Date | undefined;
  unsigned?: boolean;
  overdueAt?: Date | undefined;
}

function filtered(db: Kysely<Database>, f: HandoverFilter) {
  let q = handoverQuery(db).where(pathWithin('h.org_path', f.paths));
  if (f.from) q = q.where('h.created_at', '>=', f.from);
  if (f.to) q = q.where('h.created_at', '<', f.to);
  if (f.unsigned || f.overdueAt) q = q.where('h.countersigned_at', 'is', null);
  if (f.overdueAt) q = q.where('h.countersign_due_at', '<', f.overdueAt);
  return q;
}

export async function listHandovers(
  db: Kysely<Database>,
  f: HandoverFilter & { after: KeysetAfter | null; limit: number },
): Promise<HandoverRow[]> {
  if (f.paths.length === 0) return [];
  return newestFirstPage(filtered(db, f), 'h.created_at', 'h.id', f.after, f.limit).execute();
}

export async function countHandovers(db: Kysely<Database>, f: HandoverFilter): Promise<number> {
  if (f.paths.length === 0) return 0;
  return countRows(filtered(db, f));
}

/** Handovers of one org whose shift change falls in [from, to) (daily report). */
export async function handoversOfOrgBetween(db: Kysely<Database>, orgId: string, from: Date, to: Date): Promise<HandoverRow[]> {
  return handoverQuery(db)
    .where('h.org_id', '=', orgId)
    .where('f.ends_at', '>=', from)
    .where('f.ends_at', '<', to)
    .orderBy('f.ends_at')
    .execute();
}

/** Unsigned handovers past their countersign deadline whose leader has not been told yet. */
export async function dueForLeaderNotice(db: Kysely<Database>, now: Date, limit: number): Promise<HandoverRow[]> {
  return handoverQuery(db)
    .where('h.countersigned_at', 'is', null)
    .where('h.leader_notified_at', 'is', null)
    .where('h.countersign_due_at', '<', now)
    .orderBy('h.countersign_due_at')
    .limit(limit)
    .execute();
}

/** Marks the leader told; false when another run did it first. */
export async function markLeaderNotified(tx: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const r = await tx
    .updateTable('duty_handover')
    .set({ leader_notified_at: at })
    .where('id', '=', id)
    .where('leader_notified_at', 'is', null)
    .where('countersigned_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

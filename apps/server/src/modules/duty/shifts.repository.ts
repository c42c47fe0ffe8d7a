import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database, DutyPersonTable, DutyShiftTable } from '../../platform/db/schema.js';

export type ShiftRow = Selectable<DutyShiftTable> & { org_name: string };
export type PersonRow = Selectable<DutyPersonTable> & { user_phone: string | null };
export type PersonInsert = Insertable<DutyPersonTable>;

/** Serialises roster writes (create, update, swap, import) so two overlapping bookings cannot both pass the check. */
export async function lockRoster(tx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7240001)`.execute(tx);
}

function shiftQuery(db: Kysely<Database>) {
  return db.selectFrom('duty_shift as s').innerJoin('org as o', 'o.id', 's.org_id').selectAll('s').select('o.name as org_name');
}

export async function findShift(db: Kysely<Database>, id: string): Promise<ShiftRow | undefined> {
  return shiftQuery(db).where('s.id', '=', id).executeTakeFirst();
}

export async function findShiftByWindow(db: Kysely<Database>, orgId: string, start: Date, end: Date): Promise<ShiftRow | undefined> {
  return shiftQuery(db).where('s.org_id', '=', orgId).where('s.starts_at', '=', start).where('s.ends_at', '=', end).executeTakeFirst();
}

export async function insertShift(tx: Kysely<Database>, row: Insertable<DutyShiftTable>): Promise<void> {
  await tx.insertInto('duty_shift').values(row).execute();
}

export async function updateShift(
  tx: Kysely<Database>,
  id: string,
  patch: Partial<{ starts_at: Date; ends_at: Date; kind: 'day' | 'night' | '24h'; note: string | null }>,
  at: Date,
): Promise<void> {
  await tx
    .updateTable('duty_shift')
    .set({ ...patch, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteShift(tx: Kysely<Database>, id: string): Promise<void> {
  await tx.deleteFrom('duty_shift').where('id', '=', id).execute();
}

/** The people of these shifts (leader first, then officers in order), with the linked user's phone. */
export async function peopleOf(db: Kysely<Database>, shiftIds: string[]): Promise<PersonRow[]> {
  if (shiftIds.length === 0) return [];
  return db
    .selectFrom('duty_person as p')
    .leftJoin('app_user as u', 'u.id', 'p.user_id')
    .selectAll('p')
    .select('u.phone as user_phone')
    .where('p.shift_id', 'in', shiftIds)
    .orderBy('p.shift_id')
    .orderBy('p.role')
    .orderBy('p.position')
    .execute();
}

export async function replacePeople(tx: Kysely<Database>, shiftId: string, people: PersonInsert[]): Promise<void> {
  await tx.deleteFrom('duty_person').where('shift_id', '=', shiftId).execute();
  if (people.length > 0) await tx.insertInto('duty_person').values(people).execute();
}

/** Bookings of these people on shifts overlapping [start, end), in any org. */
export async function bookingsOf(tx: Kysely<Database>, keys: string[], start: Date, end: Date) {
  if (keys.length === 0) return [];
  return tx
    .selectFrom('duty_person as p')
    .innerJoin('duty_shift as s', 's.id', 'p.shift_id')
    .innerJoin('org as o', 'o.id', 's.org_id')
    .select(['p.person_key', 'p.name', 's.id as shift_id', 's.starts_at', 's.ends_at', 'o.name as org_name'])
    .where('p.person_key', 'in', keys)
    .where('s.starts_at', '<', end)
    .where('s.ends_at', '>', start)
    .execute();
}

/** Keyset position in a shift list (by start time). */
export interface ShiftCursor {
  startsAt: Date;
  id: string;
}

/** One org's shifts overlapping [from, to), by start time. */
export async function listShifts(
  db: Kysely<Database>,
  f: { orgId: string; from: Date; to: Date; after: ShiftCursor | null; limit: number },
): Promise<ShiftRow[]> {
  let q = shiftQuery(db).where('s.org_id', '=', f.orgId).where('s.starts_at', '<', f.to).where('s.ends_at', '>', f.from);
  if (f.after) {
    const a = f.after;
    q = q.where((eb) => eb(eb.refTuple('s.starts_at', 's.id'), '>', eb.tuple(a.startsAt, a.id)));
  }
  return q.orderBy('s.starts_at').orderBy('s.id').limit(f.limit).execute();
}

export async function countShifts(db: Kysely<Database>, f: { orgId: string; from: Date; to: Date }): Promise<number> {
  const r = await db
    .selectFrom('duty_shift')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', f.orgId)
    .where('starts_at', '<', f.to)
    .where('ends_at', '>', f.from)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Shifts running at `at` in any of the subtrees (one per org: the latest started). */
export async function shiftsAt(db: Kysely<Database>, orgPaths: string[], at: Date): Promise<ShiftRow[]> {
  if (orgPaths.length === 0) return [];
  return shiftQuery(db)
    .where(pathWithin('s.org_path', orgPaths))
    .where('s.starts_at', '<=', at)
    .where('s.ends_at', '>', at)
    .orderBy('s.org_path')
    .orderBy('s.starts_at', 'desc')
    .execute();
}

/** Shifts of one org overlapping [from, to), oldest first (daily report). */
export async function shiftsOfOrgBetween(db: Kysely<Database>, orgId: string, from: Date, to: Date): Promise<ShiftRow[]> {
  return shiftQuery(db)
    .where('s.org_id', '=', orgId)
    .where('s.starts_at', '<', to)
    .where('s.ends_at', '>', from)
    .orderBy('s.starts_at')
    .execute();
}

export async function setSignedIn(tx: Kysely<Database>, personId: string, at: Date): Promise<void> {
  await tx.updateTable('duty_person').set({ signed_in_at: at }).where('id', '=', personId).execute();
}

export async function setSignedOut(tx: Kysely<Database>, personId: string, at: Date): Promise<void> {
  await tx.updateTable('duty_person').set({ signed_out_at: at }).where('id', '=', personId).execute();
}

/** Replaces one person's identity (an approved swap), keeping the role and position. */
export async function replacePerson(
  tx: Kysely<Database>,
  personId: string,
  next: { user_id: string; name: string; person_key: string },
): Promise<void> {
  await tx
    .updateTable('duty_person')
    .set({ ...next, phone_sealed: null, phone_masked: null, signed_in_at: null, signed_out_at: null })
    .where('id', '=', personId)
    .execute();
}

/** Active users of one org (to link names in an import and to check people belong to the org). */
export async function orgUsers(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'phone'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .execute();
}

export async function findUserBrief(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'org_id', 'status', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether anything refers to the shift (handovers), which forbids deleting it. */
export async function shiftHasHandovers(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('duty_handover')
    .select('id')
    .where((eb) => eb.or([eb('from_shift_id', '=', id), eb('to_shift_id', '=', id)]))
    .executeTakeFirst();
  return Boolean(r);
}

/** Ids of the users on duty (leader and officers) in one org at `at`. */
export async function onDutyUsers(db: Kysely<Database>, orgId: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('duty_person as p')
    .innerJoin('duty_shift as s', 's.id', 'p.shift_id')
    .innerJoin('app_user as u', 'u.id', 'p.user_id')
    .select('p.user_id')
    .distinct()
    .where('s.org_id', '=', orgId)
    .where('s.starts_at', '<=', at)
    .where('s.ends_at', '>', at)
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id!).sort();
}

/** Orgs of the subtrees, by path: the duty board's rows. */
export async function orgsWithin(db: Kysely<Database>, paths: string[] | null) {
  if (paths?.length === 0) return [];
  let q = db.selectFrom('org').select(['id', 'name', 'kind', 'path']).where('status', '=', 'active').orderBy('path');
  if (paths) q = q.where(pathWithin('path', paths));
  return q.execute();
}

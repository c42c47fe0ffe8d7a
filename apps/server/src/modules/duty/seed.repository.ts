import type { Insertable, Kysely } from 'kysely';
import type { Database, DutyPersonTable, DutyShiftTable } from '../../platform/db/schema.js';

/** Whether the org has any shift overlapping [start, end). */
export async function orgHasShiftBetween(db: Kysely<Database>, orgId: string, start: Date, end: Date): Promise<boolean> {
  const r = await db
    .selectFrom('duty_shift')
    .select('id')
    .where('org_id', '=', orgId)
    .where('starts_at', '<', end)
    .where('ends_at', '>', start)
    .executeTakeFirst();
  return Boolean(r);
}

/** Whether demo log entries, handovers or checks exist already. */
export async function hasDemoDeskRows(db: Kysely<Database>): Promise<boolean> {
  const r = await db.selectFrom('duty_log').select('id').where('is_demo', '=', true).executeTakeFirst();
  return Boolean(r);
}

/** The latest shift of the org that ended by `at`, and the one that follows it. */
export async function lastChangeOver(db: Kysely<Database>, orgId: string, at: Date) {
  const from = await db
    .selectFrom('duty_shift')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ends_at', '<=', at)
    .orderBy('ends_at', 'desc')
    .executeTakeFirst();
  if (!from) return null;
  const to = await db
    .selectFrom('duty_shift')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('starts_at', '>=', from.ends_at)
    .orderBy('starts_at')
    .executeTakeFirst();
  return to ? { from, to } : null;
}

export async function userIdsByName(db: Kysely<Database>, usernames: string[]): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('username', 'in', usernames).execute();
  return new Map(rows.map((r) => [r.username, { id: r.id, name: r.display_name }]));
}

export async function shiftsBetween(db: Kysely<Database>, orgId: string, from: Date, to: Date) {
  return db
    .selectFrom('duty_shift')
    .select(['id', 'starts_at', 'ends_at'])
    .where('org_id', '=', orgId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
}

/** Bulk insert of demo shifts and their people. */
export async function insertShiftsAndPeople(
  db: Kysely<Database>,
  shifts: Insertable<DutyShiftTable>[],
  people: Insertable<DutyPersonTable>[],
): Promise<void> {
  for (let i = 0; i < shifts.length; i += 200)
    await db
      .insertInto('duty_shift')
      .values(shifts.slice(i, i + 200))
      .execute();
  for (let i = 0; i < people.length; i += 200)
    await db
      .insertInto('duty_person')
      .values(people.slice(i, i + 200))
      .execute();
}

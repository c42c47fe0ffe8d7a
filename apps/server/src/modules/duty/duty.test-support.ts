/** Helpers for the duty desk's integration tests. Never imported by the server. */
import type { TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';

/** Org ids by code and user ids by username, from the seeded test database. */
export async function directory(t: TestApp): Promise<{ org: Record<string, string>; user: Record<string, string> }> {
  const org: Record<string, string> = {};
  const user: Record<string, string> = {};
  for (const o of await t.platform.db.selectFrom('org').select(['id', 'code']).execute()) org[o.code] = o.id;
  for (const u of await t.platform.db.selectFrom('app_user').select(['id', 'username']).execute()) user[u.username] = u.id;
  return { org, user };
}

/**
 * Test days start 45 days from now: beyond the demo roster (this month), within the demo
 * passwords' 90-day validity. `bj(2, '08:00')` is 08:00 Beijing time on the third test day.
 */
const BASE = new Date(Date.now() + 45 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

/** The Beijing date `day` days after the first test day. */
export const bjDate = (day: number) => new Date(Date.parse(`${BASE}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);

/** An ISO instant (with +08:00) of a Beijing wall-clock time on a test day. */
export const bj = (day: number, hhmm: string) => `${bjDate(day)}T${hhmm}:00+08:00`;

/** The same instant as the API writes it in messages: `YYYY-MM-DD HH:mm`. */
export const bjText = (day: number, hhmm: string) => `${bjDate(day)} ${hhmm}`;

/** The same instant as the API returns it in DTOs (UTC ISO). */
export const utc = (day: number, hhmm: string) => new Date(bj(day, hhmm)).toISOString();

/** A shift body for `POST /duty/shifts`. */
export function shiftBody(orgId: string, start: string, end: string, o: Record<string, unknown> = {}): Record<string, unknown> {
  return { orgId, startsAt: start, endsAt: end, kind: 'day', leader: { name: '张建国', phone: '13905951234' }, officers: [], ...o };
}

/** Audit rows of one action, oldest first. */
export async function auditOf(t: TestApp, action: string) {
  return t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

/** Outbox events of one name, oldest first. */
export async function eventsOf(t: TestApp, name: string) {
  return t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute();
}

/** Ids of one org's duty records, for scope tests (another org's record → 404). */
export interface DutyFixtures {
  shift: string;
  handover: string;
  check: string;
  swap: string;
  importError: string;
}

/** Creates a shift pair with a handover, a check, a swap request and a rejected import in one org (default Fengze). */
export async function fixtureDuty(t: TestApp, orgCode = 'qz_fengze'): Promise<DutyFixtures> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const someone = await db.selectFrom('app_user').select('id').where('username', '=', 'duty').executeTakeFirstOrThrow();
  const start = new Date(Date.UTC(2030, 0, 1, 0, 0));
  const ids = { shift: newId(), next: newId(), handover: newId(), check: newId(), swap: newId(), importError: newId(), person: newId() };
  const common = {
    org_id: org.id,
    org_path: org.path,
    kind: 'day' as const,
    note: null,
    created_by: null,
    created_at: start,
    updated_at: start,
  };
  await db
    .insertInto('duty_shift')
    .values([
      { id: ids.shift, starts_at: start, ends_at: new Date(start.getTime() + 10 * 3_600_000), ...common },
      {
        id: ids.next,
        starts_at: new Date(start.getTime() + 10 * 3_600_000),
        ends_at: new Date(start.getTime() + 24 * 3_600_000),
        ...common,
      },
    ])
    .execute();
  await db
    .insertInto('duty_person')
    .values({
      id: ids.person,
      shift_id: ids.shift,
      role: 'officer',
      user_id: null,
      name: '丰泽值班员',
      phone_sealed: null,
      phone_masked: null,
      person_key: `n:${org.id}:丰泽值班员`,
      signed_in_at: null,
      signed_out_at: null,
    })
    .execute();
  await db
    .insertInto('duty_handover')
    .values({
      id: ids.handover,
      org_id: org.id,
      org_path: org.path,
      from_shift_id: ids.shift,
      to_shift_id: ids.next,
      open_items: JSON.stringify({ incidents: [], reportsDue: [], instructions: [] }),
      created_by: null,
      created_at: start,
      countersign_due_at: start,
    })
    .execute();
  await db
    .insertInto('duty_check')
    .values({
      id: ids.check,
      org_id: org.id,
      org_path: org.path,
      message: '查岗',
      sent_by: null,
      sent_by_name: '上级',
      sent_at: start,
      ack_minutes: 5,
      due_at: start,
    })
    .execute();
  await db
    .insertInto('duty_swap')
    .values({
      id: ids.swap,
      org_id: org.id,
      org_path: org.path,
      shift_id: ids.shift,
      person_id: ids.person,
      from_name: '丰泽值班员',
      from_user_id: null,
      to_user_id: someone.id,
      reason: '换班',
      requested_by: someone.id,
      requested_at: start,
    })
    .execute();
  await db
    .insertInto('duty_import_error')
    .values({
      id: ids.importError,
      org_id: org.id,
      org_path: org.path,
      file_name: 'x.xlsx',
      errors: JSON.stringify([]),
      created_by: null,
      created_at: start,
    })
    .execute();
  return { shift: ids.shift, handover: ids.handover, check: ids.check, swap: ids.swap, importError: ids.importError };
}

/**
 * Test helpers for the reporting integration tests: incidents through the API, status walks,
 * outbox events, notifications and deadlines by incident. Never imported by the server.
 */
import type { Client, TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers (JSON) read loosely by tests
export type Dto = Record<string, any>;

/** A valid incident body in Jinjiang, occurred an hour before `now`. */
export function incidentBody(now: Date, o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '测试事件',
    eventType: '12G03',
    occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
    location: { lng: 118.5775, lat: 24.7863, crs: 'wgs84' },
    source: 'phone',
    ...o,
  };
}

export const userId = async (t: TestApp, username: string): Promise<string> =>
  (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

export const orgId = async (t: TestApp, code: string): Promise<string> =>
  (await t.platform.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/** Creates an incident and lets the event handlers (deadline computation) run. */
export async function newIncident(t: TestApp, c: Client, o: Record<string, unknown> = {}): Promise<Dto> {
  const r = await c.post('/api/v1/incidents', incidentBody(t.platform.clock.now(), o));
  if (r.statusCode !== 201) throw new Error(`create failed: ${r.statusCode} ${r.body}`);
  await t.dispatcher.flush();
  return r.json<Dto>();
}

/** Walks an incident through the lifecycle to `to`, returning the last DTO. */
export async function moveTo(t: TestApp, c: Client, inc: Dto, to: 'verified' | 'responding' | 'closed'): Promise<Dto> {
  const path = ['verified', 'responding', 'closed'];
  let cur = inc;
  for (const status of path.slice(path.indexOf(cur.status as string) + 1, path.indexOf(to) + 1)) {
    const r = await c.post(`/api/v1/incidents/${String(cur.id)}/status`, { status, version: Number(cur.version) });
    if (r.statusCode !== 200) throw new Error(`status ${status} failed: ${r.statusCode} ${r.body}`);
    cur = r.json<Dto>();
  }
  await t.dispatcher.flush();
  return cur;
}

/** Outbox rows of one event name whose payload mentions the id. */
export async function events(t: TestApp, name: string, id: string) {
  const rows = await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute();
  return rows.filter((r) => JSON.stringify(r.payload).includes(id));
}

/** Notifications linking to the incident, with the recipient's username. */
export async function notesFor(t: TestApp, incidentId: string) {
  return t.platform.db
    .selectFrom('notification as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['u.username', 'n.title', 'n.severity', 'n.body', 'n.created_at'])
    .where('n.link', '=', `/incidents/${incidentId}`)
    .orderBy('n.created_at')
    .execute();
}

/** The stored deadlines of an incident. */
export async function deadlinesOf(t: TestApp, incidentId: string) {
  return t.platform.db.selectFrom('report_deadline').selectAll().where('incident_id', '=', incidentId).orderBy('due_at').execute();
}

export const minutes = (from: Date | string, to: Date | string) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);

/** Moves the clock forward in steps shorter than the idle timeout, keeping the clients' sessions alive. */
export async function advance(t: TestApp, clients: Client[], ms: number): Promise<void> {
  const clock = t.platform.clock;
  if (!(clock instanceof ManualClock)) throw new Error('advance() needs a ManualClock');
  for (let left = ms; left > 0; left -= 20 * 60_000) {
    clock.advance(Math.min(left, 20 * 60_000));
    for (const c of clients) await c.get('/api/v1/me');
  }
}

/** A report from the incident's org to its parent, inserted directly (authorisation matrix fixtures). */
export async function fixtureReport(t: TestApp, incidentId: string): Promise<string> {
  const db = t.platform.db;
  const inc = await db
    .selectFrom('incident')
    .select(['org_id', 'title', 'event_type'])
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  const from = await db.selectFrom('org').select(['id', 'path', 'parent_id']).where('id', '=', inc.org_id).executeTakeFirstOrThrow();
  const to = await db.selectFrom('org').select(['id', 'path']).where('id', '=', from.parent_id!).executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto('incident_report')
    .values({
      id,
      incident_id: incidentId,
      org_id: from.id,
      org_path: from.path,
      to_org_id: to.id,
      to_org_path: to.path,
      kind: 'first',
      version: 1,
      text: '测试首报',
      title: inc.title,
      event_type: inc.event_type,
      grade: null,
      status: 'received',
      dead: 0,
      missing: 0,
      seriously_injured: 0,
      lightly_injured: 0,
      direct_loss_yuan: 0,
      phone_reported_at: null,
      forwarded_from_id: null,
      submitted_at: t.platform.clock.now(),
      submitted_by: null,
      submitted_by_name: '测试',
    })
    .execute();
  return id;
}

/** An instruction on the incident addressed to the incident's own org, inserted directly. */
export async function fixtureInstruction(t: TestApp, incidentId: string): Promise<string> {
  const db = t.platform.db;
  const inc = await db
    .selectFrom('incident')
    .select(['org_id', 'org_path', 'title'])
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  const id = newId();
  const now = t.platform.clock.now();
  await db
    .insertInto('instruction')
    .values({
      id,
      incident_id: incidentId,
      org_id: inc.org_id,
      org_path: inc.org_path,
      incident_title: inc.title,
      text: '测试批示',
      author_id: null,
      author_name: '测试',
      issued_at: now,
      due_at: new Date(now.getTime() + 7_200_000),
    })
    .execute();
  await db
    .insertInto('instruction_target')
    .values({ id: newId(), instruction_id: id, user_id: null, org_id: inc.org_id, org_path: inc.org_path })
    .execute();
  return id;
}

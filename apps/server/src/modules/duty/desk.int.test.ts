import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { createTestUser } from '../auth/auth.test-support.js';
import { notifyOverdueHandovers } from './duty.jobs.js';
import { auditOf, bj, directory, eventsOf, shiftBody, utc } from './duty.test-support.js';
import { onDutyNow, onDutyUserIds } from './index.js';

const clock = new ManualClock(bj(0, '08:10'));
let t: TestApp;
let ids: Awaited<ReturnType<typeof directory>>;
const c: Record<string, Client> = {};
const testDays = `from=${encodeURIComponent(bj(0, '00:00'))}`;
let day: Record<string, any>;
let night: Record<string, any>;
let incident: Record<string, any>;
let handoverId: string;

/** Moves the clock and signs everyone in again (sessions time out after 30 idle minutes). */
async function at(time: string) {
  clock.set(bj(0, time));
  for (const u of ['commander', 'duty', 'duty-jinjiang', 'jj2', 'viewer']) c[u] = await t.login(u);
}

const notificationsOf = (userId: string) =>
  t.platform.db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

function incidentBody(title: string, o: Record<string, unknown> = {}) {
  return {
    title,
    eventType: '12G03',
    occurredAt: new Date(clock.now().getTime() - 600_000).toISOString(),
    location: { lng: 118.5775, lat: 24.7863, crs: 'wgs84' },
    source: 'phone',
    ...o,
  };
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  ids = await directory(t);
  ids.user.jj2 = await createTestUser(t, { username: 'jj2', role: 'duty_officer', org: 'qz_jinjiang' });
  await at('08:10');
  day = (
    await c.commander!.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_jinjiang!, bj(0, '08:00'), bj(0, '18:00'), {
        leader: { name: '林振华' },
        officers: [{ userId: ids.user['duty-jinjiang'] }],
      }),
    )
  ).json();
  night = (
    await c.commander!.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_jinjiang!, bj(0, '18:00'), bj(1, '08:00'), {
        kind: 'night',
        leader: { userId: ids.user.jj2 },
        officers: [{ name: '黄磊', phone: '13805950003' }],
      }),
    )
  ).json();
});
afterAll(async () => t?.close());

describe('who is on duty', () => {
  it('answers onDutyNow and onDutyUserIds for other modules', async () => {
    expect(await onDutyUserIds(t.platform.db, { orgId: ids.org.qz_jinjiang!, at: clock.now() })).toEqual([ids.user['duty-jinjiang']]);
    expect(await onDutyUserIds(t.platform.db, { orgId: ids.org.qz_jinjiang!, at: new Date(bj(0, '19:00')) })).toEqual([ids.user.jj2]);
    expect(await onDutyUserIds(t.platform.db, { orgId: ids.org.qz_fengze!, at: clock.now() })).toEqual([]);
    const now = await onDutyNow(t.platform.db, { orgPaths: ['fj.qz'], at: new Date(bj(0, '19:00')) });
    expect(now).toEqual([
      {
        orgId: ids.org.qz_jinjiang,
        orgName: '晋江市应急管理局',
        shiftId: night.id,
        leader: { name: 'jj2', phone: null },
        officers: [{ name: '黄磊', phone: '13805950003', userId: null }],
      },
    ]);
  });

  it('shows the board of my subtree: a county sees itself, the city sees every county', async () => {
    const mine = (await c['duty-jinjiang']!.get('/api/v1/duty/now')).json();
    expect(mine.items.map((i: { orgName: string }) => i.orgName)).toEqual(['晋江市应急管理局']);
    expect(mine.items[0]).toMatchObject({
      shiftId: day.id,
      leader: { name: '林振华' },
      officers: [{ name: '晋江值班员（演示）', signedIn: false }],
    });
    const city = (await c.commander!.get('/api/v1/duty/now')).json();
    expect(city.items).toHaveLength(12);
    expect(city.items.find((i: { orgId: string }) => i.orgId === ids.org.qz_fengze)).toMatchObject({
      shiftId: null,
      leader: null,
      officers: [],
    });
    expect((await c['duty-jinjiang']!.get(`/api/v1/duty/now?orgId=${ids.org.qz}`)).statusCode).toBe(404);
    expect((await t.anonymous().get('/api/v1/duty/now')).statusCode).toBe(401);
  });
});

describe('sign-in and sign-out', () => {
  it('lets only the shift people sign in, within the window, once', async () => {
    expect((await c.jj2!.post(`/api/v1/duty/shifts/${day.id}/sign-in`)).statusCode).toBe(403);
    const early = await c.jj2!.post(`/api/v1/duty/shifts/${night.id}/sign-in`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('未到签到时间');
    const r = await c['duty-jinjiang']!.post(`/api/v1/duty/shifts/${day.id}/sign-in`);
    expect(r.statusCode).toBe(200);
    expect(r.json().officers[0].signedInAt).toBe(clock.now().toISOString());
    expect((await c['duty-jinjiang']!.post(`/api/v1/duty/shifts/${day.id}/sign-in`)).statusCode).toBe(409);
    expect((await c['duty-jinjiang']!.get('/api/v1/duty/now')).json().items[0].officers[0].signedIn).toBe(true);
    expect(await auditOf(t, 'duty.signed_in')).toHaveLength(1);
    expect(await eventsOf(t, 'duty.signed_in')).toHaveLength(1);
    expect((await c.viewer!.post(`/api/v1/duty/shifts/${day.id}/sign-in`)).statusCode).toBe(403);
  });
});

describe('handover', () => {
  it('lists open items automatically when the outgoing officer hands over', async () => {
    const created = await c['duty-jinjiang']!.post('/api/v1/incidents', incidentBody('晋江市安海镇厂房火灾'));
    expect(created.statusCode).toBe(201);
    incident = created.json();
    await t.dispatcher.flush();
    await at('17:50');
    expect((await c.jj2!.post('/api/v1/duty/handovers', { fromShiftId: day.id, toShiftId: night.id, notes: 'x' })).statusCode).toBe(403);
    expect(
      (await c['duty-jinjiang']!.post('/api/v1/duty/handovers', { fromShiftId: night.id, toShiftId: day.id })).json().errors[0].field,
    ).toBe('toShiftId');
    const r = await c['duty-jinjiang']!.post('/api/v1/duty/handovers', {
      fromShiftId: day.id,
      toShiftId: night.id,
      notes: '安海火灾待续报',
    });
    expect(r.statusCode).toBe(201);
    handoverId = r.json().id;
    expect(r.json()).toMatchObject({
      notes: '安海火灾待续报',
      countersignDueAt: utc(0, '18:30'),
      overdue: false,
      countersignedAt: null,
      createdBy: { id: ids.user['duty-jinjiang'] },
    });
    expect(r.json().openItems.incidents).toEqual([
      expect.objectContaining({ id: incident.id, title: '晋江市安海镇厂房火灾', status: 'received' }),
    ]);
    expect(r.json().openItems.reportsDue.some((d: { incidentId: string }) => d.incidentId === incident.id)).toBe(true);
    expect((await notificationsOf(ids.user.jj2!)).at(-1)!.title).toContain('交接班待签收');
    expect((await c['duty-jinjiang']!.post('/api/v1/duty/handovers', { fromShiftId: day.id, toShiftId: night.id })).statusCode).toBe(409);
  });

  it('flags an unsigned handover 30 minutes after the shift change and tells the leader once', async () => {
    await at('18:29');
    // Demo handovers (seeded around the real now) may be due already; this run takes care of them.
    await notifyOverdueHandovers(t.platform);
    expect((await c.commander!.get(`/api/v1/duty/handovers?overdue=true&${testDays}`)).json().total).toBe(0);
    expect((await c.commander!.get(`/api/v1/duty/handovers/${handoverId}`)).json().leaderNotifiedAt).toBeNull();
    await at('18:31');
    const flagged = (await c.commander!.get(`/api/v1/duty/handovers?overdue=true&${testDays}`)).json();
    expect(flagged.items.map((h: { id: string; overdue: boolean }) => [h.id, h.overdue])).toEqual([[handoverId, true]]);
    const before = (await notificationsOf(ids.user.jj2!)).length;
    expect(await notifyOverdueHandovers(t.platform)).toBe(1);
    expect(await notifyOverdueHandovers(t.platform)).toBe(0);
    const told = await notificationsOf(ids.user.jj2!);
    expect(told).toHaveLength(before + 1);
    expect(told.at(-1)).toMatchObject({ title: '交接班超时未签收：晋江市应急管理局', severity: 'warning' });
    expect((await auditOf(t, 'duty.handover_overdue')).filter((a) => a.entity_id === handoverId)).toHaveLength(1);
    expect((await c['duty-jinjiang']!.get(`/api/v1/duty/handovers/${handoverId}`)).json().leaderNotifiedAt).toBe(clock.now().toISOString());
  });

  it('is countersigned by the incoming shift only, once', async () => {
    expect((await c['duty-jinjiang']!.post(`/api/v1/duty/handovers/${handoverId}/countersign`)).statusCode).toBe(403);
    const r = await c.jj2!.post(`/api/v1/duty/handovers/${handoverId}/countersign`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ countersignedBy: { id: ids.user.jj2 }, countersignedAt: clock.now().toISOString(), overdue: false });
    expect((await c.jj2!.post(`/api/v1/duty/handovers/${handoverId}/countersign`)).statusCode).toBe(409);
    expect((await c.commander!.get(`/api/v1/duty/handovers?overdue=true&${testDays}`)).json().total).toBe(0);
    expect((await auditOf(t, 'duty.handover_countersigned'))[0]!.after).toMatchObject({ late: true });
  });
});

describe('duty log', () => {
  it('records calls linked to incidents, with the caller phone sealed', async () => {
    const r = await c['duty-jinjiang']!.post('/api/v1/duty/log', {
      kind: 'call_in',
      caller: '安海镇政府',
      callerPhone: '0595-85781234',
      summary: '报告厂房明火已扑灭',
      incidentId: incident.id,
      at: bj(0, '18:20'),
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      orgId: ids.org.qz_jinjiang,
      kind: 'call_in',
      callerPhone: '0595-85781234',
      incidentId: incident.id,
      at: utc(0, '18:20'),
    });
    const row = await t.platform.db.selectFrom('duty_log').selectAll().where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row.caller_phone_sealed).not.toContain('85781234');
    expect(JSON.stringify((await auditOf(t, 'duty.log_created'))[0]!.after)).not.toContain('85781234');
    expect((await c.duty!.post('/api/v1/duty/log', { kind: 'notice', summary: '转发暴雨预警' })).statusCode).toBe(201);
  });

  it('refuses a link to an incident outside my scope (audited), a future time and bad fields', async () => {
    const fengze = await c.duty!.post(
      '/api/v1/incidents',
      incidentBody('丰泽区道路塌陷', { orgId: ids.org.qz_fengze, location: { lng: 118.7327, lat: 25.0229, crs: 'wgs84' } }),
    );
    expect(fengze.statusCode).toBe(201);
    const r = await c['duty-jinjiang']!.post('/api/v1/duty/log', { kind: 'event', summary: '关联', incidentId: fengze.json().id });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: 'incidentId', message: '事件不存在或不在您的管辖范围内' }]);
    const denied = await auditOf(t, 'access.out_of_scope');
    expect(denied.some((d) => d.entity === 'incident' && d.entity_id === fengze.json().id && d.actor_name === 'duty-jinjiang')).toBe(true);
    const future = await c['duty-jinjiang']!.post('/api/v1/duty/log', { kind: 'other', summary: '未来', at: bj(0, '19:00') });
    expect(future.json().errors[0].field).toBe('at');
    expect((await c['duty-jinjiang']!.post('/api/v1/duty/log', { kind: 'fax', summary: 'x' })).json().errors[0].field).toBe('kind');
    expect((await c['duty-jinjiang']!.post('/api/v1/duty/log', { kind: 'other', summary: '   ' })).json().errors[0].field).toBe('summary');
    expect((await c.viewer!.post('/api/v1/duty/log', { kind: 'other', summary: 'x' })).statusCode).toBe(403);
    expect((await c['duty-jinjiang']!.post('/api/v1/duty/log', { orgId: ids.org.qz, kind: 'other', summary: 'x' })).statusCode).toBe(404);
  });

  it('lists entries of my subtree, newest first, filtered and paged', async () => {
    const since = `from=${encodeURIComponent(bj(0, '00:00'))}`;
    const mine = (await c['duty-jinjiang']!.get(`/api/v1/duty/log?${since}`)).json();
    expect(mine.items.map((l: { summary: string }) => l.summary)).toEqual(['报告厂房明火已扑灭']);
    const city = (await c.commander!.get(`/api/v1/duty/log?from=${encodeURIComponent(bj(0, '00:00'))}`)).json();
    expect(city.items.map((l: { summary: string }) => l.summary)).toEqual(['转发暴雨预警', '报告厂房明火已扑灭']);
    expect((await c.commander!.get(`/api/v1/duty/log?incidentId=${incident.id}`)).json().total).toBe(1);
    expect((await c.commander!.get(`/api/v1/duty/log?kind=notice&from=${encodeURIComponent(bj(0, '00:00'))}`)).json().total).toBe(1);
    expect((await c.commander!.get(`/api/v1/duty/log?${since}&q=${encodeURIComponent('明火')}`)).json().total).toBe(1);
    const p1 = (await c.commander!.get(`/api/v1/duty/log?limit=1&from=${encodeURIComponent(bj(0, '00:00'))}`)).json();
    const p2 = (
      await c.commander!.get(`/api/v1/duty/log?limit=1&from=${encodeURIComponent(bj(0, '00:00'))}&cursor=${p1.nextCursor}`)
    ).json();
    expect([p1.items[0].summary, p2.items[0].summary, p2.nextCursor]).toEqual(['转发暴雨预警', '报告厂房明火已扑灭', null]);
    expect((await c.commander!.get('/api/v1/duty/log?cursor=zzz')).json().errors[0].field).toBe('cursor');
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser } from '../auth/auth.test-support.js';
import { runDeadlineJob } from './index.js';
import { advance, deadlinesOf, events, newIncident, notesFor } from './reporting.test-support.js';

// A month after the snapshot was seeded: every demo deadline lies in the past.
const clock = new ManualClock(new Date(Date.now() + 30 * 86_400_000));
const MIN = 60_000;
let t: TestApp;
let city: Client;
let jinjiang: Client;
let fengze: Client;
let clients: Client[];
let start: Date;

beforeAll(async () => {
  t = await startTestApp({ clock });
  await createTestUser(t, { username: 'jj-leader', role: 'commander', org: 'qz_jinjiang' });
  await createTestUser(t, { username: 'dj-fz', role: 'duty_officer', org: 'qz_fengze' });
  city = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  fengze = await t.login('dj-fz');
  clients = [city, jinjiang, fengze];
  await runDeadlineJob(t.platform); // the demo backlog, so the runs below only meet this file's deadlines
  start = clock.now();
});
afterAll(async () => t?.close());

const run = () => runDeadlineJob(t.platform);
const titled = async (incidentId: string, prefix: string) => (await notesFor(t, incidentId)).filter((n) => n.title.startsWith(prefix));
const firstDeadline = async (incidentId: string) => (await deadlinesOf(t, incidentId)).find((d) => d.kind === 'first')!;

let late: Record<string, any>; // first report sent late
let missing: Record<string, any>; // first report never sent

describe('the deadline sweep with a controllable clock', () => {
  it('reminds 15 and 5 minutes before the deadline, once each', async () => {
    late = await newIncident(t, jinjiang, { title: '晋江某厂房火灾（时限测试）' });
    await advance(t, clients, 44 * MIN);
    await run();
    expect(await titled(late.id, '即将超时')).toEqual([]);

    await advance(t, clients, 1 * MIN);
    await run();
    await run();
    // Nobody is on the roster: the county's own staff holding incident.report are reminded.
    const first = await titled(late.id, '即将超时');
    expect(first.map((n) => [n.username, n.severity]).sort()).toEqual([
      ['duty-jinjiang', 'warning'],
      ['jj-leader', 'warning'],
    ]);
    expect(first.every((n) => n.body?.includes('15 分钟'))).toBe(true);
    expect((await firstDeadline(late.id)).reminded_at).toEqual(clock.now());

    await advance(t, clients, 10 * MIN);
    await run();
    await run();
    const both = await titled(late.id, '即将超时');
    expect(both).toHaveLength(4);
    expect(both.filter((n) => n.body?.includes('还剩约 5 分钟'))).toHaveLength(2);
    expect(await auditRows(t, 'report.deadline_reminded', (await firstDeadline(late.id)).id)).toHaveLength(2);
  });

  it('marks the deadline overdue (迟报) at the due time and tells the desk and its leader, exactly once', async () => {
    await advance(t, clients, 4 * MIN);
    await run();
    expect((await firstDeadline(late.id)).overdue_at).toBeNull(); // one minute before due

    await advance(t, clients, 1 * MIN);
    await run();
    await run();
    const d = await firstDeadline(late.id);
    expect(d.overdue_at).toEqual(clock.now());
    const told = await titled(late.id, '迟报');
    expect(told.map((n) => n.username).sort()).toEqual(['duty-jinjiang', 'jj-leader']);
    expect(told.every((n) => n.severity === 'critical')).toBe(true);
    const evs = await events(t, 'report.overdue', d.id);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ topic: 'reports', permission: 'incident.read', org_path: 'fj.qz.qz_jinjiang' });
    expect(await auditRows(t, 'report.deadline_overdue', d.id)).toHaveLength(1);
    const timeline = (await jinjiang.get(`/api/v1/incidents/${late.id}/timeline`)).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toContain('report.overdue');
    const chain = (await jinjiang.get(`/api/v1/incidents/${late.id}/reports`)).json();
    expect(chain.deadlines[0]).toMatchObject({ kind: 'first', state: 'overdue' });
  });

  it('catches up after downtime: what fell due meanwhile is marked once, with no stale reminders', async () => {
    missing = await newIncident(t, jinjiang, { title: '晋江某商铺火灾（停机测试）' });
    await advance(t, clients, 3 * 60 * MIN); // the worker was down
    const r1 = await run();
    const r2 = await run();
    expect(r1.overdue).toBeGreaterThanOrEqual(1);
    expect(r2).toEqual({ overdue: 0, reminded: 0 });
    expect(await titled(missing.id, '迟报')).toHaveLength(2);
    expect(await titled(missing.id, '即将超时')).toEqual([]);
    expect(await events(t, 'report.overdue', (await firstDeadline(missing.id)).id)).toHaveLength(1);
    expect(await titled(late.id, '迟报')).toHaveLength(2); // nothing repeated for the first incident
  });
});

describe('the overdue board', () => {
  it('lists open overdue deadlines of my subtree with the responsible org, and not another county’s', async () => {
    const board = (await city.get('/api/v1/reports/overdue?open=true&limit=500')).json();
    const mine = board.items.filter((d: { incidentId: string }) => [late.id, missing.id].includes(d.incidentId));
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ kind: 'first', state: 'overdue', org: { name: '晋江市应急管理局' } });
    expect(board.total).toBeGreaterThanOrEqual(2);
    const county = (await jinjiang.get('/api/v1/reports/overdue?open=true&limit=500')).json();
    expect(county.items.map((d: { incidentId: string }) => d.incidentId)).toEqual(expect.arrayContaining([late.id, missing.id]));
    const other = (await fengze.get('/api/v1/reports/overdue?limit=500')).json();
    expect(other.items.map((d: { incidentId: string }) => d.incidentId)).not.toContain(late.id);
  });

  it('moves a deadline met late from the open list to the late list', async () => {
    const r = await jinjiang.post(`/api/v1/incidents/${late.id}/reports`, { kind: 'first', text: '迟到的首报。' });
    expect(r.statusCode, r.body).toBe(201);
    const open = (await city.get('/api/v1/reports/overdue?open=true&limit=500')).json();
    expect(open.items.map((d: { incidentId: string }) => d.incidentId)).not.toContain(late.id);
    const done = (await city.get('/api/v1/reports/overdue?open=false&limit=500')).json();
    expect(done.items.find((d: { incidentId: string }) => d.incidentId === late.id)).toMatchObject({
      state: 'late',
      satisfiedBy: r.json().id,
    });
  });

  it('pages with a cursor', async () => {
    const p1 = (await city.get('/api/v1/reports/overdue?limit=1')).json();
    expect(p1.items).toHaveLength(1);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await city.get(`/api/v1/reports/overdue?limit=1&cursor=${p1.nextCursor}`)).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    expect((await city.get('/api/v1/reports/overdue?cursor=bogus')).statusCode).toBe(400);
  });
});

describe('statistics', () => {
  it('gives the on-time rate by county and by month, with late and missing counts', async () => {
    const ontime = await newIncident(t, jinjiang, { title: '晋江某道路交通事故（按时）', eventType: '12H02' });
    await advance(t, clients, 10 * MIN);
    expect((await jinjiang.post(`/api/v1/incidents/${ontime.id}/reports`, { kind: 'first', text: '按时首报。' })).statusCode).toBe(201);
    await advance(t, clients, 60 * MIN); // its deadline has now fallen due

    const period = `from=${encodeURIComponent(new Date(start.getTime() - MIN).toISOString())}&to=${encodeURIComponent(clock.now().toISOString())}`;
    const byCounty = (await city.get(`/api/v1/reports/stats?${period}&groupBy=county`)).json();
    expect(byCounty.rows).toEqual([
      { key: expect.any(String), label: '晋江市应急管理局', due: 3, onTime: 1, late: 1, missing: 1, onTimeRate: 0.3333 },
    ]);
    expect(byCounty.total).toMatchObject({ due: 3, onTime: 1, late: 1, missing: 1 });
    const byMonth = (await city.get(`/api/v1/reports/stats?${period}&groupBy=month`)).json();
    expect(byMonth.rows.every((r: { key: string }) => /^\d{4}-\d{2}$/.test(r.key))).toBe(true);
    expect(byMonth.total).toEqual(byCounty.total);
    const other = (await fengze.get(`/api/v1/reports/stats?${period}`)).json();
    expect(other.total.due).toBe(0);
  });

  it('refuses a reversed period or an unknown grouping with a field error', async () => {
    const r = await city.get('/api/v1/reports/stats?from=2026-06-10&to=2026-06-01');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('to');
    const g = await city.get('/api/v1/reports/stats?groupBy=year');
    expect(g.statusCode).toBe(400);
    expect(g.body).toContain('groupBy');
  });

  it('exports the figures and the late and missing list to Excel', async () => {
    const period = `from=${encodeURIComponent(new Date(start.getTime() - MIN).toISOString())}&to=${encodeURIComponent(clock.now().toISOString())}`;
    const r = await city.get(`/api/v1/reports/stats/export?${period}&format=xlsx`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: string[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map(String)));
      return out;
    };
    expect(rows('报送及时率')).toContainEqual(['晋江市应急管理局', '3', '1', '1', '1', '33.3%']);
    const detail = rows('迟报未报明细');
    expect(
      detail
        .slice(1)
        .map((x) => x[5])
        .sort(),
    ).toEqual(['未报', '迟报']);
    expect((await city.get('/api/v1/reports/stats/export?format=csv')).statusCode).toBe(400);
  });
});

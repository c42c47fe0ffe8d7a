import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { loginActive } from '../auth/auth.test-support.js';
import { markMissedChecks } from './duty.jobs.js';
import { auditOf, bj, bjDate, directory, eventsOf, shiftBody } from './duty.test-support.js';
import { pdfText } from './pdf-text.test-support.js';

const clock = new ManualClock(bj(0, '09:00'));
let t: TestApp;
let ids: Awaited<ReturnType<typeof directory>>;
let commander: Client;
let duty: Client;
let jinjiang: Client;
const checkIds: string[] = [];

const later = (seconds: number) => clock.advance(seconds * 1000);
const notificationsOf = (userId: string) =>
  t.platform.db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

beforeAll(async () => {
  t = await startTestApp({ clock });
  ids = await directory(t);
  commander = await t.login('commander');
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  const r = await commander.post(
    '/api/v1/duty/shifts',
    shiftBody(ids.org.qz_jinjiang!, bj(0, '08:00'), bj(0, '18:00'), { officers: [{ userId: ids.user['duty-jinjiang'] }] }),
  );
  expect(r.statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('duty checks', () => {
  it('is sent by a supervisor of an ancestor org and notifies the officers on duty (critical)', async () => {
    const r = await commander.post('/api/v1/duty/checks', { orgId: ids.org.qz_jinjiang, message: '请报告在岗情况' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      status: 'pending',
      ackMinutes: 5,
      notifiedCount: 1,
      dueAt: new Date(clock.now().getTime() + 300_000).toISOString(),
    });
    checkIds.push(r.json().id);
    expect((await notificationsOf(ids.user['duty-jinjiang']!)).at(-1)).toMatchObject({
      severity: 'critical',
      title: '查岗：请在 5 分钟内应答',
    });
    expect(await eventsOf(t, 'duty.check_sent')).toEqual([
      expect.objectContaining({ org_path: 'fj.qz.qz_jinjiang', permission: 'duty.read' }),
    ]);
  });

  it('may not be sent by officers or to the supervisor own org', async () => {
    expect((await duty.post('/api/v1/duty/checks', { orgId: ids.org.qz_jinjiang, message: 'x' })).statusCode).toBe(403);
    const own = await commander.post('/api/v1/duty/checks', { orgId: ids.org.qz, message: 'x' });
    expect(own.statusCode).toBe(403);
    expect((await auditOf(t, 'duty.check_sent')).at(-1)).toMatchObject({ result: 'denied', entity_id: ids.org.qz });
    expect((await commander.post('/api/v1/duty/checks', { orgId: ids.org.qz_jinjiang, message: '' })).json().errors[0].field).toBe(
      'message',
    );
  });

  it('is acknowledged by an officer of the checked org, once, with the response time', async () => {
    later(95);
    expect((await duty.post(`/api/v1/duty/checks/${checkIds[0]}/ack`)).statusCode).toBe(403);
    const r = await jinjiang.post(`/api/v1/duty/checks/${checkIds[0]}/ack`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'answered', responseSeconds: 95, late: false, ackedBy: { id: ids.user['duty-jinjiang'] } });
    expect((await jinjiang.post(`/api/v1/duty/checks/${checkIds[0]}/ack`)).statusCode).toBe(409);
    expect((await notificationsOf(ids.user.commander!)).at(-1)!.title).toContain('查岗已应答：晋江市应急管理局（95 秒');
  });

  it('marks unanswered checks missed (job, once) and counts late answers as missed', async () => {
    const nanan = await commander.post('/api/v1/duty/checks', { orgId: ids.org.qz_nanan, message: '请应答' });
    expect(nanan.json()).toMatchObject({ notifiedCount: 0, status: 'pending' });
    checkIds.push(nanan.json().id);
    const late = await commander.post('/api/v1/duty/checks', { orgId: ids.org.qz_jinjiang, message: '再次查岗' });
    checkIds.push(late.json().id);
    later(5 * 60);
    expect(await markMissedChecks(t.platform)).toBe(0);
    later(60);
    const ack = await jinjiang.post(`/api/v1/duty/checks/${checkIds[2]}/ack`);
    expect(ack.json()).toMatchObject({ status: 'missed', late: true, responseSeconds: 360 });
    expect(await markMissedChecks(t.platform)).toBe(1);
    expect(await markMissedChecks(t.platform)).toBe(0);
    expect((await commander.get(`/api/v1/duty/checks/${checkIds[1]}`)).json()).toMatchObject({ status: 'missed', ackedAt: null });
    expect(await auditOf(t, 'duty.check_missed')).toHaveLength(1);
    expect((await notificationsOf(ids.user.commander!)).at(-1)!.title).toBe('查岗超时未应答');
  });

  it('lists checks in scope and reports response times per org', async () => {
    const range = `from=${encodeURIComponent(bj(0, '00:00'))}&to=${encodeURIComponent(bj(1, '00:00'))}`;
    expect((await commander.get(`/api/v1/duty/checks?${range}`)).json().total).toBe(3);
    const mine = (await jinjiang.get(`/api/v1/duty/checks?${range}`)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([checkIds[2], checkIds[0]]);
    expect((await jinjiang.get(`/api/v1/duty/checks/${checkIds[1]}`)).statusCode).toBe(404);
    expect((await commander.get(`/api/v1/duty/checks?${range}&status=missed`)).json().total).toBe(2);
    const stats = (await commander.get(`/api/v1/duty/checks/stats?${range}`)).json().items;
    expect(stats).toEqual([
      expect.objectContaining({
        orgName: '晋江市应急管理局',
        total: 2,
        answered: 1,
        missed: 1,
        late: 1,
        avgResponseSeconds: 227.5,
        maxResponseSeconds: 360,
      }),
      expect.objectContaining({ orgName: '南安市应急管理局', total: 1, missed: 1, avgResponseSeconds: null }),
    ]);
  });

  it('takes the acknowledgement time from the settings (system administrator only)', async () => {
    expect((await commander.get('/api/v1/duty/settings')).json()).toEqual({ checkAckMinutes: 5 });
    expect((await commander.put('/api/v1/duty/settings', { checkAckMinutes: 10 })).statusCode).toBe(403);
    const admin = await loginActive(t, 'sysadmin');
    expect((await admin.put('/api/v1/duty/settings', { checkAckMinutes: 0 })).json().errors[0].field).toBe('checkAckMinutes');
    expect((await admin.put('/api/v1/duty/settings', { checkAckMinutes: 10 })).json()).toEqual({ checkAckMinutes: 10 });
    const r = await commander.post('/api/v1/duty/checks', { orgId: ids.org.qz_fengze, message: '十分钟内应答' });
    expect(r.json().ackMinutes).toBe(10);
    expect(await auditOf(t, 'duty.settings_updated')).toHaveLength(1);
  });
});

describe('daily report', () => {
  const title = '晋江市池店镇化工厂泄漏';

  beforeAll(async () => {
    const r = await jinjiang.post('/api/v1/incidents', {
      title,
      eventType: '12G03',
      occurredAt: new Date(clock.now().getTime() - 600_000).toISOString(),
      location: { lng: 118.5775, lat: 24.7863, crs: 'wgs84' },
      source: 'phone',
    });
    expect(r.statusCode).toBe(201);
    expect((await jinjiang.post('/api/v1/duty/log', { kind: 'call_in', caller: '池店镇', summary: '报告化工厂泄漏' })).statusCode).toBe(
      201,
    );
  });

  const url = (org: string, format = 'json', date = bjDate(0)) => `/api/v1/duty/daily-report?orgId=${org}&date=${date}&format=${format}`;

  it('gathers the day: shifts, incidents, log and checks', async () => {
    const r = await jinjiang.get(url(ids.org.qz_jinjiang!));
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ org: { name: '晋江市应急管理局' }, date: bjDate(0) });
    expect(body.shifts).toHaveLength(1);
    expect(body.incidents.map((i: { title: string }) => i.title)).toEqual([title]);
    expect(body.log.map((l: { summary: string }) => l.summary)).toEqual(['报告化工厂泄漏']);
    expect(body.checks).toHaveLength(2);
    const city = (await commander.get(url(ids.org.qz!))).json();
    expect(city.incidents.map((i: { title: string }) => i.title)).toContain(title);
    expect((await jinjiang.get(url(ids.org.qz_jinjiang!, 'json', bjDate(1)))).json().incidents).toEqual([]);
  });

  it('downloads as Excel and as a PDF containing the incident', async () => {
    const x = await jinjiang.get(url(ids.org.qz_jinjiang!, 'xlsx'));
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('值班日报'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('接报事件')!.getRow(2).getCell(2).value).toBe(title);
    expect(wb.getWorksheet('查岗记录')!.rowCount).toBe(3);
    const p = await jinjiang.get(url(ids.org.qz_jinjiang!, 'pdf'));
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
    expect(p.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdfText(p.rawPayload).replace(/\n/g, '')).toContain(title);
  });

  it('refuses another org (audited 404), bad dates and formats, and anonymous callers', async () => {
    expect((await jinjiang.get(url(ids.org.qz!))).statusCode).toBe(404);
    expect((await jinjiang.get(url(ids.org.qz_jinjiang!, 'json', '2031-02-30'))).json().errors[0].field).toBe('date');
    expect((await jinjiang.get(url(ids.org.qz_jinjiang!, 'doc'))).json().errors[0].field).toBe('format');
    expect((await t.anonymous().get(url(ids.org.qz_jinjiang!))).statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser } from '../auth/auth.test-support.js';
import { newId } from '../../platform/ids.js';
import { PNG, upload } from '../incidents/incidents.test-support.js';
import { seedDemoReporting } from './reporting.seed.js';
import { advance, deadlinesOf, events, minutes, moveTo, newIncident, notesFor, orgId, userId } from './reporting.test-support.js';

// Two days after the snapshot was seeded: the demo month lies in the past.
const clock = new ManualClock(new Date(Date.now() + 2 * 86_400_000));
let t: TestApp;
let city: Client; // duty officer, 泉州市应急管理局
let jinjiang: Client; // duty officer, 晋江市应急管理局
let fengze: Client; // duty officer, 丰泽区应急管理局

beforeAll(async () => {
  t = await startTestApp({ clock });
  await createTestUser(t, { username: 'rp-fz', role: 'duty_officer', org: 'qz_fengze' });
  city = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  fengze = await t.login('rp-fz');
});
afterAll(async () => t?.close());

const chainOf = async (c: Client, id: string) => {
  const r = await c.get(`/api/v1/incidents/${id}/reports`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('first report (首报) from a county to the city', () => {
  let inc: Record<string, any>;
  let reportId: string;

  it('starts a 60-minute first-report deadline when the incident is recorded', async () => {
    inc = await newIncident(t, jinjiang, { title: '晋江某仓库火灾' });
    const chain = await chainOf(jinjiang, inc.id);
    expect(chain.reports).toEqual([]);
    expect(chain.deadlines).toEqual([
      expect.objectContaining({ kind: 'first', state: 'open', org: expect.objectContaining({ name: '晋江市应急管理局' }) }),
    ]);
    expect(minutes(inc.receivedAt, chain.deadlines[0].dueAt)).toBe(60);
  });

  it('refuses a follow-up before the first report, naming the field', async () => {
    const r = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'followup', text: '续报' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ detail: '须先提交首报', errors: [{ field: 'kind' }] });
  });

  it('sends the first report to the parent org with a snapshot, audit, timeline, event and a notification', async () => {
    await advance(t, [city, jinjiang, fengze], 20 * 60_000);
    const r = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: '晋江某仓库起火，暂无人员伤亡。' });
    expect(r.statusCode, r.body).toBe(201);
    const rep = r.json();
    reportId = rep.id;
    expect(rep).toMatchObject({
      kind: 'first',
      version: 1,
      kindSeq: 1,
      fromOrg: { name: '晋江市应急管理局' },
      toOrg: { name: '泉州市应急管理局' },
      snapshot: { title: '晋江某仓库火灾', eventType: '12G03', dead: 0, status: 'received' },
      acknowledgedAt: null,
      submittedBy: { name: expect.any(String) },
    });
    expect(await auditRows(t, 'report.submitted', rep.id)).toHaveLength(1);
    const timeline = (await jinjiang.get(`/api/v1/incidents/${inc.id}/timeline`)).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toContain('report.submitted');
    const [ev] = await events(t, 'report.submitted', rep.id);
    expect(ev).toMatchObject({ topic: 'reports', permission: 'incident.read' });
    expect(ev!.org_path).toBe('fj.qz');
    // Nobody on the roster: the city's own staff holding incident.report are told, not the sender.
    const told = (await notesFor(t, inc.id)).filter((n) => n.title.startsWith('收到'));
    expect(told.map((n) => n.username).sort()).toEqual(['commander', 'duty']);

    const chain = await chainOf(city, inc.id);
    const first = chain.deadlines.find((d: { kind: string }) => d.kind === 'first');
    expect(first).toMatchObject({ state: 'met', satisfiedBy: rep.id });
    const followup = chain.deadlines.find((d: { kind: string }) => d.kind === 'followup');
    expect(minutes(rep.submittedAt, followup.dueAt)).toBe(24 * 60);
  });

  it('refers to the incident’s own attachments', async () => {
    const up = await upload(t, jinjiang, inc.id, '现场.png', PNG);
    expect(up.statusCode, up.body).toBe(201);
    const att = up.json().id;
    const r = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, {
      kind: 'followup',
      text: '续报，附现场照片。',
      attachmentIds: [att, att],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'followup', version: 2, attachmentIds: [att] });
  });

  it('allows exactly one first report per org', async () => {
    const r = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: '再报一次' });
    expect(r.statusCode).toBe(409);
    expect(await deadlinesOf(t, inc.id)).toHaveLength(3); // first, the follow-up met, the next follow-up
  });

  it('lists it in the city inbox until the city signs for it; the receipt records who and when', async () => {
    const unacked = (await city.get('/api/v1/reports/inbox?unacknowledged=true&limit=500')).json();
    expect(unacked.items.map((x: { id: string }) => x.id)).toContain(reportId);

    expect((await jinjiang.post(`/api/v1/reports/${reportId}/ack`)).statusCode).toBe(403);
    await advance(t, [city, jinjiang, fengze], 5 * 60_000);
    const r = await city.post(`/api/v1/reports/${reportId}/ack`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ acknowledgedAt: clock.now().toISOString(), acknowledgedBy: { name: expect.any(String) } });
    const again = await city.post(`/api/v1/reports/${reportId}/ack`);
    expect(again.json().acknowledgedAt).toBe(r.json().acknowledgedAt);
    expect(await auditRows(t, 'report.acknowledged', reportId)).toHaveLength(1);
    expect(await events(t, 'report.acknowledged', reportId)).toHaveLength(1);
    expect((await notesFor(t, inc.id)).some((n) => n.username === 'duty-jinjiang' && n.title.includes('已签收'))).toBe(true);

    const after = (await city.get('/api/v1/reports/inbox?unacknowledged=true&limit=500')).json();
    expect(after.items.map((x: { id: string }) => x.id)).not.toContain(reportId);
    const all = (await city.get('/api/v1/reports/inbox?limit=500')).json();
    expect(all.items.map((x: { id: string }) => x.id)).toContain(reportId);
    expect((await jinjiang.get('/api/v1/reports/inbox?limit=500')).json().items.map((x: { id: string }) => x.id)).not.toContain(reportId);
  });

  it('hides the chain and the report from another county (audited 404)', async () => {
    const before = (await auditRows(t, 'access.out_of_scope')).length;
    expect((await fengze.get(`/api/v1/incidents/${inc.id}/reports`)).statusCode).toBe(404);
    expect((await fengze.post(`/api/v1/reports/${reportId}/ack`)).statusCode).toBe(404);
    expect((await fengze.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'followup', text: 'x' })).statusCode).toBe(404);
    expect((await auditRows(t, 'access.out_of_scope')).length).toBe(before + 3);
  });

  it('refuses malformed input with field errors and writes nothing', async () => {
    const before = await deadlinesOf(t, inc.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'second', text: 'x' }, 'kind'],
      [{ kind: 'followup' }, 'text'],
      [{ kind: 'followup', text: '   ' }, 'text'],
      [{ kind: 'followup', text: 'x', extra: 1 }, 'extra'],
      [{ kind: 'followup', text: 'x', phoneReportedAt: 'yesterday' }, 'phoneReportedAt'],
      [{ kind: 'followup', text: 'x', phoneReportedAt: clock.now().toISOString() }, 'phoneReportedAt'],
      [{ kind: 'followup', text: 'x', attachmentIds: ['nope'] }, 'attachmentIds.0'],
      [{ kind: 'followup', text: 'x', attachmentIds: ['01970000-0000-7000-8000-000000000000'] }, 'attachmentIds.0'],
    ];
    for (const [body, field] of cases) {
      const r = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body, JSON.stringify(body)).toContain(field);
    }
    expect(await deadlinesOf(t, inc.id)).toEqual(before);
    expect((await chainOf(city, inc.id)).reports).toHaveLength(2);
  });
});

describe('a 较大 (III) incident: phone report, forwarding to the province, follow-ups and the final report', () => {
  let inc: Record<string, any>;
  let countyFirst: Record<string, any>;

  it('asks for a phone report within 30 minutes as well as the written one', async () => {
    inc = await newIncident(t, jinjiang, { title: '晋江某化工厂爆炸', eventType: '12D01', dead: 3 });
    expect(inc.grade).toBe(3);
    const kinds = (await chainOf(jinjiang, inc.id)).deadlines.map((d: { kind: string; dueAt: string }) => [
      d.kind,
      minutes(inc.receivedAt, d.dueAt),
    ]);
    expect(kinds).toEqual([
      ['first_phone', 30],
      ['first', 60],
    ]);
  });

  it('counts the phone report time for the phone deadline, and refuses one before receipt or in the future', async () => {
    const early = new Date(new Date(inc.receivedAt).getTime() - 60_000).toISOString();
    expect(
      (await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: 'x', phoneReportedAt: early })).statusCode,
    ).toBe(400);
    const future = new Date(clock.now().getTime() + 60_000).toISOString();
    expect(
      (await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: 'x', phoneReportedAt: future })).statusCode,
    ).toBe(400);
    const phoned = new Date(clock.now().getTime()).toISOString();
    await advance(t, [city, jinjiang, fengze], 40 * 60_000); // written report after 40 minutes, phone report at once
    const r = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, {
      kind: 'first',
      text: '化工厂爆炸，3 人死亡。',
      phoneReportedAt: phoned,
    });
    expect(r.statusCode, r.body).toBe(201);
    countyFirst = r.json();
    const chain = await chainOf(jinjiang, inc.id);
    const state = Object.fromEntries(chain.deadlines.map((d: { kind: string; state: string }) => [d.kind, d.state]));
    expect(state).toMatchObject({ first_phone: 'met', first: 'met', forward_province: 'open', followup: 'open' });
    const fwd = chain.deadlines.find((d: { kind: string }) => d.kind === 'forward_province');
    expect(fwd.org.name).toBe('泉州市应急管理局');
    expect(minutes(countyFirst.submittedAt, fwd.dueAt)).toBe(120);
  });

  it('lets the city pass the report up to the province as its own first report, signing for it on the way', async () => {
    expect((await jinjiang.post(`/api/v1/reports/${countyFirst.id}/forward`, {})).statusCode).toBe(403);
    await advance(t, [city, jinjiang, fengze], 30 * 60_000);
    const r = await city.post(`/api/v1/reports/${countyFirst.id}/forward`, { text: '转报：晋江化工厂爆炸，3 人死亡。' });
    expect(r.statusCode, r.body).toBe(201);
    const up = r.json();
    expect(up).toMatchObject({
      kind: 'first',
      fromOrg: { name: '泉州市应急管理局' },
      toOrg: { name: '福建省应急管理厅' },
      forwardedFromId: countyFirst.id,
      snapshot: { dead: 3, grade: 3 },
    });
    const chain = await chainOf(city, inc.id);
    const original = chain.reports.find((x: { id: string }) => x.id === countyFirst.id);
    expect(original).toMatchObject({ forwardedAsId: up.id, acknowledgedAt: expect.any(String) });
    expect(chain.deadlines.find((d: { kind: string }) => d.kind === 'forward_province')).toMatchObject({
      state: 'met',
      satisfiedBy: up.id,
    });
    expect((await city.post(`/api/v1/reports/${countyFirst.id}/forward`, {})).statusCode).toBe(409);
    const [ev] = await events(t, 'report.submitted', up.id);
    expect(ev!.org_path).toBe('fj');
  });

  it('moves the follow-up cadence to 12 hours when the grade rises to 重大 (II)', async () => {
    const r = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 10, version: inc.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().grade).toBe(2);
    inc = r.json();
    await t.dispatcher.flush();
    const followup = (await chainOf(jinjiang, inc.id)).deadlines.find(
      (d: { kind: string; satisfiedAt: string | null }) => d.kind === 'followup' && !d.satisfiedAt,
    );
    expect(minutes(countyFirst.submittedAt, followup.dueAt)).toBe(12 * 60);
    expect(await auditRows(t, 'report.deadlines_recomputed', inc.id)).not.toHaveLength(0);
  });

  it('takes a follow-up while open, refuses a final report until the incident is closed, then closes the chain', async () => {
    await advance(t, [city, jinjiang, fengze], 60 * 60_000);
    const fu = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'followup', text: '续报：死亡 10 人。' });
    expect(fu.statusCode, fu.body).toBe(201);
    expect(fu.json()).toMatchObject({ version: 2, kindSeq: 1, snapshot: { dead: 10, grade: 2 } });
    const early = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'final', text: '终报' });
    expect(early.statusCode).toBe(409);

    inc = await moveTo(t, jinjiang, inc, 'closed');
    let chain = await chainOf(jinjiang, inc.id);
    expect(chain.deadlines.filter((d: { kind: string; state: string }) => d.kind === 'followup' && d.state === 'open')).toEqual([]);
    const finalDue = chain.deadlines.find((d: { kind: string }) => d.kind === 'final');
    expect(finalDue).toMatchObject({ state: 'open' });
    expect(minutes(clock.now(), finalDue.dueAt)).toBe(24 * 60);
    expect((await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'followup', text: 'x' })).statusCode).toBe(409);

    const fin = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'final', text: '终报：处置完毕。' });
    expect(fin.statusCode, fin.body).toBe(201);
    chain = await chainOf(jinjiang, inc.id);
    expect(chain.deadlines.find((d: { kind: string }) => d.kind === 'final')).toMatchObject({ state: 'met', satisfiedBy: fin.json().id });
    expect((await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'final', text: 'x' })).statusCode).toBe(409);
  });

  it('asks for a supplement when casualties change after the final report, within the window', async () => {
    const r = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 11, version: inc.version });
    expect(r.statusCode, r.body).toBe(200);
    await t.dispatcher.flush();
    const supplements = (await chainOf(jinjiang, inc.id)).deadlines.filter((d: { kind: string }) => d.kind === 'supplement');
    // The earlier rise (3 → 10 dead) was met by the follow-up; the new one (10 → 11) is due within the day.
    expect(supplements.map((d: { state: string }) => d.state).sort()).toEqual(['met', 'open']);
    const open = supplements.find((d: { state: string }) => d.state === 'open');
    expect(minutes(clock.now(), open.dueAt)).toBe(24 * 60);

    const sup = await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'supplement', text: '补报：死亡 11 人。' });
    expect(sup.statusCode, sup.body).toBe(201);
    expect(sup.json().snapshot.dead).toBe(11);
    const after = (await chainOf(jinjiang, inc.id)).deadlines.filter((d: { kind: string }) => d.kind === 'supplement');
    expect(after.find((d: { id: string }) => d.id === open.id)).toMatchObject({ state: 'met', satisfiedBy: sup.json().id });
  });
});

describe('who may report', () => {
  it('refuses an org that is not on the incident’s chain and a user without incident.report', async () => {
    const inc = await newIncident(t, jinjiang, { title: '晋江道路交通事故', eventType: '12H02' });
    await createTestUser(t, { username: 'rp-center', role: 'duty_officer', org: 'qz_center' });
    const center = await t.login('rp-center');
    // The command centre is a sibling of the county, not above it: the incident does not exist for it.
    expect((await center.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: 'x' })).statusCode).toBe(404);
    const viewer = await t.login('viewer');
    expect((await viewer.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: 'x' })).statusCode).toBe(403);
    expect((await viewer.get(`/api/v1/incidents/${inc.id}/reports`)).statusCode).toBe(200);
    expect((await t.anonymous().get(`/api/v1/incidents/${inc.id}/reports`)).statusCode).toBe(401);
  });

  it('lets the city report on a county incident as itself, to the province', async () => {
    const inc = await newIncident(t, jinjiang, { title: '晋江山体滑坡', eventType: '11D01' });
    const r = await city.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: '市局直接掌握情况。' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ fromOrg: { id: await orgId(t, 'qz') }, toOrg: { id: await orgId(t, 'fj') } });
    // The county still owes its own first report.
    const first = (await chainOf(city, inc.id)).deadlines.find((d: { kind: string }) => d.kind === 'first');
    expect(first).toMatchObject({ state: 'open', org: { id: await orgId(t, 'qz_jinjiang') } });
  });
});

describe('who is told', () => {
  it('tells the receiving org’s on-duty leader and officers when a shift is running, instead of all its staff', async () => {
    const db = t.platform.db;
    const qz = await db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz').executeTakeFirstOrThrow();
    const shiftId = newId();
    const now = clock.now();
    await db
      .insertInto('duty_shift')
      .values({
        id: shiftId,
        org_id: qz.id,
        org_path: qz.path,
        starts_at: new Date(now.getTime() - 60_000),
        ends_at: new Date(now.getTime() + 7_200_000),
        kind: 'day',
        note: null,
        created_by: null,
      })
      .execute();
    const person = (role: 'leader' | 'officer', uid: string, name: string) => ({
      id: newId(),
      shift_id: shiftId,
      role,
      user_id: uid,
      name,
      phone_sealed: null,
      phone_masked: null,
      person_key: `user:${uid}`,
      signed_in_at: null,
      signed_out_at: null,
    });
    await db
      .insertInto('duty_person')
      .values([person('leader', await userId(t, 'commander'), '带班领导'), person('officer', await userId(t, 'viewer'), '值班员')])
      .execute();
    const inc = await newIncident(t, jinjiang, { title: '晋江排班通知测试' });
    expect((await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: '首报。' })).statusCode).toBe(201);
    const told = (await notesFor(t, inc.id)).filter((n) => n.title.startsWith('收到'));
    expect(told.map((n) => n.username).sort()).toEqual(['commander', 'viewer']);
  });
});

describe('demo data', () => {
  it('gives the demo month a realistic reporting story, and seeding again adds nothing', async () => {
    const db = t.platform.db;
    const count = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('incident_report')
            .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
            .where('is_demo', '=', true)
            .groupBy('kind')
            .execute()
        ).map((r) => [r.kind, Number(r.n)]),
      );
    const before = await count();
    expect(before.first).toBeGreaterThan(30);
    expect(before.followup).toBeGreaterThan(0);
    expect(before.final).toBeGreaterThan(0);
    const late = await db
      .selectFrom('report_deadline')
      .select('id')
      .where('overdue_at', 'is not', null)
      .where('satisfied_at', 'is not', null)
      .execute();
    expect(late.length).toBeGreaterThan(0);
    const open = await db
      .selectFrom('report_deadline')
      .select('id')
      .where('overdue_at', 'is not', null)
      .where('satisfied_at', 'is', null)
      .execute();
    expect(open.length).toBeGreaterThan(0);
    expect((await db.selectFrom('instruction').select('id').where('is_demo', '=', true).execute()).length).toBeGreaterThan(0);
    await seedDemoReporting(t.platform);
    expect(await count()).toEqual(before);
  });
});

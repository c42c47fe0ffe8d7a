import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { applyTransitions } from './alarm-writer.js';
import { alarmDb } from './alarm.tables.js';
import { buildTestDevice, fixtureAlarm, TEST_TYPE } from './alarm.test-support.js';
import { runDueEscalations } from './escalation.service.js';

let t: TestApp;
let clock: ManualClock;
let duty: Client; // city duty officer: alarm.handle, incident.create
let analyst: Client; // city: monitoring.manage, alarm.handle
let viewer: Client; // city: monitoring.read only
let jinjiang: Client; // Jinjiang duty officer
let cityOrg: string;

const get = async (c: Client, id: string) => (await c.get(`/api/v1/monitoring/alarms/${id}`)).json();
const events = async (id: string) =>
  (
    await alarmDb(t.platform.db).selectFrom('alarm_event').select('kind').where('alarm_id', '=', id).orderBy('at').orderBy('id').execute()
  ).map((e) => e.kind);

/** Signs everyone in again (moving the clock by an hour ends idle sessions). */
async function signIn(): Promise<void> {
  duty = await t.login('duty');
  analyst = await t.login('analyst');
  viewer = await t.login('viewer');
  jinjiang = await t.login('duty-jinjiang');
}

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await startTestApp({ clock });
  await signIn();
  cityOrg = (await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe('alarm lifecycle', () => {
  it('lists alarms in scope with filters; another county gets an audited 404', async () => {
    const { alarmId } = await fixtureAlarm(t, 'qz_fengze');
    const page = (await viewer.get('/api/v1/monitoring/alarms?status=open&level=red&divisionCode=350503&limit=500')).json();
    expect(page.items.map((a: { id: string }) => a.id)).toContain(alarmId);
    const item = page.items.find((a: { id: string }) => a.id === alarmId);
    expect(item).toMatchObject({
      status: 'active',
      level: 'red',
      countyName: '丰泽区',
      deviceTypeCode: TEST_TYPE,
      abilities: { acknowledge: false },
    });
    expect((await duty.get(`/api/v1/monitoring/alarms/${alarmId}`)).json().abilities).toMatchObject({
      acknowledge: true,
      close: false,
      convert: true,
    });
    const none = (await jinjiang.get('/api/v1/monitoring/alarms?limit=500')).json();
    expect(none.items.map((a: { id: string }) => a.id)).not.toContain(alarmId);
    expect((await jinjiang.get(`/api/v1/monitoring/alarms/${alarmId}`)).statusCode).toBe(404);
    expect((await viewer.get('/api/v1/monitoring/alarms?status=bogus')).statusCode).toBe(400);
  });

  it('acknowledge → comment → false alarm → close, with versions, events, audit and refusals', async () => {
    const { alarmId } = await fixtureAlarm(t, 'qz_fengze');
    const v1 = (await get(duty, alarmId)).version;
    expect((await viewer.post(`/api/v1/monitoring/alarms/${alarmId}/acknowledge`, { version: v1 })).statusCode).toBe(403);
    const early = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/close`, { version: v1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('请先确认报警再关闭');

    const ack = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/acknowledge`, { version: v1, note: '已通知企业' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', version: v1 + 1, acknowledgedBy: expect.any(String) });
    const stale = await analyst.post(`/api/v1/monitoring/alarms/${alarmId}/acknowledge`, { version: v1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors).toEqual([{ field: 'version', message: `当前版本为 ${v1 + 1}` }]);

    expect((await duty.post(`/api/v1/monitoring/alarms/${alarmId}/comment`, { note: '现场检查中' })).statusCode).toBe(200);
    const labelled = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/false-alarm`, {
      version: v1 + 1,
      falseAlarm: true,
      note: '传感器故障',
    });
    expect(labelled.json()).toMatchObject({ falseAlarm: true, version: v1 + 2 });
    const closed = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/close`, { version: v1 + 2 });
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: expect.any(String) });
    expect((await duty.post(`/api/v1/monitoring/alarms/${alarmId}/acknowledge`, { version: v1 + 3 })).statusCode).toBe(409);

    const detail = await get(viewer, alarmId);
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['raised', 'acknowledged', 'commented', 'false_alarm', 'closed']);
    expect(detail.events[1]).toMatchObject({ note: '已通知企业', actorName: expect.any(String) });
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', alarmId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'alarm.raised',
      'alarm.acknowledged',
      'alarm.commented',
      'alarm.false_alarm',
      'alarm.closed',
    ]);
  });

  it('assigns only to someone who may handle the alarm, and notifies them', async () => {
    const { alarmId } = await fixtureAlarm(t, 'qz_fengze');
    const db = t.platform.db;
    const viewerId = (await db.selectFrom('app_user').select('id').where('username', '=', 'viewer').executeTakeFirstOrThrow()).id;
    const analystId = (await db.selectFrom('app_user').select('id').where('username', '=', 'analyst').executeTakeFirstOrThrow()).id;
    const v = (await get(duty, alarmId)).version;
    const refused = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/assign`, { version: v, assigneeId: viewerId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('assigneeId');
    const ok = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/assign`, { version: v, assigneeId: analystId, note: '请处理' });
    expect(ok.json()).toMatchObject({ assigneeId: analystId, assigneeName: expect.any(String) });
    const note = await db
      .selectFrom('notification')
      .select(['title', 'link', 'severity'])
      .where('user_id', '=', analystId)
      .where('link', '=', `/monitoring/alarms/${alarmId}`)
      .execute();
    expect(note).toEqual([{ title: expect.stringContaining('报警指派'), link: `/monitoring/alarms/${alarmId}`, severity: 'critical' }]);
  });

  it('converts an alarm into a prefilled, linked incident once; the active alarm is acknowledged by it', async () => {
    const { alarmId } = await fixtureAlarm(t, 'qz_fengze');
    const draft = (await duty.get(`/api/v1/monitoring/alarms/${alarmId}/incident-draft`)).json();
    expect(draft).toMatchObject({ eventType: '12D99', divisionCode: '350503', location: { lng: expect.any(Number) } });
    expect(draft.description).toContain('当前值 19m');
    const v = (await get(duty, alarmId)).version;
    const r = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/convert`, { version: v, eventType: '12D02' });
    expect(r.statusCode, r.body).toBe(200);
    const alarm = r.json();
    expect(alarm).toMatchObject({ status: 'acknowledged', incidentId: expect.any(String), abilities: { convert: false } });
    const incident = (await duty.get(`/api/v1/incidents/${alarm.incidentId}`)).json();
    expect(incident).toMatchObject({ source: 'sensor_alarm', eventType: '12D02', title: draft.title, description: draft.description });
    const timeline = await t.platform.db
      .selectFrom('incident_timeline')
      .select('kind')
      .where('incident_id', '=', alarm.incidentId)
      .execute();
    expect(timeline.map((x) => x.kind)).toContain('alarm.linked');
    const again = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/convert`, { version: alarm.version });
    expect(again.statusCode).toBe(409);
    expect(await events(alarmId)).toEqual(['raised', 'converted']);
  });
});

describe('escalation', () => {
  it('escalates an unacknowledged alarm step by step, notifies, and stops once acknowledged', async () => {
    const policy = await analyst.post('/api/v1/monitoring/escalation-policies', {
      name: '测试升级',
      orgId: cityOrg,
      steps: [
        { afterMinutes: 5, orgLevel: 'own' },
        { afterMinutes: 15, orgLevel: 'parent', roleId: 'commander' },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const bad = await analyst.post('/api/v1/monitoring/escalation-policies', {
      name: '坏策略',
      steps: [
        { afterMinutes: 10, orgLevel: 'own' },
        { afterMinutes: 5, orgLevel: 'parent', roleId: 'nobody' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('steps.1.afterMinutes');

    const device = await buildTestDevice(t, { org: 'qz_fengze' });
    const rule = await analyst.post('/api/v1/monitoring/rules', {
      name: '测试升级规则',
      orgId: cityOrg,
      deviceId: device.id,
      escalationPolicyId: policy.json().id,
      definition: { kind: 'threshold', metric: 'level' },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const at = clock.now();
    const [alarmId] = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
      applyTransitions(
        ctx,
        [
          {
            type: 'raise',
            ruleId: rule.json().id,
            subjectKey: `point:${device.points.level!.id}`,
            deviceId: device.id,
            pointId: device.points.level!.id,
            level: 'red',
            condition: 'hh',
            value: 19,
            threshold: 18,
            at: at.getTime(),
          },
        ],
        new Map([[rule.json().id, { name: '测试升级规则', definition: { kind: 'threshold', metric: 'level' } }]]),
      ),
    );
    let a = await get(duty, alarmId!);
    expect(new Date(a.nextEscalationAt).getTime()).toBe(at.getTime() + 5 * 60_000);

    clock.advance(4 * 60_000);
    expect(await runDueEscalations(t.platform)).toBe(0);
    clock.advance(2 * 60_000);
    expect(await runDueEscalations(t.platform)).toBe(1);
    a = await get(duty, alarmId!);
    expect(a).toMatchObject({ escalationStep: 1 });
    expect(new Date(a.nextEscalationAt).getTime()).toBe(at.getTime() + 15 * 60_000);
    const fengzeDuty = await t.platform.db
      .selectFrom('notification as n')
      .select('n.title')
      .where('n.link', '=', `/monitoring/alarms/${alarmId}`)
      .where('n.title', 'like', '报警升级%')
      .execute();
    expect(fengzeDuty.length, 'the Fengze alarm handlers are told').toBeGreaterThan(0);

    const manual = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/escalate`, { version: a.version, note: '情况紧急' });
    expect(manual.json()).toMatchObject({ escalationStep: 2, nextEscalationAt: null });
    const commanders = await t.platform.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.link', '=', `/monitoring/alarms/${alarmId}`)
      .where('n.title', 'like', '报警升级%')
      .execute();
    expect(commanders.map((c) => c.username)).toContain('commander');
    const ack = await duty.post(`/api/v1/monitoring/alarms/${alarmId}/acknowledge`, { version: manual.json().version });
    expect(ack.json()).toMatchObject({ status: 'acknowledged', nextEscalationAt: null });
    clock.advance(60 * 60_000);
    expect(await runDueEscalations(t.platform)).toBe(0);
    expect((await events(alarmId!)).filter((k) => k === 'escalated')).toHaveLength(2);
    await signIn();
  });
});

describe('rules API', () => {
  it('validates targets and metrics, edits with a version, refuses a stale one', async () => {
    const unknownMetric = await analyst.post('/api/v1/monitoring/rules', {
      name: 'x',
      deviceTypeCode: TEST_TYPE,
      definition: { kind: 'threshold', metric: 'nope' },
    });
    expect(unknownMetric.statusCode).toBe(400);
    expect(unknownMetric.json().errors[0]).toEqual({ field: 'definition.metric', message: `指标 nope 不是所选设备类型的监测指标` });
    const both = await analyst.post('/api/v1/monitoring/rules', {
      name: 'x',
      deviceTypeCode: TEST_TYPE,
      deviceId: '01970000-0000-7000-8000-000000000000',
      definition: { kind: 'threshold', metric: 'level' },
    });
    expect(both.statusCode).toBe(400);
    const noLevel = await analyst.post('/api/v1/monitoring/rules', {
      name: 'x',
      deviceTypeCode: TEST_TYPE,
      definition: { kind: 'duration', metric: 'level', op: '>', value: 1, forSeconds: 5 },
    });
    expect(noLevel.json().errors[0].field).toBe('level');
    expect(
      (
        await viewer.post('/api/v1/monitoring/rules', {
          name: 'x',
          deviceTypeCode: TEST_TYPE,
          definition: { kind: 'threshold', metric: 'level' },
        })
      ).statusCode,
    ).toBe(403);

    const created = await analyst.post('/api/v1/monitoring/rules', {
      name: '持续高温',
      deviceTypeCode: TEST_TYPE,
      level: 'orange',
      definition: {
        kind: 'duration',
        metric: 'temp',
        op: '>',
        value: 40,
        forSeconds: 60,
        schedule: { days: [1, 2, 3, 4, 5], ranges: [{ from: '22:00', to: '06:00' }] },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      kind: 'duration',
      level: 'orange',
      enabled: true,
      version: 1,
      abilities: { edit: true },
      deviceTypeName: '测试储罐',
    });
    const edited = await analyst.put(`/api/v1/monitoring/rules/${r.id}`, {
      name: '持续高温（改）',
      deviceTypeCode: TEST_TYPE,
      level: 'red',
      definition: r.definition,
      version: 1,
    });
    expect(edited.json()).toMatchObject({ name: '持续高温（改）', level: 'red', version: 2 });
    const stale = await analyst.put(`/api/v1/monitoring/rules/${r.id}`, {
      name: '过期',
      deviceTypeCode: TEST_TYPE,
      level: 'red',
      definition: r.definition,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect((await viewer.get(`/api/v1/monitoring/rules?kind=duration`)).json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['alarm_rule.created', 'alarm_rule.updated']);
  });

  it('tests an unsaved rule against the stored readings of the last 24 hours', async () => {
    const device = await buildTestDevice(t, { org: 'qz_fengze' });
    const ref = device.points.level!.ref;
    const now = clock.now().getTime();
    const values = [10, 12, 17, 18.5, 19, 12, 11];
    for (const [i, v] of values.entries())
      await sql`INSERT INTO reading (point_ref, ts, value) VALUES (${ref}, ${new Date(now - (values.length - i) * 60_000)}, ${v})`.execute(
        t.platform.db,
      );
    const r = await analyst.post('/api/v1/monitoring/rules/test', {
      deviceId: device.id,
      definition: { kind: 'threshold', metric: 'level' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ points: 1, readings: 7, truncated: false });
    expect(r.json().transitions.map((x: { type: string; level: string }) => `${x.type}:${x.level}`)).toEqual([
      'raise:yellow',
      'repeat:red',
      'clear:red',
    ]);
  });
});

describe('statistics, trend and dashboard', () => {
  it('counts alarms per county, type and status with MTTA and the false-alarm rate; online rate per county', async () => {
    const s = (await viewer.get('/api/v1/monitoring/alarm-stats')).json();
    expect(s.total).toBeGreaterThanOrEqual(5);
    expect(s.byCounty.find((c: { key: string }) => c.key === '350503').count).toBeGreaterThanOrEqual(5);
    expect(s.byDeviceType.find((c: { key: string }) => c.key === TEST_TYPE)).toMatchObject({ name: '测试储罐' });
    expect(s.mttaSeconds).not.toBeNull();
    expect(s.falseAlarms).toBeGreaterThanOrEqual(1);
    expect(s.falseAlarmRate).toBeCloseTo(s.falseAlarms / s.total, 3);
    expect(s.onlineByCounty.find((c: { key: string }) => c.key === '350503')).toMatchObject({
      devices: expect.any(Number),
      online: expect.any(Number),
    });
    expect((await viewer.get('/api/v1/monitoring/alarm-stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).statusCode).toBe(400);
  });

  it('serves a point’s trend with its thresholds, raw for short ranges and hourly for long ones', async () => {
    const device = await buildTestDevice(t, { org: 'qz_fengze' });
    const ref = device.points.level!.ref;
    const now = clock.now().getTime();
    await sql`INSERT INTO reading (point_ref, ts, value) VALUES (${ref}, ${new Date(now - 120_000)}, 10), (${ref}, ${new Date(now - 60_000)}, 11)`.execute(
      t.platform.db,
    );
    await sql`INSERT INTO reading_hourly (point_ref, hour, min, max, avg, count) VALUES (${ref}, ${new Date(now - 5 * 86_400_000)}, 9, 12, 10.5, 360)`.execute(
      t.platform.db,
    );
    const q = (from: number) => `from=${new Date(from).toISOString()}&to=${new Date(now).toISOString()}`;
    const raw = (await viewer.get(`/api/v1/monitoring/points/${device.points.level!.id}/readings?${q(now - 3_600_000)}`)).json();
    expect(raw).toMatchObject({ resolution: 'raw', thresholds: { hh: 18, h: 16, l: 1, ll: 0.5 }, unit: 'm' });
    expect(raw.series.map((p: number[]) => p[1])).toEqual([10, 11]);
    const hourly = (await viewer.get(`/api/v1/monitoring/points/${device.points.level!.id}/readings?${q(now - 10 * 86_400_000)}`)).json();
    expect(hourly).toMatchObject({ resolution: 'hourly', series: [[expect.any(Number), 10.5, 9, 12]] });
    expect((await jinjiang.get(`/api/v1/monitoring/points/${device.points.level!.id}/readings?${q(now - 3_600_000)}`)).statusCode).toBe(
      404,
    );
  });

  it('puts devices on the dashboard map coloured by their worst open alarm, alarms first', async () => {
    const { device } = await fixtureAlarm(t, 'qz_fengze');
    const quiet = await buildTestDevice(t, { org: 'qz_fengze', online: false });
    const m = (await viewer.get('/api/v1/monitoring/dashboard/devices?bbox=118.5,24.8,119,25.3')).json();
    const state = (id: string) => m.items.find((d: { id: string }) => d.id === id)?.state;
    expect(state(device.id)).toBe('red');
    expect(state(quiet.id)).toBe('offline');
    expect(m.items[0].state).toBe('red');
    expect((await viewer.get('/api/v1/monitoring/dashboard/devices?bbox=119,25,118,24')).statusCode).toBe(400);
  });
});

import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import { alarmDb } from './alarm.tables.js';
import { buildTestDevice, readingOf, TEST_TYPE, type TestDevice } from './alarm.test-support.js';
import { startRuleRuntime, type RuleRuntime } from './rule-runtime.js';

let t: TestApp;
let clock: ManualClock;
let runtime: RuleRuntime;
let analyst: Client;
let cityOrg: string;
let base: string;

interface Socket {
  events: { name: string; payload: Record<string, unknown> }[];
  close(): void;
}

/** A signed-in WebSocket subscribed to `alarms`, collecting the events it receives. */
async function alarmSocket(c: Client): Promise<Socket> {
  const ws = new WebSocket(`${base}/api/v1/ws`, { headers: { cookie: c.cookie! } });
  const events: Socket['events'] = [];
  const ready = new Promise<void>((resolve) =>
    ws.on('message', (d) => {
      const m = JSON.parse((d as Buffer).toString());
      if (m.type === 'ready' && m.topics.includes('alarms')) resolve();
      if (m.type === 'event') events.push(m);
    }),
  );
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'subscribe', topics: ['alarms'] }));
  await ready;
  return { events, close: () => ws.close() };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Creates a rule through the API and waits until the runtime has reloaded it. */
async function createRule(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const before = runtime.stats().reloads;
  const r = await analyst.post('/api/v1/monitoring/rules', { orgId: cityOrg, ...body });
  expect(r.statusCode, r.body).toBe(201);
  await t.dispatcher.flush();
  await until(() => runtime.stats().reloads > before);
  return r.json();
}

async function settle(): Promise<void> {
  await runtime.flush();
  await t.dispatcher.flush();
}

const alarmsOf = (subjectKey: string) =>
  alarmDb(t.platform.db).selectFrom('alarm').selectAll().where('subject_key', '=', subjectKey).orderBy('created_at').execute();

const eventsOf = async (alarmId: string) =>
  (
    await alarmDb(t.platform.db)
      .selectFrom('alarm_event')
      .select('kind')
      .where('alarm_id', '=', alarmId)
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((e) => e.kind);

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await startTestApp({ clock });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  analyst = await t.login('analyst');
  cityOrg = (await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz').executeTakeFirstOrThrow()).id;
  runtime = await startRuleRuntime(t.platform, { tickMs: 3_600_000, reloadDebounceMs: 20 });
});
afterAll(async () => {
  await runtime?.stop();
  await t?.close();
});

describe('rule runtime', () => {
  let tank: TestDevice;
  let ruleId: string;

  it('hot-loads a new rule; an HH reading raises an alarm with its event, audit row and a live message within scope only', async () => {
    tank = await buildTestDevice(t, { org: 'qz_quangang' });
    await runtime.reload();
    const city = await alarmSocket(await t.login('viewer'));
    const jinjiang = await alarmSocket(await t.login('duty-jinjiang'));
    ruleId = (await createRule({ name: '测试储罐液位', deviceTypeCode: TEST_TYPE, definition: { kind: 'threshold', metric: 'level' } })).id;

    const at = clock.now().getTime();
    runtime.accept([readingOf(tank, 'level', 12, at - 2000), readingOf(tank, 'level', 18.6, at)]);
    await settle();

    const [alarm, ...more] = await alarmsOf(`point:${tank.points.level!.id}`);
    expect(more).toEqual([]);
    expect(alarm).toMatchObject({
      rule_id: ruleId,
      status: 'active',
      level: 'red',
      value: 18.6,
      threshold: 18,
      occurrences: 1,
      device_id: tank.id,
    });
    expect(alarm!.title).toContain('高高报');
    expect(alarm!.division_code).toBe('350505');
    expect(await eventsOf(alarm!.id)).toEqual(['raised']);
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_id', '=', alarm!.id).execute();
    expect(audit).toEqual([{ action: 'alarm.raised', actor_name: 'system' }]);

    await until(() => city.events.some((e) => e.name === 'alarm.raised'));
    const pushed = city.events.find((e) => e.name === 'alarm.raised')!;
    expect(pushed.payload).toMatchObject({
      id: alarm!.id,
      level: 'red',
      status: 'active',
      deviceName: expect.any(String),
      countyName: '泉港区',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(jinjiang.events, 'a Jinjiang user does not see a Quangang alarm').toEqual([]);
    city.close();
    jinjiang.close();
  });

  it('clears automatically when the value is back, and counts a recurrence on the same open alarm', async () => {
    const at = clock.now().getTime();
    runtime.accept([readingOf(tank, 'level', 10, at + 1000)]);
    await settle();
    let [alarm] = await alarmsOf(`point:${tank.points.level!.id}`);
    expect(alarm).toMatchObject({ status: 'cleared', occurrences: 1 });
    expect(alarm!.cleared_at).not.toBeNull();

    runtime.accept([readingOf(tank, 'level', 16.5, at + 2000)]);
    await settle();
    const all = await alarmsOf(`point:${tank.points.level!.id}`);
    expect(all).toHaveLength(1);
    [alarm] = all;
    expect(alarm).toMatchObject({ status: 'active', occurrences: 2, level: 'yellow', cleared_at: null });
    expect(await eventsOf(alarm!.id)).toEqual(['raised', 'cleared', 'reraised']);

    runtime.accept([readingOf(tank, 'level', 18.2, at + 3000)]);
    await settle();
    [alarm] = await alarmsOf(`point:${tank.points.level!.id}`);
    expect(alarm, 'a worse band raises the level of the open alarm').toMatchObject({ status: 'active', level: 'red', occurrences: 2 });
    expect((await eventsOf(alarm!.id)).at(-1)).toBe('level_changed');
  });

  it('ignores a late reading and a redelivered one', async () => {
    const [before] = await alarmsOf(`point:${tank.points.level!.id}`);
    runtime.accept([
      readingOf(tank, 'level', 5, before!.last_at.getTime() - 60_000),
      readingOf(tank, 'level', 18.2, before!.last_at.getTime()),
    ]);
    await settle();
    const [after] = await alarmsOf(`point:${tank.points.level!.id}`);
    expect(after!.version).toBe(before!.version);
  });

  it('raises an offline alarm on the timer without any message, and clears it on the next reading', async () => {
    const quiet = await buildTestDevice(t, { org: 'qz_quangang' });
    await createRule({ name: '测试离线', deviceId: quiet.id, level: 'blue', definition: { kind: 'offline', intervals: 2 } });
    const subject = `device:${quiet.id}`;
    runtime.tick();
    await settle();
    expect(await alarmsOf(subject)).toEqual([]);

    clock.advance(25_000);
    runtime.tick();
    await settle();
    const [alarm] = await alarmsOf(subject);
    expect(alarm).toMatchObject({ status: 'active', level: 'blue', point_id: null, threshold: 20 });
    expect(alarm!.title).toContain('离线');

    runtime.accept([readingOf(quiet, 'temp', 20, clock.now())]);
    await settle();
    expect((await alarmsOf(subject))[0]).toMatchObject({ status: 'cleared' });
  });

  it('reloads on device events: a device added later is watched', async () => {
    const late = await buildTestDevice(t, { org: 'qz_quangang' });
    const before = runtime.stats().reloads;
    await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
      emit(ctx, 'device.created', { deviceId: late.id }, { topic: 'devices' }),
    );
    await t.dispatcher.flush();
    await until(() => runtime.stats().reloads > before);
    runtime.accept([readingOf(late, 'level', 0.2, clock.now())]);
    await settle();
    expect((await alarmsOf(`point:${late.points.level!.id}`))[0]).toMatchObject({
      status: 'active',
      level: 'red',
      title: expect.stringContaining('低低报'),
    });
  });

  it('a disabled rule stops raising; a county rule ignores devices of other counties', async () => {
    const rule = (await analyst.get(`/api/v1/monitoring/rules/${ruleId}`)).json();
    const before = runtime.stats().reloads;
    const off = await analyst.post(`/api/v1/monitoring/rules/${ruleId}/disable`, { version: rule.version });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, version: rule.version + 1 });
    await t.dispatcher.flush();
    await until(() => runtime.stats().reloads > before);
    const other = await buildTestDevice(t, { org: 'qz_quangang' });
    const jj = await buildTestDevice(t, { org: 'qz_jinjiang' });
    await runtime.reload();
    const jjOrg = (await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow()).id;
    await createRule({ name: '晋江储罐液位', orgId: jjOrg, deviceTypeCode: TEST_TYPE, definition: { kind: 'threshold', metric: 'level' } });
    runtime.accept([readingOf(other, 'level', 19, clock.now()), readingOf(jj, 'level', 19, clock.now())]);
    await settle();
    expect(await alarmsOf(`point:${other.points.level!.id}`)).toEqual([]);
    expect(await alarmsOf(`point:${jj.points.level!.id}`)).toHaveLength(1);
  });

  it('a device in maintenance raises nothing', async () => {
    const m = await buildTestDevice(t, { org: 'qz_jinjiang', status: 'maintenance' });
    await runtime.reload();
    runtime.accept([readingOf(m, 'level', 19, clock.now())]);
    await settle();
    expect(await alarmsOf(`point:${m.points.level!.id}`)).toEqual([]);
    expect(runtime.stats()).toMatchObject({ writeErrors: 0, queued: 0 });
  });
});

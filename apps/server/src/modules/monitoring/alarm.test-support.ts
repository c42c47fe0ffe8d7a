/**
 * Test helpers for rule and alarm tests: a device type of their own, devices with points written
 * straight to the tables, readings, and an open alarm for the authorisation matrix. Never imported
 * by the server.
 */
import { sql } from 'kysely';
import type { TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { applyTransitions } from './alarm-writer.js';
import { alarmDb } from './alarm.tables.js';
import type { AcceptedReading } from './reading.js';

export const TEST_TYPE = 'alarm_test_tank';

/** Places inside counties (WGS84) and their county codes. */
export const COUNTY_PLACES = {
  qz_quangang: { lng: 118.885, lat: 25.125, division: '350505' },
  qz_jinjiang: { lng: 118.5775, lat: 24.7863, division: '350582' },
  qz_fengze: { lng: 118.7327, lat: 25.0229, division: '350503' },
} as const;

export interface TestPoint {
  id: string;
  ref: number;
  metric: string;
}

export interface TestDevice {
  id: string;
  code: string;
  orgPath: string;
  points: Record<string, TestPoint>;
}

const DEFAULT_POINTS = [
  { metric: 'level', name: '液位', unit: 'm', intervalS: 10, h: 16, hh: 18, l: 1, ll: 0.5 },
  { metric: 'temp', name: '温度', unit: '℃', intervalS: 10, h: 45, hh: 60, l: null, ll: null },
];

async function ensureType(t: TestApp): Promise<void> {
  await sql`
    INSERT INTO device_type (code, category, name_zh, name_en, points, builtin)
    VALUES (${TEST_TYPE}, 'hazchem', '测试储罐', 'Test tank',
      ${JSON.stringify(DEFAULT_POINTS.map((p) => ({ metric: p.metric, nameZh: p.name, nameEn: p.metric, unit: p.unit, valueKind: 'number', intervalS: p.intervalS, h: p.h, hh: p.hh, l: p.l, ll: p.ll })))}::jsonb, false)
    ON CONFLICT (code) DO NOTHING`.execute(t.platform.db);
}

let n = 0;

/** A device of the test type in a county org, with a level and a temperature point. */
export async function buildTestDevice(
  t: TestApp,
  o: { org?: keyof typeof COUNTY_PLACES; site?: string | null; status?: string; online?: boolean; points?: typeof DEFAULT_POINTS } = {},
): Promise<TestDevice> {
  await ensureType(t);
  const db = t.platform.db;
  const orgCode = o.org ?? 'qz_quangang';
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const place = COUNTY_PLACES[orgCode];
  const id = newId();
  const code = `ATD-${process.pid}-${++n}-${id.slice(-6)}`;
  await sql`
    INSERT INTO device (id, code, type_code, name, org_id, org_path, site, division_code, address, location, status, secret_hash, online)
    VALUES (${id}, ${code}, ${TEST_TYPE}, ${`测试储罐${n}号`}, ${org.id}, ${org.path}::ltree, ${o.site ?? null}, ${place.division}, '测试地址',
      ST_SetSRID(ST_MakePoint(${place.lng}, ${place.lat}), 4326), ${o.status ?? 'active'}, 'not-a-real-hash', ${o.online ?? true})`.execute(
    db,
  );
  const points: Record<string, TestPoint> = {};
  for (const p of o.points ?? DEFAULT_POINTS) {
    const pid = newId();
    const r = await sql<{ ref: number }>`
      INSERT INTO point (id, device_id, metric, name, unit, interval_s, h, hh, l, ll)
      VALUES (${pid}, ${id}, ${p.metric}, ${p.name}, ${p.unit}, ${p.intervalS}, ${p.h}, ${p.hh}, ${p.l}, ${p.ll})
      RETURNING ref`.execute(db);
    points[p.metric] = { id: pid, ref: Number(r.rows[0]!.ref), metric: p.metric };
  }
  return { id, code, orgPath: org.path, points };
}

/** An accepted reading of a test point at `at` (received at the same time unless given). */
export function readingOf(d: TestDevice, metric: string, value: number, at: Date | number, receivedAt?: number): AcceptedReading {
  const p = d.points[metric]!;
  const ts = typeof at === 'number' ? at : at.getTime();
  return { pointRef: p.ref, pointId: p.id, deviceId: d.id, metric, ts, value, receivedAt: receivedAt ?? ts };
}

/** A threshold rule on the test type, owned by the org with `orgCode`, written straight to the table. */
export async function insertTestRule(
  t: TestApp,
  o: { orgCode?: string; deviceId?: string; metric?: string; name?: string } = {},
): Promise<string> {
  const db = t.platform.db;
  const org = await db
    .selectFrom('org')
    .select(['id', 'path'])
    .where('code', '=', o.orgCode ?? 'qz')
    .executeTakeFirstOrThrow();
  const id = newId();
  await alarmDb(db)
    .insertInto('alarm_rule')
    .values({
      id,
      org_id: org.id,
      org_path: org.path,
      name: o.name ?? `测试阈值规则 ${id.slice(-4)}`,
      device_type_code: o.deviceId ? null : TEST_TYPE,
      device_id: o.deviceId ?? null,
      kind: 'threshold',
      definition: JSON.stringify({ kind: 'threshold', metric: o.metric ?? 'level' }),
      level: 'red',
      escalation_policy_id: null,
      created_by: null,
      updated_by: null,
    })
    .execute();
  return id;
}

/** An open red alarm on a new device of a county (for scope and authorisation tests). */
export async function fixtureAlarm(
  t: TestApp,
  org: keyof typeof COUNTY_PLACES = 'qz_fengze',
): Promise<{ alarmId: string; device: TestDevice; ruleId: string }> {
  const device = await buildTestDevice(t, { org });
  const ruleId = await insertTestRule(t, { deviceId: device.id });
  const at = t.platform.clock.now().getTime();
  const ids = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
    applyTransitions(
      ctx,
      [
        {
          type: 'raise',
          ruleId,
          subjectKey: `point:${device.points.level!.id}`,
          deviceId: device.id,
          pointId: device.points.level!.id,
          level: 'red',
          condition: 'hh',
          value: 19,
          threshold: 18,
          at,
        },
      ],
      new Map([[ruleId, { name: '测试阈值规则', definition: { kind: 'threshold', metric: 'level' } }]]),
    ),
  );
  await t.dispatcher.flush();
  return { alarmId: ids[0]!, device, ruleId };
}

export interface AlarmFixtures {
  rule: string;
  policy: string;
  alarm: string;
  point: string;
}

/** A rule, an escalation policy, an open alarm and a point, all owned by one county (authorisation matrix). */
export async function fixtureAlarms(t: TestApp, org: keyof typeof COUNTY_PLACES = 'qz_fengze'): Promise<AlarmFixtures> {
  const db = t.platform.db;
  const o = await db.selectFrom('org').select(['id', 'path']).where('code', '=', org).executeTakeFirstOrThrow();
  const device = await buildTestDevice(t, { org });
  const rule = await insertTestRule(t, { orgCode: org, deviceId: device.id });
  const policy = newId();
  await alarmDb(db)
    .insertInto('alarm_escalation_policy')
    .values({
      id: policy,
      org_id: o.id,
      org_path: o.path,
      name: '县级升级',
      steps: JSON.stringify([{ afterMinutes: 5, orgLevel: 'own' }]),
      created_by: null,
      updated_by: null,
    })
    .execute();
  const at = t.platform.clock.now().getTime();
  const [alarm] = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
    applyTransitions(
      ctx,
      [
        {
          type: 'raise',
          ruleId: rule,
          subjectKey: `point:${device.points.level!.id}`,
          deviceId: device.id,
          pointId: device.points.level!.id,
          level: 'red',
          condition: 'hh',
          value: 19,
          threshold: 18,
          at,
        },
      ],
      new Map([[rule, { name: '测试阈值规则', definition: { kind: 'threshold', metric: 'level' } }]]),
    ),
  );
  await t.dispatcher.flush();
  return { rule, policy, alarm: alarm!, point: device.points.level!.id };
}

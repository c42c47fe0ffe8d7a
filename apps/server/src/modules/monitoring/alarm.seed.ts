import type { EscalationStep, RuleDefinition } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { findOrgByCode } from '../orgs/index.js';
import { alarmDb } from './alarm.tables.js';
import * as repo from './rule.repository.js';

interface TypePoint {
  metric: string;
  nameZh: string;
  valueKind?: string;
  h?: number | null;
  hh?: number | null;
  l?: number | null;
  ll?: number | null;
}

export const DEMO_POLICY_NAME = '默认报警升级（演示）';

const DEMO_STEPS: EscalationStep[] = [
  { afterMinutes: 5, orgLevel: 'own' },
  { afterMinutes: 15, orgLevel: 'parent' },
  { afterMinutes: 30, orgLevel: 'grandparent' },
];

/** Switch points whose "on" is an alarm (a faulty valve, a bypassed interlock). */
const SWITCH_ALARMS: Record<string, 'orange' | 'red'> = { valve_fault: 'orange', sis_bypassed: 'red' };

interface DemoRule {
  name: string;
  typeCode: string;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  definition: RuleDefinition;
  enabled: boolean;
  escalate: boolean;
}

/** The demo rule set: H/HH/L/LL of every point of the built-in types, and one of each other kind. */
function demoRules(types: { code: string; name_zh: string; points: TypePoint[] }[]): DemoRule[] {
  const out: DemoRule[] = [];
  for (const t of types)
    for (const p of t.points) {
      const hasLimits = [p.h, p.hh, p.l, p.ll].some((v) => typeof v === 'number');
      if (p.valueKind === 'boolean' && SWITCH_ALARMS[p.metric])
        out.push({
          name: `${t.name_zh} ${p.nameZh}`,
          typeCode: t.code,
          level: SWITCH_ALARMS[p.metric]!,
          definition: { kind: 'threshold', metric: p.metric, thresholds: { h: 0.5 }, levels: { h: SWITCH_ALARMS[p.metric]! } },
          enabled: true,
          escalate: true,
        });
      else if (hasLimits)
        out.push({
          name: `${t.name_zh} ${p.nameZh}阈值`,
          typeCode: t.code,
          level: 'red',
          definition: { kind: 'threshold', metric: p.metric, deadband: 0 },
          enabled: true,
          escalate: true,
        });
    }
  const has = (code: string, ...metrics: string[]) =>
    types.some((t) => t.code === code && metrics.every((m) => t.points.some((p) => p.metric === m)));
  if (has('tank_monitor', 'tank_level', 'tank_temp'))
    out.push({
      name: '储罐高液位且高温（组合）',
      typeCode: 'tank_monitor',
      level: 'red',
      definition: {
        kind: 'composite',
        op: 'and',
        scope: 'device',
        conditions: [
          { metric: 'tank_level', op: '>', value: 16 },
          { metric: 'tank_temp', op: '>', value: 45 },
        ],
      },
      enabled: true,
      escalate: true,
    });
  if (has('combustible_gas_detector', 'lel'))
    out.push({
      name: '可燃气体持续超 10%LEL 一分钟',
      typeCode: 'combustible_gas_detector',
      level: 'orange',
      definition: { kind: 'duration', metric: 'lel', op: '>', value: 10, forSeconds: 60, deadband: 2 },
      enabled: true,
      escalate: false,
    });
  if (has('water_level_station', 'water_level'))
    out.push({
      name: '水位一小时上涨超过 0.5 米',
      typeCode: 'water_level_station',
      level: 'orange',
      definition: { kind: 'rate', metric: 'water_level', delta: 0.5, perSeconds: 3600, direction: 'up' },
      enabled: true,
      escalate: false,
    });
  for (const t of types)
    if (['tank_monitor', 'combustible_gas_detector', 'toxic_gas_detector'].includes(t.code))
      out.push({
        name: `${t.name_zh}离线（默认停用）`,
        typeCode: t.code,
        level: 'blue',
        definition: { kind: 'offline', intervals: 6 },
        enabled: false,
        escalate: false,
      });
  return out;
}

/**
 * Demo rules owned by the city bureau (idempotent by name): thresholds of every built-in device
 * type, a composite, a duration and a rate rule, offline rules switched off (without a simulator
 * every demo device would be offline), and an escalation chain own → parent → grandparent org.
 */
export async function seedAlarmDemo(platform: Platform): Promise<void> {
  const db = platform.db;
  const city = await findOrgByCode(db, 'qz');
  if (!city) return;
  const now = platform.clock.now();
  const types = (
    await alarmDb(db).selectFrom('device_type').select(['code', 'name_zh', 'points']).where('builtin', '=', true).orderBy('code').execute()
  ).map((t) => ({ code: t.code, name_zh: t.name_zh, points: (Array.isArray(t.points) ? t.points : []) as TypePoint[] }));
  if (types.length === 0) return;
  const existingPolicies = await repo.listPolicies(db, [city.path], false);
  let policyId = existingPolicies.find((p) => p.name === DEMO_POLICY_NAME)?.id;
  if (!policyId) {
    policyId = newId();
    await repo.insertPolicy(
      db,
      { id: policyId, org_id: city.id, org_path: city.path, name: DEMO_POLICY_NAME, steps: DEMO_STEPS },
      null,
      now,
    );
  }
  const existing = new Set((await repo.listRules(db, { scope: [city.path], includeArchived: true, limit: 10_000 })).map((r) => r.name));
  for (const r of demoRules(types)) {
    if (existing.has(r.name)) continue;
    await repo.insertRule(
      db,
      newId(),
      {
        org_id: city.id,
        org_path: city.path,
        name: r.name,
        description: '演示规则',
        enabled: r.enabled,
        device_type_code: r.typeCode,
        device_id: null,
        kind: r.definition.kind,
        definition: r.definition,
        level: r.level,
        escalation_policy_id: r.escalate ? policyId : null,
      },
      null,
      now,
    );
  }
}

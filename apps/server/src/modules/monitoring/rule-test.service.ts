import { thresholdRuleLevel, type RuleTestInput, type RuleTestResult } from '@vigil/shared';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/ctx.js';
import { alarmDb } from './alarm.tables.js';
import { can } from './alarm.policy.js';
import { loadDeviceDirectory } from './device-directory.repository.js';
import type { AcceptedReading } from './reading.js';
import { compileRules, evaluate, tick, type EngineDevice, type Transition } from './rule-engine.js';
import { checkTargets } from './rules.service.js';
import * as rulesRepo from './rule.repository.js';

const MAX_DEVICES = 200;
const MAX_READINGS = 200_000;
const MAX_TRANSITIONS = 500;

/**
 * Runs a rule, unsaved, over the stored readings of the devices it would watch (those the actor
 * can see, at most 200) for the last `hours` (24 by default), and lists what it would have raised
 * and cleared. Timers are run at every reading's time, so offline and duration rules show too.
 */
export async function testRule(ctx: Ctx, input: RuleTestInput): Promise<RuleTestResult> {
  await checkTargets(ctx, input);
  const hours = input.hours ?? 24;
  const to = ctx.now.getTime();
  const from = to - hours * 3_600_000;
  const sites = await rulesRepo.deviceSites(ctx.tx);
  const directory = (await loadDeviceDirectory(ctx.tx)).filter(
    (d) =>
      (input.deviceId ? d.id === input.deviceId : d.typeCode === input.deviceTypeCode) &&
      can(ctx.actor, 'monitoring.read', { org_path: d.orgPath }),
  );
  const devices: EngineDevice[] = directory.slice(0, MAX_DEVICES).map((d) => ({
    id: d.id,
    orgPath: 'test',
    typeCode: d.typeCode,
    site: sites.get(d.id) ?? null,
    status: d.status,
    points: d.points,
  }));
  const level = input.definition.kind === 'threshold' ? (input.level ?? thresholdRuleLevel(input.definition)) : input.level!;
  const state = compileRules(
    [
      {
        id: 'test',
        orgPath: 'test',
        level,
        deviceTypeCode: input.deviceTypeCode ?? null,
        deviceId: input.deviceId ?? null,
        definition: input.definition,
      },
    ],
    devices,
    { now: from },
  );
  const refs = [...state.byRef.keys()];
  const owner = new Map<number, { pointId: string; deviceId: string; metric: string }>();
  for (const d of devices) for (const p of d.points) owner.set(p.ref, { pointId: p.id, deviceId: d.id, metric: p.metric });
  const rows =
    refs.length === 0
      ? []
      : await alarmDb(ctx.tx)
          .selectFrom('reading')
          .select(['point_ref', 'ts', 'value'])
          .where(sql<boolean>`point_ref = ANY(${sql.val(refs)}::int[])`)
          .where('ts', '>=', new Date(from))
          .where('ts', '<=', new Date(to))
          .orderBy('ts')
          .limit(MAX_READINGS + 1)
          .execute();
  const truncated = rows.length > MAX_READINGS || directory.length > MAX_DEVICES;
  const transitions: Transition[] = [];
  for (const r of rows.slice(0, MAX_READINGS)) {
    const ts = new Date(r.ts).getTime();
    const o = owner.get(Number(r.point_ref));
    if (!o) continue;
    transitions.push(...tick(state, ts).transitions);
    const reading: AcceptedReading = {
      pointRef: Number(r.point_ref),
      pointId: o.pointId,
      deviceId: o.deviceId,
      metric: o.metric,
      ts,
      value: Number(r.value),
      receivedAt: ts,
    };
    transitions.push(...evaluate(state, reading, ts).transitions);
  }
  transitions.push(...tick(state, to).transitions);

  const names = new Map(directory.map((d) => [d.id, d.name]));
  const pointIds = [...new Set(transitions.flatMap((t) => (t.pointId ? [t.pointId] : [])))];
  const pointNames = new Map(
    pointIds.length === 0
      ? []
      : (await alarmDb(ctx.tx).selectFrom('point').select(['id', 'name']).where('id', 'in', pointIds).execute()).map((p) => [p.id, p.name]),
  );
  return {
    points: refs.length,
    readings: Math.min(rows.length, MAX_READINGS),
    truncated: truncated || transitions.length > MAX_TRANSITIONS,
    transitions: transitions.slice(0, MAX_TRANSITIONS).map((t) => ({
      type: t.type,
      at: new Date(t.at).toISOString(),
      subjectKey: t.subjectKey,
      deviceName: names.get(t.deviceId) ?? t.deviceId,
      pointName: t.pointId ? (pointNames.get(t.pointId) ?? null) : null,
      level: t.level,
      value: t.value,
      threshold: t.threshold,
    })),
  };
}

import { ALARM_EVENTS, ALARM_LEVEL_RANK, type AlarmLevel, type RuleDefinition } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { systemTransition } from './alarm-status.js';
import { alarmText } from './alarm-text.js';
import { emitAlarm } from './alarm.events.js';
import * as repo from './alarm.repository.js';
import type { Transition } from './rule-engine.js';

/** What the writer needs to know of a rule to word and escalate its alarms. */
export interface RuleInfo {
  name: string;
  definition: RuleDefinition;
}

type Open = Awaited<ReturnType<typeof repo.lockOpenAlarms>>[number];

interface Pending {
  alarmId: string;
  event: string;
  audit: string;
  before: unknown;
}

const at = (t: Transition) => new Date(t.at);

/** When the first escalation step falls due for an alarm raised at `from` (null without a policy). */
function firstEscalation(steps: { afterMinutes: number }[] | undefined, from: Date): Date | null {
  const first = steps?.[0];
  return first ? new Date(from.getTime() + first.afterMinutes * 60_000) : null;
}

/**
 * Persists the rule engine's transitions in the caller's transaction (the system acting): a raise
 * opens an alarm, or re-activates the open one of the same rule and subject with its occurrence
 * counter up; a repeat records a worse level (an acknowledged alarm that got worse must be
 * acknowledged again); a clear marks the alarm cleared. Each step leaves an `alarm_event`, an
 * audit row and an `alarm.*` event. Returns the ids of the alarms touched.
 */
export async function applyTransitions(
  ctx: Ctx,
  transitions: readonly Transition[],
  rules: ReadonlyMap<string, RuleInfo>,
): Promise<string[]> {
  const keys = [
    ...new Map(transitions.map((t) => [`${t.ruleId}|${t.subjectKey}`, { ruleId: t.ruleId, subjectKey: t.subjectKey }])).values(),
  ];
  const open = new Map<string, Open>();
  for (const a of await repo.lockOpenAlarms(ctx.tx, keys)) open.set(`${a.rule_id}|${a.subject_key}`, a);
  const raises = transitions.filter((t) => t.type !== 'clear');
  const info = await repo.subjectInfo(
    ctx.tx,
    [...new Set(raises.map((t) => t.deviceId))],
    [...new Set(raises.flatMap((t) => (t.pointId ? [t.pointId] : [])))],
  );
  const steps = await repo.policyStepsOfRules(ctx.tx, [...new Set(raises.map((t) => t.ruleId))]);
  const pending: Pending[] = [];
  const events: Parameters<typeof repo.insertEvents>[1] = [];
  const data = (t: Transition) => ({
    condition: t.condition,
    level: t.level,
    value: t.value,
    threshold: t.threshold,
    at: at(t).toISOString(),
  });

  for (const t of transitions) {
    const key = `${t.ruleId}|${t.subjectKey}`;
    const current = open.get(key);
    const rule = rules.get(t.ruleId);
    if (t.type === 'clear') {
      if (!current || !systemTransition(current.status, 'clear')) continue;
      await repo.updateAlarm(ctx.tx, current.id, { status: 'cleared', cleared_at: at(t), next_escalation_at: null }, ctx.now);
      open.set(key, { ...current, status: 'cleared' });
      events.push({ id: newId(), alarm_id: current.id, kind: 'cleared', actor_id: null, at: at(t), note: null, data: data(t) });
      pending.push({ alarmId: current.id, event: ALARM_EVENTS.cleared, audit: 'alarm.cleared', before: { status: current.status } });
      continue;
    }
    const subject = t.pointId ? info.points.get(t.pointId) : info.devices.get(t.deviceId);
    const text = alarmText(t, {
      ruleName: rule?.name ?? '报警规则',
      definition: rule?.definition ?? { kind: 'threshold', metric: 'x' },
      deviceName: subject?.device_name ?? t.deviceId,
      pointName: subject?.point_name ?? null,
      unit: subject?.unit ?? null,
    });
    const values = { title: text.title, message: text.message, value: t.value, threshold: t.threshold, last_at: at(t) };
    if (!current) {
      const id = newId();
      await repo.insertAlarm(
        ctx.tx,
        {
          id,
          rule_id: t.ruleId,
          subject_key: t.subjectKey,
          device_id: t.deviceId,
          point_id: t.pointId,
          level: t.level,
          ...values,
          at: at(t),
          next_escalation_at: firstEscalation(steps.get(t.ruleId), at(t)),
        },
        ctx.now,
      );
      open.set(key, {
        id,
        rule_id: t.ruleId,
        subject_key: t.subjectKey,
        status: 'active',
        level: t.level,
        first_at: at(t),
        acknowledged_at: null,
      });
      events.push({ id: newId(), alarm_id: id, kind: 'raised', actor_id: null, at: at(t), note: null, data: data(t) });
      pending.push({ alarmId: id, event: ALARM_EVENTS.raised, audit: 'alarm.raised', before: null });
      continue;
    }
    const reactivate = systemTransition(current.status, 'raise') === 'active';
    const worse = ALARM_LEVEL_RANK[t.level] > ALARM_LEVEL_RANK[current.level as AlarmLevel];
    if (reactivate || t.type === 'raise') {
      // The condition began again while the alarm was still open: one more occurrence.
      await repo.updateAlarm(
        ctx.tx,
        current.id,
        {
          ...values,
          status: 'active',
          level: reactivate || worse ? t.level : (current.level as AlarmLevel),
          occurrences: 'increment',
          cleared_at: null,
          ...(reactivate
            ? {
                acknowledged_at: null,
                acknowledged_by: null,
                escalation_step: 0,
                next_escalation_at: firstEscalation(steps.get(t.ruleId), at(t)),
              }
            : {}),
        },
        ctx.now,
      );
      open.set(key, { ...current, status: 'active', level: t.level });
      events.push({ id: newId(), alarm_id: current.id, kind: 'reraised', actor_id: null, at: at(t), note: null, data: data(t) });
      pending.push({
        alarmId: current.id,
        event: ALARM_EVENTS.raised,
        audit: 'alarm.reraised',
        before: { status: current.status, level: current.level },
      });
      continue;
    }
    // Worse (or on the other side) while still active.
    const reack = worse && current.status === 'acknowledged';
    await repo.updateAlarm(
      ctx.tx,
      current.id,
      {
        ...values,
        level: worse ? t.level : (current.level as AlarmLevel),
        ...(reack ? { status: 'active', acknowledged_at: null, acknowledged_by: null } : {}),
      },
      ctx.now,
    );
    open.set(key, { ...current, level: worse ? t.level : current.level, status: reack ? 'active' : current.status });
    events.push({ id: newId(), alarm_id: current.id, kind: 'level_changed', actor_id: null, at: at(t), note: null, data: data(t) });
    pending.push({
      alarmId: current.id,
      event: ALARM_EVENTS.repeated,
      audit: 'alarm.level_changed',
      before: { status: current.status, level: current.level },
    });
  }

  await repo.insertEvents(ctx.tx, events);
  const rows = new Map((await repo.findAlarms(ctx.tx, [...new Set(pending.map((p) => p.alarmId))])).map((r) => [r.id, r]));
  for (const p of pending) {
    const row = rows.get(p.alarmId);
    if (!row) continue;
    await recordAudit(ctx, {
      action: p.audit,
      entity: 'alarm',
      entityId: row.id,
      before: p.before,
      after: {
        status: row.status,
        level: row.level,
        value: row.value,
        threshold: row.threshold,
        occurrences: row.occurrences,
        ruleId: row.rule_id,
        subjectKey: row.subject_key,
      },
    });
  }
  // Every step's event carries the alarm as it now is (a raise and a clear in one batch send both).
  for (const p of pending) {
    const row = rows.get(p.alarmId);
    if (row) await emitAlarm(ctx, p.event, row);
  }
  return [...rows.keys()];
}

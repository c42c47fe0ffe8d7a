import type { AlarmLevel, RuleComparison, RuleDefinition, RuleDto, RuleInput, RuleKind } from '@vigil/shared';

/** The rule editor's flat form: common fields plus those of every kind (only the chosen kind's are used). */
export interface RuleFormValues {
  name: string;
  description?: string | null;
  enabled?: boolean;
  targetKind: 'type' | 'device';
  deviceTypeCode?: string;
  deviceId?: string;
  kind: RuleKind;
  level?: AlarmLevel;
  escalationPolicyId?: string | null;
  metric?: string | null;
  hh?: number | null;
  h?: number | null;
  l?: number | null;
  ll?: number | null;
  levelHh?: AlarmLevel;
  levelH?: AlarmLevel;
  levelL?: AlarmLevel;
  levelLl?: AlarmLevel;
  deadband?: number | null;
  forSeconds?: number | null;
  op?: RuleComparison;
  value?: number;
  delta?: number;
  perSeconds?: number;
  direction?: 'up' | 'down' | 'any';
  intervals?: number;
  compositeOp?: 'and' | 'or';
  scope?: 'device' | 'site';
  conditions?: { metric: string; op: RuleComparison; value: number }[];
  scheduled?: boolean;
  days?: number[];
  ranges?: { from: string; to: string }[];
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The definition the form describes (only the chosen kind's fields). */
export function toDefinition(v: RuleFormValues): RuleDefinition {
  const schedule = v.scheduled && v.days?.length && v.ranges?.length ? { days: v.days, ranges: v.ranges } : undefined;
  switch (v.kind) {
    case 'threshold': {
      const thresholds = defined({ hh: num(v.hh), h: num(v.h), l: num(v.l), ll: num(v.ll) });
      const levels = defined({ hh: v.levelHh, h: v.levelH, l: v.levelL, ll: v.levelLl });
      return defined({
        kind: 'threshold' as const,
        metric: v.metric ?? '',
        thresholds: Object.keys(thresholds).length ? thresholds : undefined,
        levels: Object.keys(levels).length ? levels : undefined,
        deadband: num(v.deadband),
        forSeconds: num(v.forSeconds),
        schedule,
      });
    }
    case 'duration':
      return defined({
        kind: 'duration' as const,
        metric: v.metric ?? '',
        op: v.op ?? '>',
        value: v.value ?? 0,
        forSeconds: v.forSeconds ?? 60,
        deadband: num(v.deadband),
        schedule,
      });
    case 'rate':
      return defined({
        kind: 'rate' as const,
        metric: v.metric ?? '',
        delta: v.delta ?? 0,
        perSeconds: v.perSeconds ?? 60,
        direction: v.direction ?? 'any',
        deadband: num(v.deadband),
        schedule,
      });
    case 'offline':
      return defined({ kind: 'offline' as const, metric: v.metric || null, intervals: v.intervals ?? 3, schedule });
    case 'composite':
      return defined({
        kind: 'composite' as const,
        op: v.compositeOp ?? 'and',
        scope: v.scope ?? 'device',
        conditions: v.conditions ?? [],
        deadband: num(v.deadband),
        forSeconds: num(v.forSeconds),
        schedule,
      });
  }
}

/** Form values → the API body (create; add `version` to update). */
export function toRuleInput(v: RuleFormValues): RuleInput {
  return defined({
    name: v.name.trim(),
    description: v.description?.trim() || null,
    enabled: v.enabled ?? true,
    deviceTypeCode: v.targetKind === 'type' ? v.deviceTypeCode : null,
    deviceId: v.targetKind === 'device' ? v.deviceId : null,
    level: v.kind === 'threshold' ? undefined : v.level,
    definition: toDefinition(v),
    escalationPolicyId: v.escalationPolicyId || null,
  }) as RuleInput;
}

/** A stored rule → the form's values. */
export function fromRule(r: RuleDto): RuleFormValues {
  const d = r.definition;
  const base: RuleFormValues = {
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    targetKind: r.deviceId ? 'device' : 'type',
    deviceTypeCode: r.deviceTypeCode ?? undefined,
    deviceId: r.deviceId ?? undefined,
    kind: d.kind,
    level: r.level,
    escalationPolicyId: r.escalationPolicyId,
    scheduled: !!d.schedule,
    days: d.schedule?.days ?? [1, 2, 3, 4, 5, 6, 7],
    ranges: d.schedule?.ranges ?? [{ from: '00:00', to: '23:59' }],
  };
  switch (d.kind) {
    case 'threshold':
      return {
        ...base,
        metric: d.metric,
        ...(d.thresholds ?? {}),
        levelHh: d.levels?.hh,
        levelH: d.levels?.h,
        levelL: d.levels?.l,
        levelLl: d.levels?.ll,
        deadband: d.deadband ?? null,
        forSeconds: d.forSeconds ?? null,
      };
    case 'duration':
      return { ...base, metric: d.metric, op: d.op, value: d.value, forSeconds: d.forSeconds, deadband: d.deadband ?? null };
    case 'rate':
      return { ...base, metric: d.metric, delta: d.delta, perSeconds: d.perSeconds, direction: d.direction, deadband: d.deadband ?? null };
    case 'offline':
      return { ...base, metric: d.metric ?? null, intervals: d.intervals };
    case 'composite':
      return {
        ...base,
        compositeOp: d.op,
        scope: d.scope,
        conditions: d.conditions,
        deadband: d.deadband ?? null,
        forSeconds: d.forSeconds ?? null,
      };
  }
}

/** A new rule's starting values. */
export const NEW_RULE: RuleFormValues = {
  name: '',
  enabled: true,
  targetKind: 'type',
  kind: 'threshold',
  level: 'red',
  op: '>',
  direction: 'any',
  intervals: 3,
  compositeOp: 'and',
  scope: 'device',
  conditions: [
    { metric: '', op: '>', value: 0 },
    { metric: '', op: '>', value: 0 },
  ],
  scheduled: false,
  days: [1, 2, 3, 4, 5, 6, 7],
  ranges: [{ from: '08:00', to: '18:00' }],
};

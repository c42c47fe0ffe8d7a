import {
  ALARM_LEVEL_RANK,
  DEFAULT_BAND_LEVELS,
  type AlarmLevel,
  type RuleComparison,
  type RuleDefinition,
  type RuleSchedule,
} from '@vigil/shared';
import type { AcceptedReading } from './reading.js';

/**
 * The rule engine: pure functions over an in-memory state, no database, no clock, no timers.
 * `compileRules` indexes the enabled rules by the point refs that feed them; `evaluate` runs one
 * reading through the rules of its point (O(rules of that point)); `tick` runs the timers — offline
 * (no data for N × interval) and "for at least N s" conditions — so those fire without any message.
 * Both return the alarm transitions they cause: raise (a condition began), repeat (it got worse
 * or switched side while active) and clear (it ended).
 *
 * The per-subject records in the state are immutable values; the maps that hold them are updated
 * in place by `evaluate` and `tick` and returned as the new state. Copying maps of 100k subjects
 * for every reading would make each reading O(n); the caller owns the state and never shares it.
 */

export interface EngineRule {
  id: string;
  /** The owning org: a rule watches only devices inside its subtree. */
  orgPath: string;
  /** Colour of non-threshold rules (threshold rules colour each band). */
  level: AlarmLevel;
  deviceTypeCode: string | null;
  deviceId: string | null;
  definition: RuleDefinition;
}

export interface EnginePoint {
  id: string;
  ref: number;
  metric: string;
  intervalS: number;
  enabled: boolean;
  h: number | null;
  hh: number | null;
  l: number | null;
  ll: number | null;
}

export interface EngineDevice {
  id: string;
  orgPath: string;
  typeCode: string;
  site: string | null;
  /** Only active devices are watched: maintenance, disabled and retired ones raise nothing. */
  status: string;
  points: readonly EnginePoint[];
}

export type TransitionType = 'raise' | 'repeat' | 'clear';

export interface Transition {
  type: TransitionType;
  ruleId: string;
  /** `point:<id>`, `device:<id>` or `site:<type>:<site>` (one open alarm per rule and subject). */
  subjectKey: string;
  deviceId: string;
  pointId: string | null;
  level: AlarmLevel;
  /** What holds: a band (hh, h, l, ll), a comparison, `rate`, `offline`, `and`/`or`. */
  condition: string;
  /** The reading (or change, for rate rules; seconds silent, for offline) that caused it. */
  value: number | null;
  threshold: number | null;
  /** Event time, epoch ms: the reading's time, or `now` for timers. */
  at: number;
}

type Limits = { hh: number | null; h: number | null; l: number | null; ll: number | null };

interface Binding {
  key: string;
  rule: EngineRule;
  subjectKey: string;
  deviceId: string;
  pointId: string | null;
  /** The refs whose readings feed this binding. */
  refs: number[];
  /** Threshold rules: the limits in force; other single-point rules: unused. */
  limits: Limits | null;
  /** Composite: for each condition, the refs that may satisfy it. */
  condRefs: number[][] | null;
  /** Where each ref belongs (composite rules report the device whose value tipped the balance). */
  refOwner: Map<number, { deviceId: string; pointId: string }>;
  /** Offline: silence allowed, ms. */
  timeoutMs: number;
  /** Offline of one point: that ref; of a whole device: null. */
  offlineRef: number | null;
  forMs: number;
}

/** What holds for one subject right now; replaced, never mutated. */
export interface SubjectState {
  readonly active: boolean;
  /** The condition that holds (band, comparison …) or null. */
  readonly condition: string | null;
  /** The most severe level reported in this episode. */
  readonly level: AlarmLevel | null;
  /** When the raw condition began (for "for at least N s"), event time. */
  readonly since: number | null;
  /** The last evaluation, kept so a timer can raise it once it has lasted long enough. */
  readonly pending: {
    condition: string;
    level: AlarmLevel;
    value: number | null;
    threshold: number | null;
    deviceId: string;
    pointId: string | null;
  } | null;
  /** Rate rules: recent (ts, value) samples, oldest first. */
  readonly window: readonly (readonly [number, number])[] | null;
}

export interface Latest {
  ts: number;
  value: number;
  receivedAt: number;
}

export interface EngineState {
  readonly byRef: ReadonlyMap<number, readonly Binding[]>;
  /** Bindings that timers look at: offline rules and rules with a minimum duration. */
  readonly timed: readonly Binding[];
  readonly bindings: ReadonlyMap<string, Binding>;
  readonly subjects: Map<string, SubjectState>;
  readonly latest: Map<number, Latest>;
  /** When each device was last heard from (receipt time). */
  readonly deviceSeen: Map<string, number>;
  /** Compile time: devices never heard from count as silent since then. */
  readonly startedAt: number;
}

export interface Step {
  state: EngineState;
  transitions: Transition[];
}

export interface ActiveSubject {
  ruleId: string;
  subjectKey: string;
  level: AlarmLevel;
}

export interface CompileOptions {
  now: number;
  /** The state being replaced (hot reload): subjects, latest values and last-seen times carry over. */
  prior?: EngineState | undefined;
  /** Alarms open in storage whose condition was active when the process stopped. */
  active?: readonly ActiveSubject[] | undefined;
  /** Last time each device was heard from, from storage (epoch ms). */
  lastSeen?: ReadonlyMap<string, number> | undefined;
  /** The latest stored value of points (`reading_latest`), for composites and late-reading checks after a restart. */
  latest?: Iterable<readonly [number, Latest]> | undefined;
}

const MAX_WINDOW = 600;
const INACTIVE: SubjectState = { active: false, condition: null, level: null, since: null, pending: null, window: null };

const subjectOfPoint = (p: EnginePoint) => `point:${p.id}`;

function bindingKey(ruleId: string, subjectKey: string): string {
  return `${ruleId}|${subjectKey}`;
}

function metricOf(d: RuleDefinition): string | null {
  if (d.kind === 'composite') return null;
  return d.metric ?? null;
}

const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

function appliesTo(rule: EngineRule, device: EngineDevice): boolean {
  if (device.status !== 'active' || !within(device.orgPath, rule.orgPath)) return false;
  return rule.deviceId ? rule.deviceId === device.id : rule.deviceTypeCode === device.typeCode;
}

function single(rule: EngineRule, device: EngineDevice, p: EnginePoint): Binding {
  const d = rule.definition;
  const subjectKey = subjectOfPoint(p);
  const over = d.kind === 'threshold' ? d.thresholds : null;
  const pick = (k: keyof Limits) => (over && over[k] !== undefined && over[k] !== null ? over[k] : p[k]);
  return {
    key: bindingKey(rule.id, subjectKey),
    rule,
    subjectKey,
    deviceId: device.id,
    pointId: p.id,
    refs: [p.ref],
    limits: d.kind === 'threshold' ? { hh: pick('hh'), h: pick('h'), l: pick('l'), ll: pick('ll') } : null,
    condRefs: null,
    refOwner: new Map([[p.ref, { deviceId: device.id, pointId: p.id }]]),
    timeoutMs: d.kind === 'offline' ? Math.round(d.intervals * p.intervalS * 1000) : 0,
    offlineRef: d.kind === 'offline' ? p.ref : null,
    forMs: 'forSeconds' in d && d.forSeconds ? d.forSeconds * 1000 : 0,
  };
}

function composite(rule: EngineRule, devices: readonly EngineDevice[], subjectKey: string): Binding | null {
  const d = rule.definition;
  if (d.kind !== 'composite') return null;
  const refOwner = new Map<number, { deviceId: string; pointId: string }>();
  const condRefs = d.conditions.map((c) => {
    const refs: number[] = [];
    for (const dev of devices)
      for (const p of dev.points)
        if (p.enabled && p.metric === c.metric) {
          refs.push(p.ref);
          refOwner.set(p.ref, { deviceId: dev.id, pointId: p.id });
        }
    return refs;
  });
  // AND needs every condition to be observable; OR needs at least one.
  if (d.op === 'and' ? condRefs.some((r) => r.length === 0) : condRefs.every((r) => r.length === 0)) return null;
  return {
    key: bindingKey(rule.id, subjectKey),
    rule,
    subjectKey,
    deviceId: devices[0]!.id,
    pointId: null,
    refs: [...new Set(condRefs.flat())],
    limits: null,
    condRefs,
    refOwner,
    timeoutMs: 0,
    offlineRef: null,
    forMs: d.forSeconds ? d.forSeconds * 1000 : 0,
  };
}

function bindingsOf(rule: EngineRule, devices: readonly EngineDevice[]): Binding[] {
  const d = rule.definition;
  const targets = devices.filter((dev) => appliesTo(rule, dev));
  if (d.kind === 'composite') {
    if (d.scope === 'device') return targets.flatMap((dev) => composite(rule, [dev], `device:${dev.id}`) ?? []);
    const sites = new Map<string, EngineDevice[]>();
    for (const dev of targets)
      if (dev.site) {
        const list = sites.get(dev.site);
        if (list) list.push(dev);
        else sites.set(dev.site, [dev]);
      }
    return [...sites].flatMap(([site, devs]) => composite(rule, devs, `site:${rule.deviceTypeCode ?? ''}:${site}`) ?? []);
  }
  if (d.kind === 'offline' && !d.metric) {
    return targets.flatMap((dev) => {
      const pts = dev.points.filter((p) => p.enabled);
      if (pts.length === 0) return [];
      const subjectKey = `device:${dev.id}`;
      const interval = Math.max(...pts.map((p) => p.intervalS));
      return [
        {
          key: bindingKey(rule.id, subjectKey),
          rule,
          subjectKey,
          deviceId: dev.id,
          pointId: null,
          refs: pts.map((p) => p.ref),
          limits: null,
          condRefs: null,
          refOwner: new Map(pts.map((p) => [p.ref, { deviceId: dev.id, pointId: p.id }])),
          timeoutMs: Math.round(d.intervals * interval * 1000),
          offlineRef: null,
          forMs: 0,
        },
      ];
    });
  }
  const metric = metricOf(d);
  return targets.flatMap((dev) => dev.points.filter((p) => p.enabled && p.metric === metric).map((p) => single(rule, dev, p)));
}

/**
 * Builds the engine state for a set of enabled rules and the devices they may apply to. On hot
 * reload pass the previous state as `prior`: what each subject was doing, the latest values and
 * when devices were last heard from carry over, so a reload neither re-raises nor forgets.
 */
export function compileRules(rules: readonly EngineRule[], devices: readonly EngineDevice[], opts: CompileOptions): EngineState {
  const byRef = new Map<number, Binding[]>();
  const bindings = new Map<string, Binding>();
  const timed: Binding[] = [];
  for (const rule of rules)
    for (const b of bindingsOf(rule, devices)) {
      bindings.set(b.key, b);
      for (const ref of b.refs) {
        const list = byRef.get(ref);
        if (list) list.push(b);
        else byRef.set(ref, [b]);
      }
      if (b.rule.definition.kind === 'offline' || b.forMs > 0) timed.push(b);
    }
  const subjects = new Map<string, SubjectState>();
  const prior = opts.prior;
  if (prior) for (const [k, s] of prior.subjects) if (bindings.has(k)) subjects.set(k, s);
  for (const a of opts.active ?? []) {
    const k = bindingKey(a.ruleId, a.subjectKey);
    if (bindings.has(k) && !subjects.get(k)?.active) subjects.set(k, { ...INACTIVE, active: true, level: a.level });
  }
  const latest = new Map<number, Latest>();
  for (const [ref, v] of opts.latest ?? []) if (byRef.has(ref)) latest.set(ref, v);
  if (prior) for (const [ref, v] of prior.latest) if (byRef.has(ref) && (latest.get(ref)?.ts ?? -Infinity) <= v.ts) latest.set(ref, v);
  const deviceSeen = new Map<string, number>(prior?.deviceSeen ?? []);
  for (const [id, t] of opts.lastSeen ?? []) if ((deviceSeen.get(id) ?? -Infinity) < t) deviceSeen.set(id, t);
  return { byRef, timed, bindings, subjects, latest, deviceSeen, startedAt: prior?.startedAt ?? opts.now };
}

/** Asia/Shanghai has no daylight saving: local time is UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a rule's active time windows include this instant (no schedule = always). */
export function inSchedule(schedule: RuleSchedule | null | undefined, at: number): boolean {
  if (!schedule) return true;
  const local = new Date(at + SHANGHAI_OFFSET_MS);
  const day = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const yesterday = day === 1 ? 7 : day - 1;
  const m = local.getUTCHours() * 60 + local.getUTCMinutes();
  return schedule.ranges.some((r) => {
    const from = minutesOf(r.from);
    const to = minutesOf(r.to);
    if (from < to) return schedule.days.includes(day) && m >= from && m < to;
    // Past midnight: the early part belongs to the day the range started.
    return (m >= from && schedule.days.includes(day)) || (m < to && schedule.days.includes(yesterday));
  });
}

interface Cond {
  /** Rate rules: the samples window after this reading. */
  window?: SubjectState['window'];
  on: boolean;
  condition: string | null;
  level: AlarmLevel;
  value: number | null;
  threshold: number | null;
  deviceId: string;
  pointId: string | null;
}

/** Whether `v op limit` holds; while active the limit is relaxed by the deadband (hysteresis). */
function compare(v: number, op: RuleComparison, limit: number, holding: boolean, db: number): boolean {
  const hi = op === '>' || op === '>=';
  const lim = holding ? (hi ? limit - db : limit + db) : limit;
  switch (op) {
    case '>':
      return v > lim;
    case '>=':
      return v >= lim;
    case '<':
      return v < lim;
    case '<=':
      return v <= lim;
  }
}

const HIGH = new Set(['h', 'hh']);
const LOW = new Set(['l', 'll']);

/** The band a value lies in, with hysteresis: a band (or a worse one on its side) held stays until the value is back by the deadband. */
export function bandOf(v: number, lim: Limits, current: string | null, db: number): 'hh' | 'h' | 'l' | 'll' | null {
  if (lim.hh !== null && (v > lim.hh || (current === 'hh' && v > lim.hh - db))) return 'hh';
  if (lim.h !== null && (v > lim.h || (HIGH.has(current ?? '') && v > lim.h - db))) return 'h';
  if (lim.ll !== null && (v < lim.ll || (current === 'll' && v < lim.ll + db))) return 'll';
  if (lim.l !== null && (v < lim.l || (LOW.has(current ?? '') && v < lim.l + db))) return 'l';
  return null;
}

function conditionOf(
  b: Binding,
  prev: SubjectState,
  reading: { ref: number; ts: number; value: number },
  latest: Map<number, Latest>,
): Cond | 'skip' {
  const d = b.rule.definition;
  const base = { deviceId: b.deviceId, pointId: b.pointId, level: b.rule.level };
  const v = reading.value;
  switch (d.kind) {
    case 'threshold': {
      const band = bandOf(v, b.limits!, prev.active ? prev.condition : null, d.deadband ?? 0);
      const level = band ? (d.levels?.[band] ?? DEFAULT_BAND_LEVELS[band]) : b.rule.level;
      return { ...base, on: band !== null, condition: band, level, value: v, threshold: band ? b.limits![band] : null };
    }
    case 'duration': {
      const on = compare(v, d.op, d.value, prev.active, d.deadband ?? 0);
      return { ...base, on, condition: on ? d.op : null, value: v, threshold: d.value };
    }
    case 'rate': {
      const since = reading.ts - d.perSeconds * 1000;
      const window = [...(prev.window ?? []).filter(([t]) => t >= since), [reading.ts, v] as const].slice(-MAX_WINDOW);
      // The largest move into the current value from any sample in the window.
      let lo = v;
      let hi = v;
      for (let i = 0; i < window.length - 1; i++) {
        const x = window[i]![1];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      const rise = v - lo;
      const fall = hi - v;
      const delta = d.direction === 'up' ? rise : d.direction === 'down' ? -fall : rise >= fall ? rise : -fall;
      const change = Math.abs(delta);
      const on = window.length > 1 && change > (prev.active ? d.delta - (d.deadband ?? 0) : d.delta);
      return { ...base, on, condition: on ? 'rate' : null, value: delta, threshold: d.delta, window };
    }
    case 'offline':
      return 'skip';
    case 'composite': {
      const db = d.deadband ?? 0;
      let hit: { ref: number; value: number; limit: number } | null = null;
      let holding = 0;
      for (let i = 0; i < d.conditions.length; i++) {
        const c = d.conditions[i]!;
        for (const ref of b.condRefs![i]!) {
          const x = ref === reading.ref ? v : latest.get(ref)?.value;
          if (x !== undefined && compare(x, c.op, c.value, prev.active, db)) {
            hit ??= { ref, value: x, limit: c.value };
            holding++;
            break;
          }
        }
      }
      const on = d.op === 'and' ? holding === d.conditions.length : holding > 0;
      const owner = b.refOwner.get(hit?.ref ?? reading.ref);
      return {
        ...base,
        deviceId: owner?.deviceId ?? b.deviceId,
        on,
        condition: on ? d.op : null,
        value: hit?.value ?? v,
        threshold: hit?.limit ?? null,
      };
    }
  }
}

const worse = (a: AlarmLevel, b: AlarmLevel | null) => b === null || ALARM_LEVEL_RANK[a] > ALARM_LEVEL_RANK[b];
const sideOf = (c: string | null) => (c && HIGH.has(c) ? 'high' : c && LOW.has(c) ? 'low' : null);

function transition(
  type: TransitionType,
  b: Binding,
  c: Pick<Cond, 'level' | 'value' | 'threshold' | 'deviceId' | 'pointId'>,
  condition: string,
  at: number,
): Transition {
  return {
    type,
    ruleId: b.rule.id,
    subjectKey: b.subjectKey,
    deviceId: c.deviceId,
    pointId: c.pointId,
    level: c.level,
    condition,
    value: c.value,
    threshold: c.threshold,
    at,
  };
}

/** Applies one evaluated condition to a subject: the next state and the transition it causes, if any. */
function advance(b: Binding, prev: SubjectState, c: Cond, t: number, now: number): { next: SubjectState; tr: Transition | null } {
  const window = c.window ?? prev.window;
  if (!c.on) {
    const next: SubjectState = { ...INACTIVE, window };
    return { next, tr: prev.active ? transition('clear', b, { ...c, level: prev.level ?? c.level }, prev.condition ?? '', t) : null };
  }
  const since = prev.since ?? t;
  const pending = {
    condition: c.condition!,
    level: c.level,
    value: c.value,
    threshold: c.threshold,
    deviceId: c.deviceId,
    pointId: c.pointId,
  };
  if (!prev.active) {
    const lasted = b.forMs === 0 || t - since >= b.forMs;
    if (!lasted || !inSchedule(b.rule.definition.schedule, now)) return { next: { ...INACTIVE, since, pending, window }, tr: null };
    return {
      next: { active: true, condition: c.condition, level: c.level, since, pending: null, window },
      tr: transition('raise', b, c, c.condition!, t),
    };
  }
  const switched = sideOf(c.condition) !== null && sideOf(prev.condition) !== null && sideOf(c.condition) !== sideOf(prev.condition);
  const escalated = worse(c.level, prev.level);
  const next: SubjectState = {
    active: true,
    condition: c.condition,
    level: escalated ? c.level : prev.level,
    since,
    pending: null,
    window,
  };
  return { next, tr: escalated || switched ? transition('repeat', b, c, c.condition!, t) : null };
}

/**
 * Runs one reading through the rules of its point. A reading older than (or as old as) the last
 * one seen for its point is late or a redelivery: it proves the device is alive but changes no
 * condition, since newer data has already been judged.
 */
export function evaluate(state: EngineState, reading: AcceptedReading, now: number): Step {
  const transitions: Transition[] = [];
  const seen = state.deviceSeen.get(reading.deviceId);
  if (seen === undefined || seen < reading.receivedAt) state.deviceSeen.set(reading.deviceId, reading.receivedAt);
  const bound = state.byRef.get(reading.pointRef);
  if (!bound) return { state, transitions };
  const last = state.latest.get(reading.pointRef);
  if (last && reading.ts <= last.ts) {
    if (last.receivedAt < reading.receivedAt) state.latest.set(reading.pointRef, { ...last, receivedAt: reading.receivedAt });
    // A late reading still ends an offline alarm.
    for (const b of bound) if (b.rule.definition.kind === 'offline') clearOffline(state, b, reading.ts, transitions);
    return { state, transitions };
  }
  state.latest.set(reading.pointRef, { ts: reading.ts, value: reading.value, receivedAt: reading.receivedAt });
  const r = { ref: reading.pointRef, ts: reading.ts, value: reading.value };
  for (const b of bound) {
    const prev = state.subjects.get(b.key) ?? INACTIVE;
    if (b.rule.definition.kind === 'offline') {
      clearOffline(state, b, reading.ts, transitions);
      continue;
    }
    const c = conditionOf(b, prev, r, state.latest);
    if (c === 'skip') continue;
    const { next, tr } = advance(b, prev, c, reading.ts, now);
    if (!next.active && next.since === null && next.window === null) state.subjects.delete(b.key);
    else state.subjects.set(b.key, next);
    if (tr) transitions.push(tr);
  }
  return { state, transitions };
}

function clearOffline(state: EngineState, b: Binding, at: number, out: Transition[]): void {
  const prev = state.subjects.get(b.key);
  if (!prev?.active) return;
  state.subjects.delete(b.key);
  out.push(
    transition(
      'clear',
      b,
      { level: prev.level ?? b.rule.level, value: null, threshold: b.timeoutMs / 1000, deviceId: b.deviceId, pointId: b.pointId },
      'offline',
      at,
    ),
  );
}

/** Runs a batch of readings in order; the transitions of all of them. */
export function evaluateAll(state: EngineState, readings: readonly AcceptedReading[], now: number): Step {
  const transitions: Transition[] = [];
  for (const r of readings) transitions.push(...evaluate(state, r, now).transitions);
  return { state, transitions };
}

/**
 * The timers: raises offline alarms for subjects silent longer than N × their interval, and
 * "for at least N s" conditions that have now lasted long enough without a new reading.
 */
export function tick(state: EngineState, now: number): Step {
  const transitions: Transition[] = [];
  for (const b of state.timed) {
    const prev = state.subjects.get(b.key) ?? INACTIVE;
    if (prev.active) continue;
    if (b.rule.definition.kind === 'offline') {
      const seen = b.offlineRef !== null ? state.latest.get(b.offlineRef)?.receivedAt : state.deviceSeen.get(b.deviceId);
      const silentMs = now - (seen ?? state.startedAt);
      if (silentMs <= b.timeoutMs || !inSchedule(b.rule.definition.schedule, now)) continue;
      state.subjects.set(b.key, { ...INACTIVE, active: true, condition: 'offline', level: b.rule.level });
      transitions.push(
        transition(
          'raise',
          b,
          {
            level: b.rule.level,
            value: Math.round(silentMs / 1000),
            threshold: b.timeoutMs / 1000,
            deviceId: b.deviceId,
            pointId: b.pointId,
          },
          'offline',
          now,
        ),
      );
      continue;
    }
    if (prev.since === null || !prev.pending || now - prev.since < b.forMs || !inSchedule(b.rule.definition.schedule, now)) continue;
    const p = prev.pending;
    state.subjects.set(b.key, {
      active: true,
      condition: p.condition,
      level: p.level,
      since: prev.since,
      pending: null,
      window: prev.window,
    });
    transitions.push(transition('raise', b, p, p.condition, now));
  }
  return { state, transitions };
}

/** How many subjects are watched and how many are in alarm (health and tests). */
export function engineStats(state: EngineState): { bindings: number; points: number; active: number } {
  let active = 0;
  for (const s of state.subjects.values()) if (s.active) active++;
  return { bindings: state.bindings.size, points: state.byRef.size, active };
}

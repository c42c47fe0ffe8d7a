import type { RuleDefinition } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import type { AcceptedReading } from './reading.js';
import {
  bandOf,
  compileRules,
  engineStats,
  evaluate,
  inSchedule,
  tick,
  type EngineDevice,
  type EngineRule,
  type EngineState,
  type Transition,
} from './rule-engine.js';

const T0 = Date.parse('2026-06-01T02:00:00Z'); // Monday 10:00 in Shanghai

function point(ref: number, metric: string, o: Partial<EngineDevice['points'][number]> = {}) {
  return { id: `p${ref}`, ref, metric, intervalS: 10, enabled: true, h: 80, hh: 90, l: 20, ll: 10, ...o };
}

const tank: EngineDevice = {
  id: 'd1',
  orgPath: 'qz.qz_quangang',
  typeCode: 'tank',
  site: 'plant-a',
  status: 'active',
  points: [
    point(1, 'level'),
    point(2, 'temperature', { h: 60, hh: 70, l: null, ll: null }),
    point(3, 'pressure', { h: 1.5, hh: 2, l: null, ll: null }),
  ],
};
const tank2: EngineDevice = {
  id: 'd2',
  orgPath: 'qz.qz_jinjiang',
  typeCode: 'tank',
  site: 'plant-a',
  status: 'active',
  points: [point(11, 'level'), point(12, 'temperature')],
};
const gas: EngineDevice = {
  id: 'd3',
  orgPath: 'qz.qz_quangang',
  typeCode: 'gas',
  site: 'plant-a',
  status: 'active',
  points: [point(21, 'lel', { h: 25, hh: 50, l: null, ll: null })],
};

function rule(definition: RuleDefinition, o: Partial<EngineRule> = {}): EngineRule {
  return { id: 'r1', orgPath: 'qz', level: 'orange', deviceTypeCode: 'tank', deviceId: null, definition, ...o };
}

function engine(rules: EngineRule[], devices: EngineDevice[] = [tank, tank2, gas], now = T0): EngineState {
  return compileRules(rules, devices, { now });
}

let seq = 0;
function reading(ref: number, value: number, at: number, receivedAt = at): AcceptedReading {
  const owner = [tank, tank2, gas].find((d) => d.points.some((p) => p.ref === ref))!;
  const p = owner.points.find((x) => x.ref === ref)!;
  seq++;
  return { pointRef: ref, pointId: p.id, deviceId: owner.id, metric: p.metric, ts: at, value, receivedAt };
}

/** Feeds [seconds after T0, value] pairs for one point; returns every transition as a compact string. */
function feed(state: EngineState, ref: number, series: [number, number][]): string[] {
  const out: string[] = [];
  for (const [s, v] of series) out.push(...evaluate(state, reading(ref, v, T0 + s * 1000), T0 + s * 1000).transitions.map(short));
  return out;
}

const short = (t: Transition) => `${t.type}:${t.condition}:${t.level}@${(t.at - T0) / 1000}`;

describe('threshold levels', () => {
  const threshold: RuleDefinition = { kind: 'threshold', metric: 'level' };

  it.each([
    ['H → yellow', 85, 'raise:h:yellow@0'],
    ['HH → red', 95, 'raise:hh:red@0'],
    ['L → yellow', 15, 'raise:l:yellow@0'],
    ['LL → red', 5, 'raise:ll:red@0'],
    ['normal → nothing', 50, null],
    ['exactly at H is not above it', 80, null],
  ])('%s', (_label, value, expected) => {
    const s = engine([rule(threshold)]);
    expect(feed(s, 1, [[0, value]])).toEqual(expected ? [expected] : []);
  });

  it('H then HH escalates the open alarm (repeat), HH back to H does not, then clears below H', () => {
    const s = engine([rule(threshold)]);
    expect(
      feed(s, 1, [
        [0, 85],
        [10, 95],
        [20, 86],
        [30, 96],
        [40, 50],
      ]),
    ).toEqual(['raise:h:yellow@0', 'repeat:hh:red@10', 'clear:hh:red@40']);
  });

  it('jumping from the high side to the low side is reported as a repeat', () => {
    const s = engine([rule(threshold)]);
    expect(
      feed(s, 1, [
        [0, 85],
        [10, 15],
      ]),
    ).toEqual(['raise:h:yellow@0', 'repeat:l:yellow@10']);
  });

  it('colours and limits are configurable per rule; the point fills in what the rule leaves out', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level', thresholds: { h: 70 }, levels: { h: 'orange', hh: 'red' } })]);
    expect(feed(s, 1, [[0, 75]])).toEqual(['raise:h:orange@0']);
    const t = evaluate(s, reading(1, 91, T0 + 10_000), T0 + 10_000).transitions[0]!;
    expect(t).toMatchObject({
      type: 'repeat',
      condition: 'hh',
      level: 'red',
      value: 91,
      threshold: 90,
      pointId: 'p1',
      subjectKey: 'point:p1',
    });
  });

  it('applies to every device of the type, one alarm subject per point', () => {
    const s = engine([rule(threshold)]);
    expect(feed(s, 1, [[0, 95]])).toEqual(['raise:hh:red@0']);
    expect(feed(s, 11, [[0, 95]])).toEqual(['raise:hh:red@0']);
    expect(feed(s, 21, [[0, 95]]), 'another type is not targeted').toEqual([]);
    expect(engineStats(s)).toMatchObject({ bindings: 2, active: 2 });
  });

  it('a rule watches only devices inside its org’s subtree', () => {
    const s = engine([rule(threshold, { orgPath: 'qz.qz_jinjiang' })]);
    expect(feed(s, 1, [[0, 95]]), 'a Quangang tank').toEqual([]);
    expect(feed(s, 11, [[0, 95]]), 'a Jinjiang tank').toEqual(['raise:hh:red@0']);
  });

  it('a rule for one device ignores the others; a device in maintenance raises nothing', () => {
    const s = engine([rule(threshold, { deviceTypeCode: null, deviceId: 'd2' })]);
    expect(feed(s, 1, [[0, 95]])).toEqual([]);
    expect(feed(s, 11, [[0, 95]])).toEqual(['raise:hh:red@0']);
    const m = engine([rule(threshold)], [{ ...tank, status: 'maintenance' }]);
    expect(feed(m, 1, [[0, 95]])).toEqual([]);
  });
});

describe('hysteresis (deadband)', () => {
  const noisy: [number, number][] = [
    [0, 80.5],
    [10, 79.5],
    [20, 80.4],
    [30, 79.8],
    [40, 80.2],
    [50, 79.6],
  ];

  it('without a deadband a value wobbling around H flaps', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level' })]);
    expect(feed(s, 1, noisy).filter((x) => x.startsWith('raise'))).toHaveLength(3);
  });

  it('with a deadband it raises once and clears only once the value is back by the deadband', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level', deadband: 2 })]);
    expect(feed(s, 1, noisy)).toEqual(['raise:h:yellow@0']);
    expect(
      feed(s, 1, [
        [60, 78.5],
        [70, 77.9],
      ]),
    ).toEqual(['clear:h:yellow@70']);
  });

  it('holds HH within the deadband and steps down to H below it', () => {
    expect(bandOf(89, { hh: 90, h: 80, l: null, ll: null }, 'hh', 2)).toBe('hh');
    expect(bandOf(87.9, { hh: 90, h: 80, l: null, ll: null }, 'hh', 2)).toBe('h');
    expect(bandOf(11, { hh: null, h: null, l: 20, ll: 10 }, 'll', 2)).toBe('ll');
    expect(bandOf(12.5, { hh: null, h: null, l: 20, ll: 10 }, 'll', 2)).toBe('l');
    expect(bandOf(21, { hh: null, h: null, l: 20, ll: 10 }, 'l', 2)).toBe('l');
    expect(bandOf(21, { hh: null, h: null, l: 20, ll: 10 }, null, 2)).toBe(null);
  });

  it('applies to duration comparisons too', () => {
    const s = engine([rule({ kind: 'duration', metric: 'temperature', op: '>', value: 60, forSeconds: 10, deadband: 3 })]);
    expect(
      feed(s, 2, [
        [0, 61],
        [10, 61],
        [20, 58],
        [30, 61],
        [40, 56.9],
      ]),
    ).toEqual(['raise:>:orange@10', 'clear:>:orange@40']);
  });
});

describe('duration: above X for at least N s', () => {
  const def: RuleDefinition = { kind: 'duration', metric: 'temperature', op: '>', value: 60, forSeconds: 30 };

  it('raises once the condition has held N seconds, judged on event time', () => {
    const s = engine([rule(def)]);
    expect(
      feed(s, 2, [
        [0, 65],
        [10, 66],
        [20, 67],
      ]),
    ).toEqual([]);
    expect(feed(s, 2, [[30, 66]])).toEqual(['raise:>:orange@30']);
    expect(feed(s, 2, [[40, 66]]), 'no repeat while it lasts').toEqual([]);
    expect(feed(s, 2, [[50, 55]])).toEqual(['clear:>:orange@50']);
  });

  it('an interruption restarts the count', () => {
    const s = engine([rule(def)]);
    expect(
      feed(s, 2, [
        [0, 65],
        [20, 55],
        [30, 65],
        [50, 65],
      ]),
    ).toEqual([]);
    expect(feed(s, 2, [[60, 65]])).toEqual(['raise:>:orange@60']);
  });

  it('fires on the timer when readings are sparser than N seconds', () => {
    const s = engine([rule(def)]);
    expect(feed(s, 2, [[0, 65]])).toEqual([]);
    expect(tick(s, T0 + 29_000).transitions).toEqual([]);
    const fired = tick(s, T0 + 31_000).transitions;
    expect(fired.map(short)).toEqual(['raise:>:orange@31']);
    expect(fired[0]).toMatchObject({ value: 65, threshold: 60, pointId: 'p2' });
    expect(tick(s, T0 + 40_000).transitions, 'fires once').toEqual([]);
  });

  it('threshold bands can require a minimum duration as well', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level', forSeconds: 20 })]);
    expect(
      feed(s, 1, [
        [0, 95],
        [10, 95],
      ]),
    ).toEqual([]);
    expect(feed(s, 1, [[20, 95]])).toEqual(['raise:hh:red@20']);
  });
});

describe('rate of change: Δ > X per N s', () => {
  it('raises when the rise within the window exceeds X, clears when it no longer does', () => {
    const s = engine([rule({ kind: 'rate', metric: 'pressure', delta: 0.5, perSeconds: 30, direction: 'up' })]);
    expect(
      feed(s, 3, [
        [0, 1.0],
        [10, 1.1],
        [20, 1.2],
        [30, 1.3],
      ]),
    ).toEqual([]);
    expect(feed(s, 3, [[40, 1.9]])).toEqual(['raise:rate:orange@40']);
    expect(
      feed(s, 3, [
        [50, 1.9],
        [60, 1.9],
        [70, 1.9],
      ]),
    ).toEqual(['clear:rate:orange@70']);
  });

  it('direction down ignores rises; any catches both', () => {
    const down = engine([rule({ kind: 'rate', metric: 'pressure', delta: 0.5, perSeconds: 30, direction: 'down' })]);
    expect(
      feed(down, 3, [
        [0, 1],
        [10, 2],
      ]),
    ).toEqual([]);
    expect(feed(down, 3, [[20, 1.2]])).toEqual(['raise:rate:orange@20']);
    const any = engine([rule({ kind: 'rate', metric: 'pressure', delta: 0.5, perSeconds: 30, direction: 'any' })]);
    expect(
      feed(any, 3, [
        [0, 2],
        [10, 1.2],
      ]),
    ).toEqual(['raise:rate:orange@10']);
  });

  it('reports the change and the limit', () => {
    const s = engine([rule({ kind: 'rate', metric: 'pressure', delta: 0.5, perSeconds: 60, direction: 'any' })]);
    feed(s, 3, [[0, 1]]);
    const t = evaluate(s, reading(3, 1.75, T0 + 20_000), T0 + 20_000).transitions[0]!;
    expect(t.value).toBeCloseTo(0.75);
    expect(t.threshold).toBe(0.5);
  });
});

describe('offline: no data for N × interval', () => {
  it('fires on the timer without any message, for the whole device, and clears on the next reading', () => {
    const s = engine([rule({ kind: 'offline', intervals: 3 }, { level: 'blue' })], [tank]);
    expect(tick(s, T0 + 29_000).transitions).toEqual([]);
    const fired = tick(s, T0 + 31_000).transitions;
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      type: 'raise',
      subjectKey: 'device:d1',
      pointId: null,
      level: 'blue',
      condition: 'offline',
      threshold: 30,
      value: 31,
    });
    expect(tick(s, T0 + 60_000).transitions, 'raised once').toEqual([]);
    expect(feed(s, 2, [[61, 20]])).toEqual(['clear:offline:blue@61']);
  });

  it('any point of the device keeps it online; the longest interval counts', () => {
    const slow = { ...tank, points: [point(1, 'level', { intervalS: 60 }), point(2, 'temperature')] };
    const s = compileRules([rule({ kind: 'offline', intervals: 2 })], [slow], { now: T0 });
    feed(s, 2, [[100, 20]]);
    expect(tick(s, T0 + 200_000).transitions).toEqual([]);
    expect(tick(s, T0 + 221_000).transitions.map(short)).toEqual(['raise:offline:orange@221']);
  });

  it('watches one point when the rule names a metric', () => {
    const s = engine([rule({ kind: 'offline', metric: 'level', intervals: 3 })], [tank]);
    feed(s, 2, [[25, 20]]);
    expect(tick(s, T0 + 31_000).transitions.map((t) => t.subjectKey)).toEqual(['point:p1']);
  });

  it('counts silence from the stored last-seen time after a restart', () => {
    const s = compileRules([rule({ kind: 'offline', intervals: 3 })], [tank], { now: T0, lastSeen: new Map([['d1', T0 - 25_000]]) });
    expect(tick(s, T0 + 6_000).transitions.map(short)).toEqual(['raise:offline:orange@6']);
  });

  it('a late reading still proves the device is alive', () => {
    const s = engine([rule({ kind: 'offline', intervals: 3 })], [tank]);
    feed(s, 1, [[100, 50]]);
    tick(s, T0 + 200_000);
    const back = evaluate(s, reading(1, 50, T0 + 50_000, T0 + 201_000), T0 + 201_000).transitions;
    expect(back.map((t) => t.type)).toEqual(['clear']);
  });
});

describe('composite AND/OR', () => {
  const and: RuleDefinition = {
    kind: 'composite',
    op: 'and',
    scope: 'device',
    conditions: [
      { metric: 'level', op: '>', value: 80 },
      { metric: 'temperature', op: '>', value: 60 },
    ],
  };

  it('AND across points of a device needs both', () => {
    const s = engine([rule(and, { level: 'red' })]);
    expect(feed(s, 1, [[0, 85]])).toEqual([]);
    expect(feed(s, 2, [[5, 65]])).toEqual(['raise:and:red@5']);
    expect(feed(s, 1, [[10, 70]])).toEqual(['clear:and:red@10']);
  });

  it('AND is per device: one device’s level and another’s temperature do not combine', () => {
    const s = engine([rule(and)]);
    expect(feed(s, 1, [[0, 85]])).toEqual([]);
    expect(feed(s, 12, [[5, 65]])).toEqual([]);
  });

  it('OR needs either', () => {
    const s = engine([rule({ ...and, op: 'or' } as RuleDefinition)]);
    expect(feed(s, 2, [[0, 65]])).toEqual(['raise:or:orange@0']);
    expect(feed(s, 1, [[5, 85]]), 'still on, no repeat').toEqual([]);
    expect(feed(s, 2, [[10, 50]])).toEqual([]);
    expect(feed(s, 1, [[15, 50]])).toEqual(['clear:or:orange@15']);
  });

  it('across a site: any device of the type at the site may satisfy each condition', () => {
    const s = engine([rule({ ...and, scope: 'site' } as RuleDefinition)]);
    expect(feed(s, 1, [[0, 85]])).toEqual([]);
    const t = evaluate(s, reading(12, 65, T0 + 5000), T0 + 5000).transitions;
    expect(t.map(short)).toEqual(['raise:and:orange@5']);
    expect(t[0]).toMatchObject({ subjectKey: 'site:tank:plant-a', pointId: null, deviceId: 'd1' });
  });

  it('deadband keeps a composite from flapping', () => {
    const s = engine([rule({ ...and, op: 'or', deadband: 2 } as RuleDefinition)]);
    expect(
      feed(s, 1, [
        [0, 81],
        [10, 79],
        [20, 81],
        [30, 77],
      ]),
    ).toEqual(['raise:or:orange@0', 'clear:or:orange@30']);
  });

  it('AND does not apply to a device lacking one of the metrics', () => {
    const s = engine([
      rule({
        ...and,
        conditions: [...(and as { conditions: object[] }).conditions, { metric: 'pressure', op: '>', value: 1 }],
      } as RuleDefinition),
    ]);
    expect(engineStats(s).bindings).toBe(1);
  });
});

describe('active time windows (Asia/Shanghai)', () => {
  const workHours = { days: [1, 2, 3, 4, 5], ranges: [{ from: '08:00', to: '18:00' }] };

  it.each([
    ['Monday 10:00', '2026-06-01T02:00:00Z', true],
    ['Monday 07:59', '2026-05-31T23:59:00Z', false],
    ['Monday 18:00', '2026-06-01T10:00:00Z', false],
    ['Saturday 10:00', '2026-06-06T02:00:00Z', false],
  ])('work hours on %s → %s', (_l, at, expected) => {
    expect(inSchedule(workHours, Date.parse(at))).toBe(expected);
  });

  it('a night range belongs to the day it starts', () => {
    const friNight = { days: [5], ranges: [{ from: '22:00', to: '06:00' }] };
    expect(inSchedule(friNight, Date.parse('2026-06-05T15:00:00Z')), 'Friday 23:00').toBe(true);
    expect(inSchedule(friNight, Date.parse('2026-06-05T20:00:00Z')), 'Saturday 04:00').toBe(true);
    expect(inSchedule(friNight, Date.parse('2026-06-04T20:00:00Z')), 'Friday 04:00').toBe(false);
  });

  it('outside the window nothing is raised; inside it is; an alarm raised inside still clears outside', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level', schedule: workHours })]);
    const sat = Date.parse('2026-06-06T02:00:00Z');
    expect(evaluate(s, reading(1, 95, sat), sat).transitions).toEqual([]);
    const monday = Date.parse('2026-06-08T02:00:00Z');
    expect(evaluate(s, reading(1, 96, monday), monday).transitions.map((t) => t.type)).toEqual(['raise']);
    const evening = Date.parse('2026-06-08T12:00:00Z');
    expect(evaluate(s, reading(1, 50, evening), evening).transitions.map((t) => t.type)).toEqual(['clear']);
  });

  it('offline timers respect the window', () => {
    const s = engine([rule({ kind: 'offline', intervals: 1, schedule: workHours })], [tank]);
    expect(tick(s, Date.parse('2026-06-06T02:00:00Z')).transitions).toEqual([]);
    expect(tick(s, Date.parse('2026-06-08T02:00:00Z')).transitions).toHaveLength(1);
  });
});

describe('out-of-order and late readings', () => {
  it('a reading older than the last one seen changes nothing', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level' })]);
    expect(feed(s, 1, [[10, 95]])).toEqual(['raise:hh:red@10']);
    expect(feed(s, 1, [[5, 50]]), 'late normal value does not clear').toEqual([]);
    expect(feed(s, 1, [[10, 50]]), 'redelivery of the same instant is ignored').toEqual([]);
    expect(feed(s, 1, [[20, 50]])).toEqual(['clear:hh:red@20']);
  });

  it('a late spike does not raise once newer data was normal', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level' })]);
    expect(
      feed(s, 1, [
        [10, 50],
        [5, 99],
      ]),
    ).toEqual([]);
  });

  it('late readings do not enter a rate window', () => {
    const s = engine([rule({ kind: 'rate', metric: 'pressure', delta: 0.5, perSeconds: 60, direction: 'any' })]);
    expect(
      feed(s, 3, [
        [0, 1],
        [20, 1.1],
        [10, 5],
        [30, 1.2],
      ]),
    ).toEqual([]);
  });
});

describe('reload and restart', () => {
  it('a hot reload keeps what every subject was doing: no second raise, the clear still comes', () => {
    const r = rule({ kind: 'threshold', metric: 'level' });
    const s = engine([r]);
    expect(feed(s, 1, [[0, 95]])).toEqual(['raise:hh:red@0']);
    const reloaded = compileRules([r], [tank, tank2], { now: T0 + 1000, prior: s });
    expect(feed(reloaded, 1, [[10, 96]])).toEqual([]);
    expect(feed(reloaded, 1, [[20, 50]])).toEqual(['clear:hh:red@20']);
  });

  it('a disabled rule drops out of the index', () => {
    const s = engine([rule({ kind: 'threshold', metric: 'level' })]);
    const reloaded = compileRules([], [tank], { now: T0, prior: s });
    expect(feed(reloaded, 1, [[0, 95]])).toEqual([]);
    expect(engineStats(reloaded)).toEqual({ bindings: 0, points: 0, active: 0 });
  });

  it('alarms open in storage are restored as active, so the first reading after a restart does not raise again', () => {
    const s = compileRules([rule({ kind: 'threshold', metric: 'level' })], [tank], {
      now: T0,
      active: [{ ruleId: 'r1', subjectKey: 'point:p1', level: 'red' }],
    });
    expect(feed(s, 1, [[0, 95]])).toEqual([]);
    expect(feed(s, 1, [[10, 50]])).toEqual(['clear::red@10'.replace('::', ':hh:')]);
  });

  it('latest stored values seed composites after a restart', () => {
    const and: RuleDefinition = {
      kind: 'composite',
      op: 'and',
      scope: 'device',
      conditions: [
        { metric: 'level', op: '>', value: 80 },
        { metric: 'temperature', op: '>', value: 60 },
      ],
    };
    const s = compileRules([rule(and)], [tank], { now: T0, latest: [[1, { ts: T0 - 5000, value: 85, receivedAt: T0 - 5000 }]] });
    expect(feed(s, 2, [[0, 65]])).toEqual(['raise:and:orange@0']);
    expect(seq).toBeGreaterThan(0);
  });
});

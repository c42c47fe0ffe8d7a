import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATES,
  initDevice,
  initPoint,
  mulberry32,
  nextMessage,
  nextValue,
  pointBand,
  type PointState,
  type SimPoint,
  type SimRates,
} from './simulator-signal.js';

const tank: SimPoint = { metric: 'level', valueKind: 'number', rangeMin: 0, rangeMax: 20, h: 16, hh: 18, l: 2, ll: 1 };
const oxygen: SimPoint = { metric: 'o2', valueKind: 'number', rangeMin: 0, rangeMax: 30, h: null, hh: null, l: 19.5, ll: 18 };
const valve: SimPoint = { metric: 'valve', valueKind: 'boolean', rangeMin: null, rangeMax: null, h: null, hh: null, l: null, ll: null };
const NONE: SimRates = { spike: 0, drift: 0, flat: 0, dropout: 0 };

function run(p: SimPoint, rates: SimRates, n: number, seed = 1): PointState[] {
  const rand = mulberry32(seed);
  let s = initPoint(p, rand);
  const out: PointState[] = [];
  for (let i = 0; i < n; i++) {
    s = nextValue(p, s, rand, rates, (i % 1440) / 1440);
    out.push(s);
  }
  return out;
}

describe('mulberry32', () => {
  it('is deterministic and uniform enough', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('pointBand', () => {
  it('puts the normal band between the low and high thresholds and spikes past HH', () => {
    expect(pointBand(tank)).toMatchObject({ lo: 2, hi: 16, mid: 9 });
    expect(pointBand(tank).spikeTo).toBeCloseTo(19.4);
  });
  it('spikes downwards where only low thresholds exist (oxygen)', () => {
    expect(pointBand(oxygen).spikeTo).toBeLessThan(18);
  });
  it('stays inside the range when HH is near its top', () => {
    expect(pointBand({ ...tank, hh: 19.9 }).spikeTo).toBe(20);
  });
});

describe('nextValue', () => {
  it('without anomalies stays strictly inside the normal band (no false alarms)', () => {
    const values = run(tank, NONE, 5_000).map((s) => s.value);
    expect(Math.min(...values)).toBeGreaterThan(2);
    expect(Math.max(...values)).toBeLessThan(16);
    expect(new Set(values).size).toBeGreaterThan(1000);
  });

  it('spikes cross HH for a few samples and always stay in range', () => {
    const states = run(tank, { ...NONE, spike: 0.01 }, 20_000);
    const spikes = states.filter((s) => s.mode === 'spike');
    expect(spikes.length).toBeGreaterThan(100);
    expect(spikes.every((s) => s.value > 18 && s.value <= 20)).toBe(true);
    expect(states.every((s) => s.value >= 0 && s.value <= 20)).toBe(true);
  });

  it('oxygen spikes fall below LL', () => {
    const spikes = run(oxygen, { ...NONE, spike: 0.02 }, 5_000).filter((s) => s.mode === 'spike');
    expect(spikes.length).toBeGreaterThan(10);
    expect(spikes.every((s) => s.value < 18 && s.value >= 0)).toBe(true);
  });

  it('drift creeps up towards H and ends', () => {
    const states = run(tank, { ...NONE, drift: 0.005 }, 20_000, 7);
    const first = states.findIndex((s) => s.mode === 'drift');
    expect(first).toBeGreaterThan(-1);
    let end = first;
    while (states[end]!.mode === 'drift') end++;
    expect(states[end - 1]!.offset).toBeGreaterThan(4);
    expect(states[end]!.mode).toBe('normal');
  });

  it('flat-lines hold the last value', () => {
    const states = run(tank, { ...NONE, flat: 0.01 }, 5_000, 3);
    const i = states.findIndex((s, k) => s.mode === 'flat' && states[k + 1]?.mode === 'flat');
    expect(i).toBeGreaterThan(-1);
    expect(states[i + 1]!.value).toBe(states[i]!.value);
  });

  it('boolean points are 0 and 1 during anomalies', () => {
    const states = run(valve, { ...NONE, spike: 0.01 }, 5_000);
    expect(new Set(states.map((s) => s.value))).toEqual(new Set([0, 1]));
    expect(states.filter((s) => s.value === 1).every((s) => s.mode === 'spike' || s.mode === 'flat')).toBe(true);
  });
});

describe('nextMessage', () => {
  it('reports every point at the given time, booleans as booleans', () => {
    const rand = mulberry32(5);
    const points = [tank, valve];
    const r = nextMessage(points, initDevice(points, rand), 1_780_000_000_000, rand, NONE);
    expect(r.message).toEqual({ ts: 1_780_000_000_000, values: { level: expect.any(Number), valve: false } });
  });

  it('drops out for 30–300 s, then reports again', () => {
    const rand = mulberry32(9);
    const points = [tank];
    let state = initDevice(points, rand);
    const t0 = 1_780_000_000_000;
    const first = nextMessage(points, state, t0, rand, { ...NONE, dropout: 1 });
    expect(first.message).toBeNull();
    const silence = first.state.silentUntil - t0;
    expect(silence).toBeGreaterThanOrEqual(30_000);
    expect(silence).toBeLessThanOrEqual(300_000);
    state = first.state;
    expect(nextMessage(points, state, t0 + silence - 1, rand, NONE).message).toBeNull();
    expect(nextMessage(points, state, t0 + silence, rand, NONE).message).not.toBeNull();
  });

  it('with the default rates, a long run has every behaviour and nothing out of range', () => {
    const rand = mulberry32(11);
    const points = [tank, oxygen, valve];
    let state = initDevice(points, rand);
    const modes = new Set<string>();
    let silent = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 20_000; i++) {
      const r = nextMessage(points, state, 1_780_000_000_000 + i * 10_000, rand, DEFAULT_RATES);
      state = r.state;
      if (!r.message) silent++;
      else {
        lo = Math.min(lo, r.message.values.level as number);
        hi = Math.max(hi, r.message.values.level as number);
      }
      for (const p of state.points) modes.add(p.mode);
    }
    expect(modes).toEqual(new Set(['normal', 'spike', 'drift', 'flat']));
    expect(silent).toBeGreaterThan(0);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(20);
    expect(hi).toBeGreaterThan(18);
  });
});

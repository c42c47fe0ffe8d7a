/**
 * Realistic sensor signals for the simulator, without I/O or clocks of their own: every point
 * wanders around the middle of its normal band (between its low and high alarm thresholds) with
 * noise and a slow daily swing, and now and then misbehaves the way field devices do:
 * - spike: a jump past HH (or below LL for points where low is dangerous, e.g. tunnel oxygen),
 *   held for a few samples, so that red alarms fire;
 * - drift: a steady creep towards the high threshold (a sensor going out of calibration);
 * - flat-line: the value freezes (a stuck sensor);
 * - dropout: the whole device falls silent for a while (power or network loss → offline).
 * Values always stay inside the point's range, so the platform accepts them.
 */

export interface SimPoint {
  metric: string;
  valueKind: 'number' | 'boolean';
  rangeMin: number | null;
  rangeMax: number | null;
  h: number | null;
  hh: number | null;
  l: number | null;
  ll: number | null;
}

/** Probabilities per sample (points) or per message (devices). */
export interface SimRates {
  spike: number;
  drift: number;
  flat: number;
  dropout: number;
}

export const DEFAULT_RATES: SimRates = { spike: 0.002, drift: 0.0005, flat: 0.001, dropout: 0.0005 };

export type Mode = 'normal' | 'spike' | 'drift' | 'flat';

export interface PointState {
  mode: Mode;
  /** Samples left in the current mode. */
  left: number;
  /** Last value sent. */
  value: number;
  /** Offset a drift has accumulated. */
  offset: number;
  step: number;
}

export interface DeviceState {
  /** Epoch ms until which the device sends nothing. */
  silentUntil: number;
  points: PointState[];
}

export type Rand = () => number;

/** Small deterministic PRNG (mulberry32): the same seed gives the same run. */
export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample (Box–Muller). */
function gaussian(rand: Rand): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const between = (rand: Rand, lo: number, hi: number) => Math.floor(lo + rand() * (hi - lo + 1));

/** The normal band of a point and where its anomalies go. */
export function pointBand(p: SimPoint): { lo: number; hi: number; mid: number; spikeTo: number; clampLo: number; clampHi: number } {
  const clampLo = p.rangeMin ?? -Infinity;
  const clampHi = p.rangeMax ?? Infinity;
  const lo = p.l ?? p.ll ?? p.rangeMin ?? 0;
  const hi = p.h ?? p.hh ?? p.rangeMax ?? lo + 100;
  const span = Math.max(hi - lo, 1e-6);
  // Only low thresholds (oxygen, water supply pressure): the dangerous direction is down.
  const lowIsBad = p.h === null && p.hh === null && (p.l !== null || p.ll !== null);
  let spikeTo: number;
  if (lowIsBad) spikeTo = (p.ll ?? p.l!) - 0.1 * span;
  else spikeTo = (p.hh ?? p.h ?? hi) + 0.1 * span;
  spikeTo = Math.min(clampHi, Math.max(clampLo, spikeTo));
  return { lo, hi, mid: lo + span / 2, spikeTo, clampLo, clampHi };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export function initPoint(p: SimPoint, rand: Rand): PointState {
  if (p.valueKind === 'boolean') return { mode: 'normal', left: 0, value: 0, offset: 0, step: 0 };
  const b = pointBand(p);
  return { mode: 'normal', left: 0, value: round(b.mid + (rand() - 0.5) * 0.2 * (b.hi - b.lo)), offset: 0, step: 0 };
}

export function initDevice(points: readonly SimPoint[], rand: Rand): DeviceState {
  return { silentUntil: 0, points: points.map((p) => initPoint(p, rand)) };
}

/** The point's next sample; `dayFraction` (0–1) drives the daily swing. */
export function nextValue(p: SimPoint, s: PointState, rand: Rand, rates: SimRates, dayFraction: number): PointState {
  let { mode, left, offset, step } = s;
  if (left > 0) left--;
  if (left === 0 && mode !== 'normal') {
    mode = 'normal';
    offset = 0;
  }
  if (mode === 'normal') {
    const r = rand();
    if (r < rates.spike) [mode, left] = ['spike', between(rand, 3, 10)];
    else if (r < rates.spike + rates.drift && p.valueKind === 'number') [mode, left] = ['drift', between(rand, 40, 120)];
    else if (r < rates.spike + rates.drift + rates.flat) [mode, left] = ['flat', between(rand, 20, 100)];
  }
  if (p.valueKind === 'boolean') {
    const value = mode === 'spike' ? 1 : mode === 'flat' ? s.value : 0;
    return { mode, left, value, offset, step };
  }
  const b = pointBand(p);
  const span = b.hi - b.lo;
  if (mode === 'flat') return { mode, left, value: s.value, offset, step };
  if (mode === 'spike') {
    const value = round(Math.min(b.clampHi, Math.max(b.clampLo, b.spikeTo + gaussian(rand) * 0.01 * span)));
    return { mode, left, value, offset, step };
  }
  if (mode === 'drift') {
    if (step === 0) step = (b.hi - b.mid) / Math.max(left, 1);
    offset += step;
  } else step = 0;
  const swing = Math.sin(2 * Math.PI * dayFraction) * 0.1 * span;
  const noisy = b.mid + swing + offset + gaussian(rand) * 0.03 * span;
  // Normal samples stay inside the normal band: only anomalies cross thresholds.
  const inBand = mode === 'drift' ? noisy : Math.min(b.hi - 0.02 * span, Math.max(b.lo + 0.02 * span, noisy));
  const value = round(Math.min(b.clampHi, Math.max(b.clampLo, inBand)));
  return { mode, left, value, offset, step };
}

/**
 * The device's next message at `now`, or null while it is silent (dropout). Every enabled point
 * reports in each message.
 */
export function nextMessage(
  points: readonly SimPoint[],
  s: DeviceState,
  now: number,
  rand: Rand,
  rates: SimRates = DEFAULT_RATES,
): { message: { ts: number; values: Record<string, number | boolean> } | null; state: DeviceState } {
  if (now < s.silentUntil) return { message: null, state: s };
  if (rand() < rates.dropout) return { message: null, state: { ...s, silentUntil: now + between(rand, 30, 300) * 1000 } };
  const dayFraction = ((now + 8 * 3_600_000) % 86_400_000) / 86_400_000;
  const next = points.map((p, i) => nextValue(p, s.points[i]!, rand, rates, dayFraction));
  const values: Record<string, number | boolean> = {};
  points.forEach((p, i) => {
    values[p.metric] = p.valueKind === 'boolean' ? next[i]!.value === 1 : next[i]!.value;
  });
  return { message: { ts: now, values }, state: { silentUntil: s.silentUntil, points: next } };
}

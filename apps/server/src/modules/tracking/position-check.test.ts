import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, dropJumps, parseFix, parseMessage, speedBetween, type JudgedFix } from './position-check.js';

const now = new Date('2026-07-01T08:00:00Z');
const QZ = { lng: 118.6758, lat: 24.8741 };
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('parseFix', () => {
  it('accepts a fix in Quanzhou with ISO time, epoch ms or no time (arrival)', () => {
    expect(parseFix({ ...QZ, at: ago(10).toISOString(), speed: 30 }, 0, now)).toMatchObject({ lng: QZ.lng, speedKmh: 30 });
    expect(parseFix({ ...QZ, ts: ago(5).getTime() }, 0, now)).toMatchObject({ at: ago(5) });
    expect(parseFix({ ...QZ }, 0, now)).toMatchObject({ at: now });
  });
  it.each([
    [{ lat: 24.8 }, 'bad_coordinates'],
    [{ lng: 'x', lat: 24.8 }, 'bad_coordinates'],
    [{ lng: 200, lat: 24.8 }, 'bad_coordinates'],
    [{ lng: 24.87, lat: 118.67 }, 'bad_coordinates'],
    [{ lng: -0.12, lat: 51.5 }, 'outside_china'],
    [{ ...QZ, at: 'yesterday' }, 'bad_time'],
    [{ ...QZ, at: new Date(now.getTime() + 3_600_000).toISOString() }, 'bad_time'],
    [{ ...QZ, ts: ago(8 * 86_400).getTime() }, 'bad_time'],
    [{ ...QZ, heading: 400 }, 'malformed'],
    [[1, 2], 'malformed'],
    ['text', 'malformed'],
  ])('refuses %j as %s', (item, reason) => {
    expect(parseFix(item, 3, now)).toMatchObject({ index: 3, reason });
  });
  it('says when latitude and longitude look swapped', () => {
    const r = parseFix({ lng: 24.87, lat: 88 }, 0, now);
    expect(r).toMatchObject({ reason: 'outside_china' });
  });
});

describe('parseMessage', () => {
  it('takes one object or an array, in time order', () => {
    const r = parseMessage(
      [
        { ...QZ, at: ago(10).toISOString() },
        { ...QZ, at: ago(30).toISOString() },
      ],
      now,
    );
    expect('fixes' in r && r.fixes.map((f) => f.index)).toEqual([1, 0]);
  });
  it('refuses a message that is not JSON, empty, or too long', () => {
    expect(parseMessage(undefined, now)).toMatchObject({ messageRefusal: { reason: 'malformed' } });
    expect(parseMessage([], now)).toMatchObject({ messageRefusal: { reason: 'malformed' } });
    expect(
      parseMessage(
        Array.from({ length: 501 }, () => QZ),
        now,
      ),
    ).toMatchObject({ messageRefusal: { reason: 'too_many_positions' } });
  });
});

describe('impossible jumps', () => {
  const fix = (lng: number, lat: number, secondsAgo: number, index = 0): JudgedFix => ({
    lng,
    lat,
    at: ago(secondsAgo),
    speedKmh: null,
    heading: null,
    accuracyM: null,
    index,
  });

  it('computes speed between fixes, ignoring GPS jitter', () => {
    // 0.01° of latitude ≈ 1.11 km in 60 s ≈ 67 km/h
    expect(speedBetween(fix(118.6, 24.8, 60), fix(118.6, 24.81, 0))).toBeCloseTo(66.7, 0);
    expect(speedBetween(fix(118.6, 24.8, 0), fix(118.60001, 24.80001, 0))).toBe(0);
    expect(speedBetween(fix(118.6, 24.8, 0), fix(118.7, 24.8, 0))).toBe(Infinity);
  });

  it('refuses a fix more than 300 km/h from the previous one, and keeps judging from the last good fix', () => {
    const previous = { lng: 118.6, lat: 24.8, at: ago(120) };
    // 1: a normal move; 2: 50 km away a minute later (3,000 km/h); 3: normal again from fix 1
    const fixes = [fix(118.6, 24.81, 60, 0), fix(119.1, 24.81, 30, 1), fix(118.6, 24.815, 0, 2)];
    const r = dropJumps(fixes, previous, DEFAULT_LIMITS);
    expect(r.accepted.map((f) => f.index)).toEqual([0, 2]);
    expect(r.refusals).toEqual([{ index: 1, reason: 'impossible_jump', detail: expect.stringContaining('上限 300 km/h') }]);
  });

  it('judges the first fix against the stored one, and honours a configured limit', () => {
    const previous = { lng: 118.6, lat: 24.8, at: ago(60) };
    const next = [fix(118.6, 24.9, 0)]; // 11 km in a minute ≈ 667 km/h
    expect(dropJumps(next, previous).accepted).toHaveLength(0);
    expect(dropJumps(next, previous, { ...DEFAULT_LIMITS, maxSpeedKmh: 1_000 }).accepted).toHaveLength(1);
    expect(dropJumps(next, null).accepted).toHaveLength(1);
  });
});

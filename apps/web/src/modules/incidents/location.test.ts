import { describe, expect, it } from 'vitest';
import { convertPoint, fromMap, pointProblem, toWgs84 } from './location';

describe('intake location', () => {
  it('keeps a WGS84 map click as it is (rounded to 6 decimals)', () => {
    expect(fromMap(118.5893311234, 24.9083219876, 'wgs84')).toEqual({ lng: 118.589331, lat: 24.908322, crs: 'wgs84' });
  });

  it('expresses a map click in GCJ-02 when that is chosen, and maps it back to the same place', () => {
    const p = fromMap(118.589331, 24.908322, 'gcj02');
    expect(p.crs).toBe('gcj02');
    // GCJ-02 is shifted by a few hundred metres in Quanzhou.
    expect(Math.abs(p.lng - 118.589331)).toBeGreaterThan(0.001);
    const back = toWgs84(p);
    expect(back.lng).toBeCloseTo(118.589331, 5);
    expect(back.lat).toBeCloseTo(24.908322, 5);
  });

  it('re-expresses a point when the toggle flips', () => {
    const w = { lng: 118.6, lat: 24.9, crs: 'wgs84' as const };
    expect(convertPoint(w, 'wgs84')).toBe(w);
    const g = convertPoint(w, 'gcj02');
    expect(toWgs84(g).lng).toBeCloseTo(118.6, 5);
  });

  it('names missing, out-of-range and swapped coordinates', () => {
    expect(pointProblem(118.6, 24.9)).toBeNull();
    expect(pointProblem(undefined, 24.9)).toBe('missing');
    expect(pointProblem(24.9, 118.6)).toBe('swapped');
    expect(pointProblem(200, 10)).toBe('range');
  });
});

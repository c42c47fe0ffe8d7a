import { describe, expect, it } from 'vitest';
import {
  capTimeMs,
  findSelfIntersection,
  formatAddresses,
  formatCapDateTime,
  formatPolygon,
  parseAddresses,
  parseCircle,
  parsePolygon,
  parseReferences,
} from './values.js';

describe('CAP value helpers', () => {
  it('compares dateTimes across offsets and formats Beijing time', () => {
    expect(capTimeMs('2025-07-20T09:30:00+08:00')).toBe(capTimeMs('2025-07-20T01:30:00+00:00'));
    expect(capTimeMs('2025-02-29T00:00:00+08:00')).toBeNaN();
    expect(formatCapDateTime(new Date('2025-07-20T01:30:00Z'))).toBe('2025-07-20T09:30:00+08:00');
  });

  it('closes a polygon ring and reads it back lat-first', () => {
    const text = formatPolygon([
      { lat: 24.7, lon: 118.5 },
      { lat: 24.8, lon: 118.5 },
      { lat: 24.8, lon: 118.6 },
    ]);
    expect(text).toBe('24.7,118.5 24.8,118.5 24.8,118.6 24.7,118.5');
    expect(parsePolygon(text)![1]).toEqual({ lat: 24.8, lon: 118.5 });
    expect(parseCircle('24.87,118.68 80')).toEqual({ center: { lat: 24.87, lon: 118.68 }, radiusKm: 80 });
  });

  it('finds a crossing between one long edge and many short ones', () => {
    // a comb: many short teeth along the bottom, closed by a long top edge that dips through a tooth
    const pts = [{ lat: 0, lon: 0 }];
    for (let i = 1; i <= 200; i++) pts.push({ lat: i % 2 ? 0.01 : 0, lon: i * 0.01 });
    pts.push({ lat: -0.5, lon: 1 }, { lat: 0.005, lon: 2.001 }, { lat: 1, lon: 0 }, { lat: 0, lon: 0 });
    expect(findSelfIntersection(pts)).not.toBeNull();
    // without the dip the comb is simple
    pts.splice(201, 2, { lat: 1, lon: 2 });
    expect(findSelfIntersection(pts)).toBeNull();
  });

  it('splits references and quoted addresses', () => {
    expect(parseReferences('a,b,2025-07-20T09:30:00+08:00 bad')).toEqual([
      { sender: 'a', identifier: 'b', sent: '2025-07-20T09:30:00+08:00' },
      null,
    ]);
    expect(parseAddresses('duty@qz "county duty" x')).toEqual(['duty@qz', 'county duty', 'x']);
    expect(formatAddresses(['duty@qz', 'county duty'])).toBe('duty@qz "county duty"');
  });
});

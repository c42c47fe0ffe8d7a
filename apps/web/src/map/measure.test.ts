import { distanceMeters, lngLat } from '@vigil/geo';
import { describe, expect, it } from 'vitest';
import { circleRing, destination, formatArea, formatDistance, pathLengthM, polygonAreaM2, type Position } from './measure';

const R = 6371008.8;
const dist = (a: Position, b: Position) => distanceMeters(lngLat(a[0], a[1]), lngLat(b[0], b[1]));

describe('geodesic measuring', () => {
  it('sums the legs of a polyline', () => {
    // Quanzhou city hall → Jinjiang airport → Shishi: each leg measured on its own.
    const a: Position = [118.5894, 24.9089];
    const b: Position = [118.5897, 24.7964];
    const c: Position = [118.6485, 24.7317];
    expect(pathLengthM([a, b, c])).toBeCloseTo(dist(a, b) + dist(b, c), 6);
    expect(pathLengthM([a, b])).toBeGreaterThan(12_400);
    expect(pathLengthM([a, b])).toBeLessThan(12_600);
    expect(pathLengthM([a])).toBe(0);
  });

  it('measures a 1° cell at the equator like the exact spherical formula', () => {
    const exact = R * R * (Math.PI / 180) * Math.sin(Math.PI / 180);
    const cell: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(polygonAreaM2(cell) / exact).toBeCloseTo(1, 3);
    // Orientation and an open ring do not matter.
    expect(polygonAreaM2([...cell].reverse())).toBeCloseTo(polygonAreaM2(cell), 3);
    expect(polygonAreaM2(cell.slice(0, 4))).toBeCloseTo(polygonAreaM2(cell), 3);
    expect(polygonAreaM2(cell.slice(0, 2))).toBe(0);
  });

  it('measures a square kilometre in Quanzhou as about a square kilometre', () => {
    const sw: Position = [118.6, 24.9];
    const se = destination(sw, 90, 1000);
    const ne = destination(se, 0, 1000);
    const nw = destination(sw, 0, 1000);
    expect(polygonAreaM2([sw, se, ne, nw, sw]) / 1e6).toBeCloseTo(1, 2);
  });

  it('builds a closed circle ring whose points all lie at the radius', () => {
    const center: Position = [118.6, 24.9];
    const ring = circleRing(center, 5000, 64);
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    for (const p of ring) expect(dist(center, p)).toBeCloseTo(5000, 3);
    // Due north first, then clockwise (east has a larger longitude).
    expect(ring[0]![0]).toBeCloseTo(118.6, 9);
    expect(ring[16]![0]).toBeGreaterThan(118.6);
    expect(polygonAreaM2(ring) / (Math.PI * 5000 * 5000)).toBeCloseTo(1, 2);
  });

  it('wraps longitudes across the antimeridian', () => {
    const p = destination([179.99, 0], 90, 5000);
    expect(p[0]).toBeLessThan(-179.9);
  });

  it('formats lengths and areas for the read-out', () => {
    expect(formatDistance(849.6)).toBe('850 m');
    expect(formatDistance(12_345)).toBe('12.35 km');
    expect(formatDistance(123_456)).toBe('123.5 km');
    expect(formatArea(5300.4)).toBe('5,300 m²');
    expect(formatArea(2_450_000)).toBe('2.45 km²');
  });
});

import { describe, expect, it } from 'vitest';
import {
  distanceMeters,
  gcj02ToWgs84,
  gcjLngLat,
  geometryBbox,
  isInChina,
  isPoint,
  isPolygon,
  lngLat,
  looksSwapped,
  wgs84ToGcj02,
} from './index.js';

describe('coordinates', () => {
  it('rejects out-of-range coordinates', () => {
    expect(() => lngLat(181, 20)).toThrow(RangeError);
    expect(() => lngLat(118, -91)).toThrow(RangeError);
    expect(() => lngLat(Number.NaN, 0)).toThrow(RangeError);
  });

  it('offsets Quanzhou by a few hundred metres in GCJ-02 and converts back within centimetres', () => {
    const wgs = lngLat(118.5894, 24.9089);
    const gcj = wgs84ToGcj02(wgs);
    const shift = distanceMeters(wgs, lngLat(gcj[0], gcj[1]));
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
    const back = gcj02ToWgs84(gcj);
    expect(distanceMeters(wgs, back)).toBeLessThan(0.05);
  });

  it('does not shift coordinates outside China', () => {
    const paris = lngLat(2.35, 48.85);
    expect([...wgs84ToGcj02(paris)]).toEqual([2.35, 48.85]);
    expect([...gcj02ToWgs84(gcjLngLat(2.35, 48.85))]).toEqual([2.35, 48.85]);
  });

  it('detects swapped latitude/longitude for Chinese points', () => {
    expect(isInChina(118.6, 24.9)).toBe(true);
    expect(looksSwapped(24.9, 118.6)).toBe(true);
    expect(looksSwapped(118.6, 24.9)).toBe(false);
    expect(looksSwapped(2.35, 48.85)).toBe(false);
  });

  it('measures distance', () => {
    // one degree of latitude is ~111 km
    expect(distanceMeters(lngLat(118, 24), lngLat(118, 25)) / 1000).toBeCloseTo(111.2, 0);
  });
});

describe('GeoJSON guards', () => {
  it('computes a bbox over nested coordinates', () => {
    expect(
      geometryBbox({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1, 2],
              [3, 4],
              [0, 5],
              [1, 2],
            ],
          ],
        ],
      }),
    ).toEqual([0, 2, 3, 5]);
    expect(geometryBbox({ type: 'Point', coordinates: [] })).toBeNull();
  });

  it('accepts closed polygons and rejects open ones', () => {
    expect(
      isPolygon({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBe(true);
    expect(
      isPolygon({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ).toBe(false);
    expect(
      isPolygon({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBe(false);
  });

  it('guards points', () => {
    expect(isPoint({ type: 'Point', coordinates: [118.6, 24.9] })).toBe(true);
    expect(isPoint({ type: 'Point', coordinates: [200, 24.9] })).toBe(false);
    expect(isPoint({ type: 'Point', coordinates: ['1', 2] })).toBe(false);
  });
});

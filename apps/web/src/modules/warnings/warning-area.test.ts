import { GeoJsonPolygon, WarningCircle } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { pathLengthM } from '../../map/measure';
import { drawnBbox, drawnCollection, drawnOf, isNothingDrawn, shapeFromSketch, withShape } from './warning-area';

describe('drawn warning area', () => {
  it('turns a finished polygon sketch into a closed GeoJSON polygon the contract accepts', () => {
    const shape = shapeFromSketch({
      tool: 'polygon',
      vertices: [
        [118.512345678, 24.81],
        [118.7, 24.8],
        [118.7, 24.8], // a double-click's repeated vertex
        [118.65, 25.0],
      ],
      done: true,
    });
    expect(shape).toEqual({
      kind: 'polygon',
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [118.512346, 24.81],
            [118.7, 24.8],
            [118.65, 25.0],
            [118.512346, 24.81],
          ],
        ],
      },
    });
    expect(GeoJsonPolygon.safeParse(shape?.kind === 'polygon' ? shape.polygon : null).success).toBe(true);
  });

  it('turns a circle sketch into centre and radius in km (the API unit)', () => {
    const centre: [number, number] = [118.6, 24.9];
    const rim: [number, number] = [118.7, 24.9];
    const shape = shapeFromSketch({ tool: 'circle', vertices: [centre, rim], done: true });
    expect(shape?.kind).toBe('circle');
    const circle = shape?.kind === 'circle' ? shape.circle : null;
    expect(circle?.lng).toBe(118.6);
    expect(circle?.radiusKm).toBeCloseTo(pathLengthM([centre, rim]) / 1000, 2);
    expect(circle!.radiusKm).toBeGreaterThan(10);
    expect(WarningCircle.safeParse(circle).success).toBe(true);
  });

  it('refuses unfinished sketches and measuring tools', () => {
    expect(
      shapeFromSketch({
        tool: 'polygon',
        vertices: [
          [118.6, 24.9],
          [118.7, 24.9],
        ],
        done: false,
      }),
    ).toBeNull();
    expect(shapeFromSketch({ tool: 'circle', vertices: [[118.6, 24.9]], done: false })).toBeNull();
    expect(
      shapeFromSketch({
        tool: 'area',
        vertices: [
          [118.6, 24.9],
          [118.7, 24.9],
          [118.7, 25],
        ],
        done: true,
      }),
    ).toBeNull();
  });

  it('replaces the shape of the same kind and keeps the other', () => {
    const circle = { lng: 118.6, lat: 24.9, radiusKm: 5 };
    const drawn = withShape(null, { kind: 'circle', circle });
    expect(drawn).toEqual({ polygon: null, circle });
    const polygon = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [118, 24],
          [119, 24],
          [119, 25],
          [118, 24],
        ],
      ] as [number, number][][],
    };
    const both = withShape(drawn, { kind: 'polygon', polygon });
    expect(both).toEqual({ polygon, circle });
    expect(withShape(both, { kind: 'circle', circle: { ...circle, radiusKm: 8 } }).circle?.radiusKm).toBe(8);
    expect(isNothingDrawn(both)).toBe(false);
    expect(isNothingDrawn(drawnOf({ polygon: null, circle: null }))).toBe(true);
  });

  it('draws a circle as a ring around its centre and frames all shapes', () => {
    const fc = drawnCollection({ polygon: null, circle: { lng: 118.6, lat: 24.9, radiusKm: 10 } });
    expect(fc.features).toHaveLength(1);
    const ring = fc.features[0]!.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const p of ring) expect(pathLengthM([[118.6, 24.9], p])).toBeCloseTo(10_000, -1);
    const box = drawnBbox({ polygon: null, circle: { lng: 118.6, lat: 24.9, radiusKm: 10 } })!;
    expect(box[0]).toBeLessThan(118.6);
    expect(box[2]).toBeGreaterThan(118.6);
    expect(drawnBbox(null)).toBeNull();
  });
});

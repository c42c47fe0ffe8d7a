import { describe, expect, it } from 'vitest';
import { destination, type Position } from './measure';
import { canFinish, sketchCollection, sketchMeasure, sketchQueryShape, type SketchState } from './sketch-shape';

const C: Position = [118.6, 24.9];
const state = (tool: SketchState['tool'], vertices: Position[], done = false): SketchState => ({ tool, vertices, done });

describe('sketching on the map', () => {
  it('turns a centre and a rim click into a circle query with the geodesic radius', () => {
    const rim = destination(C, 90, 3000);
    const s = state('circle', [C, rim], true);
    expect(canFinish(s)).toBe(true);
    const shape = sketchQueryShape(s);
    expect(shape).toMatchObject({ type: 'circle', center: { lng: 118.6, lat: 24.9, crs: 'wgs84' } });
    expect((shape as { radiusM: number }).radiusM).toBeCloseTo(3000, 0);
    const area = sketchCollection(s).features.find((f) => f.properties.role === 'area');
    expect(area?.geometry.type).toBe('Polygon');
  });

  it('previews the circle radius from the cursor while drawing', () => {
    const s = state('circle', [C]);
    expect(canFinish(s)).toBe(false);
    expect(sketchCollection(s).features.map((f) => f.properties.role)).toEqual(['vertex']);
    const preview = sketchCollection(s, destination(C, 0, 1000));
    expect(preview.features.map((f) => f.properties.role).sort()).toEqual(['area', 'line', 'vertex']);
    expect(sketchMeasure(s, destination(C, 0, 1000)).lengthM).toBeCloseTo(1000, 3);
  });

  it('closes a polygon query ring and needs three vertices', () => {
    const a = C;
    const b = destination(C, 90, 1000);
    const c = destination(b, 0, 1000);
    expect(canFinish(state('polygon', [a, b]))).toBe(false);
    expect(sketchQueryShape(state('polygon', [a, b]))).toBeNull();
    const shape = sketchQueryShape(state('polygon', [a, b, c], true));
    expect(shape).toEqual({ type: 'polygon', coordinates: [a, b, c, a] });
  });

  it('measures distance along the path and area of a closed shape', () => {
    const a = C;
    const b = destination(a, 90, 1000);
    const c = destination(b, 0, 1000);
    const d = destination(a, 0, 1000);
    const path = sketchMeasure(state('distance', [a, b, c], true));
    expect(path.lengthM).toBeCloseTo(2000, 0);
    expect(path.areaM2).toBeNull();
    const square = sketchMeasure(state('area', [a, b, c, d], true));
    expect(square.areaM2! / 1e6).toBeCloseTo(1, 2);
    expect(square.lengthM).toBeCloseTo(4000, -1);
    // Measurements are never sent as queries.
    expect(sketchQueryShape(state('area', [a, b, c, d], true))).toBeNull();
    expect(sketchQueryShape(state('distance', [a, b], true))).toBeNull();
  });

  it('draws a path as a line until it can be closed', () => {
    const b = destination(C, 90, 1000);
    expect(sketchCollection(state('area', [C, b])).features.map((f) => f.properties.role)).toEqual(['vertex', 'vertex', 'line']);
    expect(sketchCollection(state('distance', [C], false), b).features.map((f) => f.geometry.type)).toEqual(['Point', 'LineString']);
  });
});

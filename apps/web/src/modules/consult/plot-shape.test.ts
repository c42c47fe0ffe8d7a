import { plotGeometryProblem } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { geometryFromVertices, sketchToolFor } from './plot-shape';

describe('plot shapes from sketches', () => {
  it('closes a polygon ring so the server accepts it', () => {
    const g = geometryFromVertices('Polygon', [
      [118.6, 24.9],
      [118.61, 24.9],
      [118.61, 24.91],
    ]);
    expect(g?.coordinates).toEqual([
      [
        [118.6, 24.9],
        [118.61, 24.9],
        [118.61, 24.91],
        [118.6, 24.9],
      ],
    ]);
    expect(plotGeometryProblem(g!)).toBeNull();
  });

  it('needs enough vertices and picks the sketch tool per geometry', () => {
    expect(geometryFromVertices('LineString', [[118.6, 24.9]])).toBeNull();
    expect(geometryFromVertices('Point', [[118.6, 24.9]])).toEqual({ type: 'Point', coordinates: [118.6, 24.9] });
    expect(sketchToolFor('LineString')).toBe('distance');
    expect(sketchToolFor('Polygon')).toBe('polygon');
    expect(sketchToolFor('Point')).toBeNull();
  });
});

import { CreatePlotFeatureInput, MAX_PLOT_VERTICES, PLOT_SYMBOLS, findPlotSymbol, plotGeometryProblem } from '@vigil/shared';
import { describe, expect, it } from 'vitest';

const ring = [
  [118.6, 24.9],
  [118.61, 24.9],
  [118.61, 24.91],
  [118.6, 24.9],
];

describe('plot geometry validation', () => {
  it('accepts points, lines and closed polygons inside China', () => {
    expect(plotGeometryProblem({ type: 'Point', coordinates: [118.6, 24.9] })).toBeNull();
    expect(plotGeometryProblem({ type: 'LineString', coordinates: [ring[0]!, ring[1]!] })).toBeNull();
    expect(plotGeometryProblem({ type: 'Polygon', coordinates: [ring] })).toBeNull();
  });

  it('refuses open rings, short rings and one-point lines', () => {
    expect(plotGeometryProblem({ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [118.62, 24.92]]] })).toContain('闭合');
    expect(plotGeometryProblem({ type: 'Polygon', coordinates: [[ring[0]!, ring[1]!, ring[0]!]] })).toContain('至少需要 4 个点');
    expect(plotGeometryProblem({ type: 'LineString', coordinates: [ring[0]!] })).toContain('至少需要 2 个点');
  });

  it('refuses coordinates outside China, swapped or malformed, and more than the vertex limit', () => {
    expect(plotGeometryProblem({ type: 'Point', coordinates: [2.35, 48.85] })).toContain('超出中国范围');
    expect(plotGeometryProblem({ type: 'Point', coordinates: [24.9, 118.6] })).toContain('超出中国范围');
    expect(plotGeometryProblem({ type: 'Point', coordinates: [118.6] })).toContain('经度, 纬度');
    const many = Array.from({ length: MAX_PLOT_VERTICES + 1 }, (_, i) => [118 + i / 100000, 24.9]);
    expect(plotGeometryProblem({ type: 'LineString', coordinates: many })).toContain(String(MAX_PLOT_VERTICES));
    expect(plotGeometryProblem({ type: 'LineString', coordinates: many.slice(0, MAX_PLOT_VERTICES) })).toBeNull();
  });
});

describe('symbol catalogue', () => {
  it('holds the emergency symbols with unique codes, Chinese names and colours', () => {
    const codes = PLOT_SYMBOLS.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [
      'command_post',
      'danger_zone',
      'evacuation_route',
      'road_closure',
      'water_source',
      'staging_area',
      'medical_point',
      'helipad',
    ])
      expect(findPlotSymbol(code), code).toBeDefined();
    expect(findPlotSymbol('helipad')?.zh).toBe('直升机起降点');
    for (const s of PLOT_SYMBOLS) {
      expect(s.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(s.geometries.length).toBeGreaterThan(0);
    }
  });

  it('lets a symbol be drawn only as its geometry types', () => {
    const point = { type: 'Point', coordinates: [118.6, 24.9] };
    expect(CreatePlotFeatureInput.safeParse({ symbol: 'helipad', geometry: point }).success).toBe(true);
    const wrong = CreatePlotFeatureInput.safeParse({ symbol: 'evacuation_route', geometry: point });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['geometry']);
    expect(CreatePlotFeatureInput.safeParse({ symbol: 'ufo', geometry: point }).success).toBe(false);
  });
});

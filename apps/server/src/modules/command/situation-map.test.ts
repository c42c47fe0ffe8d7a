import type { PlotFeatureDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { drawOrder, fitProjection, legendOf, mercator, scaleBar, snapshotBBox } from './situation-map';

const feature = (symbol: string, geometry: PlotFeatureDto['geometry'], colour = '#123456'): PlotFeatureDto => ({
  type: 'Feature',
  id: `${symbol}-${geometry.type}`,
  geometry,
  properties: { symbol, label: null, colour, version: 1, updatedBy: null, updatedAt: '2026-01-01T00:00:00Z' },
});

const zone = feature('danger_zone', {
  type: 'Polygon',
  coordinates: [
    [
      [118.6, 24.9],
      [118.62, 24.9],
      [118.62, 24.91],
      [118.6, 24.9],
    ],
  ],
});
const route = feature('evacuation_route', {
  type: 'LineString',
  coordinates: [
    [118.59, 24.905],
    [118.63, 24.915],
  ],
});
const post = feature('command_post', { type: 'Point', coordinates: [118.61, 24.92] });
const frame = { x: 40, y: 100, width: 500, height: 300 };

describe('map snapshot projection', () => {
  it('projects Web-Mercator: the equator at 0, y growing northwards', () => {
    const [ox, oy] = mercator([0, 0]);
    expect(ox).toBe(0);
    expect(oy).toBeCloseTo(0, 6);
    const [x, y] = mercator([180, 85.05112878]);
    expect(x).toBeCloseTo(20_037_508.34, 1);
    expect(y).toBeCloseTo(20_037_508.34, 0);
  });

  it('takes the bbox of every position and the extra points', () => {
    expect(snapshotBBox([zone, route, post], [[118.58, 24.89]])).toEqual([118.58, 24.89, 118.63, 24.92]);
    expect(snapshotBBox([])).toBeNull();
  });

  it('fits the bbox inside the frame with the padding, centred, north up', () => {
    const bbox = snapshotBBox([zone, route, post])!;
    const p = fitProjection(bbox, frame, 20);
    const corners = [p.project([bbox[0], bbox[1]]), p.project([bbox[2], bbox[3]])];
    for (const [x, y] of corners) {
      expect(x).toBeGreaterThanOrEqual(frame.x + 20 - 1e-6);
      expect(x).toBeLessThanOrEqual(frame.x + frame.width - 20 + 1e-6);
      expect(y).toBeGreaterThanOrEqual(frame.y + 20 - 1e-6);
      expect(y).toBeLessThanOrEqual(frame.y + frame.height - 20 + 1e-6);
    }
    const [sw, ne] = corners as [[number, number], [number, number]];
    expect(ne[1]).toBeLessThan(sw[1]); // north is up on the page
    // The limiting side touches the padding: the bbox is wider than tall, so it spans the inner width.
    expect(ne[0] - sw[0]).toBeCloseTo(frame.width - 40, 6);
    // The shorter side is centred.
    expect((sw[1] + ne[1]) / 2).toBeCloseTo(frame.y + frame.height / 2, 6);
  });

  it('widens a single point to the minimum span and puts it in the middle', () => {
    const p = fitProjection([118.6, 24.9, 118.6, 24.9], frame, 10, 2000);
    expect(p.project([118.6, 24.9])).toEqual([frame.x + frame.width / 2, frame.y + frame.height / 2]);
    // 2 km of Mercator span over the inner height of 280 units.
    expect(p.scale).toBeCloseTo(280 / 2000, 9);
    expect(p.metresPerUnit).toBeCloseTo((2000 / 280) * Math.cos((24.9 * Math.PI) / 180), 9);
  });

  it('picks a 1-2-5 scale bar that fits, in metres or kilometres', () => {
    expect(scaleBar(10, 120)).toEqual({ metres: 1000, length: 100, label: '1 公里' });
    expect(scaleBar(1, 120)).toEqual({ metres: 100, length: 100, label: '100 米' });
    expect(scaleBar(3, 120)).toMatchObject({ metres: 200, label: '200 米' });
    expect(scaleBar(50, 120).label).toBe('5 公里');
    expect(scaleBar(3, 120).length).toBeLessThanOrEqual(120);
  });

  it('lists each symbol kind used once, with its name, default colour and count', () => {
    const zone2 = { ...zone, id: 'z2' };
    expect(legendOf([zone, post, zone2, feature('mystery', { type: 'Point', coordinates: [1, 2] }, '#abcdef')])).toEqual([
      { code: 'danger_zone', zh: '危险区', colour: '#e53935', geometry: 'Polygon', count: 2 },
      { code: 'command_post', zh: '指挥部', colour: '#c62828', geometry: 'Point', count: 1 },
      { code: 'mystery', zh: 'mystery', colour: '#abcdef', geometry: 'Point', count: 1 },
    ]);
  });

  it('draws areas under lines under points', () => {
    expect(drawOrder([post, route, zone]).map((f) => f.geometry.type)).toEqual(['Polygon', 'LineString', 'Point']);
  });
});

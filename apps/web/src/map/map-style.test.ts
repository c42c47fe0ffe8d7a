import { describe, expect, it } from 'vitest';
import { buildStyle, collectionBbox, formatLngLat } from './map-style';
import type { BoundaryCollection } from './map.api';

describe('One Map style', () => {
  it('is fully offline without a basemap: no glyphs, sprite or URL sources', () => {
    const style = buildStyle(null);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//);
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'county-fill', 'county-line', 'city-line']);
    // Opaque county fill: drawn without blending (cheap in software WebGL).
    const fill = style.layers.find((l) => l.id === 'county-fill');
    expect(fill?.type === 'fill' && fill.paint?.['fill-opacity']).toBe(1);
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('puts the deployment basemap under the boundaries', () => {
    const style = buildStyle({ url: 'https://tiles.qz.local/{z}/{x}/{y}.png', attribution: '泉州市测绘院' });
    expect(style.sources.basemap).toMatchObject({
      type: 'raster',
      tiles: ['https://tiles.qz.local/{z}/{x}/{y}.png'],
      attribution: '泉州市测绘院',
    });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('basemap')).toBe(1);
    expect(ids.indexOf('basemap')).toBeLessThan(ids.indexOf('county-fill'));
  });

  it('keys county features by division code so hover/selection state can address them', () => {
    expect(buildStyle(null).sources.county).toMatchObject({ type: 'geojson', promoteId: 'code' });
  });

  it('computes the extent of the boundaries to fit the view', () => {
    const fc: BoundaryCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '350582', name: '晋江市', level: 'county', labelLng: 118.55, labelLat: 24.78 },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [118.4, 24.6],
                [118.7, 24.6],
                [118.7, 24.9],
                [118.4, 24.6],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { code: '350526', name: '德化县', level: 'county', labelLng: 118.24, labelLat: 25.49 },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [118.0, 25.3],
                  [118.5, 25.3],
                  [118.5, 25.8],
                  [118.0, 25.3],
                ],
              ],
            ],
          },
        },
      ],
    };
    expect(collectionBbox(fc)).toEqual([118.0, 24.6, 118.7, 25.8]);
    expect(collectionBbox({ type: 'FeatureCollection', features: [] })).toBeNull();
  });

  it('formats coordinates to about a metre', () => {
    expect(formatLngLat(118.589331, 24.908321)).toBe('118.58933, 24.90832');
  });
});

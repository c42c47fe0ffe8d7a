import { describe, expect, it } from 'vitest';
import {
  clusterCellSize,
  clusters,
  fromMercator,
  MERCATOR_HALF,
  tileAddressError,
  tileBounds,
  tileFor,
  tileLngLatBounds,
  tilePixel,
  tileSize,
  toMercator,
} from './tile-math.js';

const QUANZHOU = { lng: 118.6757, lat: 24.8741 };

describe('tile addresses', () => {
  it('accepts every tile of the zoom level and names the part that is out of range', () => {
    expect(tileAddressError({ z: 0, x: 0, y: 0 })).toBeNull();
    expect(tileAddressError({ z: 14, x: 16383, y: 0 })).toBeNull();
    expect(tileAddressError({ z: 23, x: 0, y: 0 })?.field).toBe('z');
    expect(tileAddressError({ z: -1, x: 0, y: 0 })?.field).toBe('z');
    expect(tileAddressError({ z: 1.5, x: 0, y: 0 })?.field).toBe('z');
    expect(tileAddressError({ z: 3, x: 8, y: 0 })?.field).toBe('x');
    expect(tileAddressError({ z: 3, x: 0, y: 8 })?.field).toBe('y');
    expect(tileAddressError({ z: 3, x: -1, y: 0 })?.field).toBe('x');
  });

  it('matches the PostGIS tile envelope and finds the tile over Quanzhou', () => {
    // ST_TileEnvelope(10, 849, 441) as printed by PostGIS 3.6.
    const b = tileBounds({ z: 10, x: 849, y: 441 });
    expect(b.minX).toBeCloseTo(13188750.608437452, 5);
    expect(b.maxY).toBeCloseTo(2778638.8522227257, 5);
    expect(b.maxX - b.minX).toBeCloseTo(tileSize(10), 6);
    expect(tileBounds({ z: 0, x: 0, y: 0 })).toEqual({
      minX: -MERCATOR_HALF,
      minY: -MERCATOR_HALF,
      maxX: MERCATOR_HALF,
      maxY: MERCATOR_HALF,
    });
    expect(tileFor(QUANZHOU.lng, QUANZHOU.lat, 10)).toEqual({ z: 10, x: 849, y: 438 });
    expect(tileFor(QUANZHOU.lng, QUANZHOU.lat, 0)).toEqual({ z: 0, x: 0, y: 0 });
  });

  it('round-trips WGS84 through Web Mercator', () => {
    const [x, y] = toMercator(QUANZHOU.lng, QUANZHOU.lat);
    expect(x).toBeCloseTo(13210918.5, 0);
    const [lng, lat] = fromMercator(x, y);
    expect(lng).toBeCloseTo(QUANZHOU.lng, 9);
    expect(lat).toBeCloseTo(QUANZHOU.lat, 9);
  });

  it('pads the WGS84 envelope so that no point of the tile escapes the index pre-filter', () => {
    const t = tileFor(QUANZHOU.lng, QUANZHOU.lat, 12);
    const [minLng, minLat, maxLng, maxLat] = tileLngLatBounds(t);
    const b = tileBounds(t);
    const [cornerLng, cornerLat] = fromMercator(b.minX, b.maxY);
    expect(cornerLng).toBeGreaterThan(minLng);
    expect(cornerLat).toBeLessThan(maxLat);
    expect(minLat).toBeLessThan(QUANZHOU.lat);
    expect(maxLng).toBeGreaterThan(QUANZHOU.lng);
  });
});

describe('pixels inside a tile', () => {
  it('places a point in 0…4095 with y pointing down, and nothing outside the tile', () => {
    const t = tileFor(QUANZHOU.lng, QUANZHOU.lat, 14);
    const b = tileBounds(t);
    expect(tilePixel(t, b.minX, b.maxY)).toEqual([0, 0]);
    expect(tilePixel(t, b.maxX - 0.001, b.minY + 0.001)).toEqual([4095, 4095]);
    const quarter = (b.maxX - b.minX) / 4;
    expect(tilePixel(t, b.minX + quarter + 0.01, b.maxY - 3 * quarter - 0.01)).toEqual([1024, 3072]);
    expect(tilePixel(t, b.minX - 1, b.maxY)).toBeNull();
  });

  it('gives a point on a shared edge to exactly one tile', () => {
    const z = 12;
    const left = { z, x: 3400, y: 1760 };
    const right = { z, x: 3401, y: 1760 };
    const below = { z, x: 3400, y: 1761 };
    const b = tileBounds(left);
    const onVertical = [b.maxX, (b.minY + b.maxY) / 2] as const;
    expect([tilePixel(left, ...onVertical), tilePixel(right, ...onVertical)].filter(Boolean)).toHaveLength(1);
    const onHorizontal = [(b.minX + b.maxX) / 2, b.minY] as const;
    expect([tilePixel(left, ...onHorizontal), tilePixel(below, ...onHorizontal)].filter(Boolean)).toHaveLength(1);
  });
});

describe('clusters', () => {
  it('clusters below zoom 11 with cells that nest inside tiles', () => {
    expect(clusters(10)).toBe(true);
    expect(clusters(11)).toBe(false);
    for (const z of [0, 5, 8, 10]) {
      const cell = clusterCellSize(z);
      // Tile edges are whole multiples of the cell size, so floor(x / cell) never spans two tiles.
      const edge = tileBounds({ z, x: 2 ** z - 1, y: 0 }).minX / cell;
      expect(Math.abs(edge - Math.round(edge))).toBeLessThan(1e-6);
    }
  });
});

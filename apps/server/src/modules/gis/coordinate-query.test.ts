import { describe, expect, it } from 'vitest';
import { parseCoordinateQuery } from './coordinate-query.js';

describe('coordinates typed into the map search', () => {
  it('reads lng,lat in the usual separators', () => {
    expect(parseCoordinateQuery('118.6,24.9')).toEqual({ lng: 118.6, lat: 24.9, crs: 'wgs84', swapped: false });
    expect(parseCoordinateQuery(' 118.6， 24.9 ')).toMatchObject({ lng: 118.6, lat: 24.9 });
    expect(parseCoordinateQuery('118.6 24.9')).toMatchObject({ lng: 118.6, lat: 24.9 });
  });

  it('swaps a lat,lng pair back and says so', () => {
    expect(parseCoordinateQuery('24.9,118.6')).toEqual({ lng: 118.6, lat: 24.9, crs: 'wgs84', swapped: true });
  });

  it('recognises a GCJ-02 hint before or after the numbers', () => {
    expect(parseCoordinateQuery('118.6,24.9 gcj02')?.crs).toBe('gcj02');
    expect(parseCoordinateQuery('GCJ-02: 118.6,24.9')?.crs).toBe('gcj02');
    expect(parseCoordinateQuery('高德 118.6,24.9')?.crs).toBe('gcj02');
    expect(parseCoordinateQuery('wgs84 118.6,24.9')?.crs).toBe('wgs84');
  });

  it('ignores text that is not a coordinate in China', () => {
    expect(parseCoordinateQuery('晋江')).toBeNull();
    expect(parseCoordinateQuery('TEAM-001')).toBeNull();
    expect(parseCoordinateQuery('2.35,48.85')).toBeNull(); // Paris
    expect(parseCoordinateQuery('118.6')).toBeNull();
    expect(parseCoordinateQuery('118.6,24.9,3')).toBeNull();
  });
});

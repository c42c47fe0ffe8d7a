import { wgs84ToGcj02, lngLat } from '@vigil/geo';
import { describe, expect, it } from 'vitest';
import { parseCoordinateInput, toWgs84 } from './coordinate-input';

describe('coordinates typed into the map search', () => {
  it('reads longitude, latitude in the usual spellings', () => {
    const want = { kind: 'point', lng: 118.6, lat: 24.9, swapped: false };
    expect(parseCoordinateInput('118.6,24.9')).toEqual(want);
    expect(parseCoordinateInput(' 118.6, 24.9 ')).toEqual(want);
    expect(parseCoordinateInput('118.6 24.9')).toEqual(want);
    expect(parseCoordinateInput('118.6，24.9')).toEqual(want);
    expect(parseCoordinateInput('E118.6 N24.9')).toEqual(want);
    expect(parseCoordinateInput('118.6°E, 24.9°N')).toEqual(want);
  });

  it('corrects a pair entered as latitude, longitude and says so', () => {
    expect(parseCoordinateInput('24.9,118.6')).toEqual({ kind: 'point', lng: 118.6, lat: 24.9, swapped: true });
  });

  it('reports two numbers that are no place in China', () => {
    expect(parseCoordinateInput('2.35,48.85')).toEqual({ kind: 'outside', lng: 2.35, lat: 48.85 });
    expect(parseCoordinateInput('500,24')).toEqual({ kind: 'outside', lng: 500, lat: 24 });
  });

  it('leaves names and codes to the text search', () => {
    expect(parseCoordinateInput('泉港石化')).toBeNull();
    expect(parseCoordinateInput('TEAM-0001')).toBeNull();
    expect(parseCoordinateInput('118.6')).toBeNull();
    expect(parseCoordinateInput('350582')).toBeNull();
    expect(parseCoordinateInput('')).toBeNull();
  });

  it('converts GCJ-02 input back to WGS84', () => {
    const wgs = { lng: 118.6, lat: 24.9 };
    const [gLng, gLat] = wgs84ToGcj02(lngLat(wgs.lng, wgs.lat));
    expect(gLng).not.toBeCloseTo(wgs.lng, 4);
    const back = toWgs84(gLng, gLat, 'gcj02');
    expect(back.lng).toBeCloseTo(wgs.lng, 6);
    expect(back.lat).toBeCloseTo(wgs.lat, 6);
    expect(toWgs84(118.6, 24.9, 'wgs84')).toEqual(wgs);
  });
});

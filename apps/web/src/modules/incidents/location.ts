import { gcj02ToWgs84, gcjLngLat, lngLat, looksSwapped, wgs84ToGcj02 } from '@vigil/geo';

export type Crs = 'wgs84' | 'gcj02';

/** A point as the intake form holds it: the numbers in the reference system the officer chose. */
export interface PointValue {
  lng: number;
  lat: number;
  crs: Crs;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Where a point lies in WGS84 (the map's system), whatever system it was typed in. */
export function toWgs84(p: PointValue): { lng: number; lat: number } {
  if (p.crs === 'wgs84') return { lng: p.lng, lat: p.lat };
  const [lng, lat] = gcj02ToWgs84(gcjLngLat(p.lng, p.lat));
  return { lng: round6(lng), lat: round6(lat) };
}

/** A click on the (WGS84) map, expressed in the system the officer has chosen (about 10 cm precision). */
export function fromMap(lng: number, lat: number, crs: Crs): PointValue {
  if (crs === 'wgs84') return { lng: round6(lng), lat: round6(lat), crs };
  const [glng, glat] = wgs84ToGcj02(lngLat(lng, lat));
  return { lng: round6(glng), lat: round6(glat), crs };
}

/** The same place re-expressed in the other system (when the officer flips the toggle after clicking). */
export function convertPoint(p: PointValue, crs: Crs): PointValue {
  if (p.crs === crs) return p;
  const w = toWgs84(p);
  return fromMap(w.lng, w.lat, crs);
}

/** Whether typed numbers are a usable point: in range, and not latitude/longitude swapped. */
export function pointProblem(lng: number | null | undefined, lat: number | null | undefined): 'missing' | 'range' | 'swapped' | null {
  if (lng === null || lng === undefined || lat === null || lat === undefined) return 'missing';
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    return Math.abs(lat) > 90 && Math.abs(lng) <= 90 ? 'swapped' : 'range';
  }
  return looksSwapped(lng, lat) ? 'swapped' : null;
}

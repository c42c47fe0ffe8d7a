import { gcj02ToWgs84, gcjLngLat, isInChina, looksSwapped } from '@vigil/geo';
import type { Crs } from './map.api';

/** What a search box entry means when it looks like a coordinate pair. */
export type CoordinateInput =
  | { kind: 'point'; lng: number; lat: number; swapped: boolean }
  /** Two numbers, but not a place in China in either order. */
  | { kind: 'outside'; lng: number; lat: number };

const NUMBER = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;
// "118.6,24.9", "118.6 24.9", "118.6，24.9", "E118.6 N24.9", "118.6°E, 24.9°N"
const PAIR = new RegExp(
  String.raw`^\s*[EeWw东]?\s*(${NUMBER})\s*°?\s*[EeWw东]?\s*(?:[,，;；/\s]\s*)[NnSs北]?\s*(${NUMBER})\s*°?\s*[NnSs北]?\s*$`,
);

/**
 * Reads a typed coordinate pair (longitude first). A pair entered as latitude, longitude is
 * recognised when only the swapped order lies in China and is returned corrected (`swapped`).
 * Anything that is not two numbers gives null: the text is then a name or code search.
 */
export function parseCoordinateInput(text: string): CoordinateInput | null {
  const m = PAIR.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  if (Math.abs(a) <= 180 && Math.abs(b) <= 90 && isInChina(a, b)) return { kind: 'point', lng: a, lat: b, swapped: false };
  if (Math.abs(b) <= 180 && Math.abs(a) <= 90 && looksSwapped(a, b)) return { kind: 'point', lng: b, lat: a, swapped: true };
  return { kind: 'outside', lng: a, lat: b };
}

/** Converts a typed point to WGS84 (the map's and the API's datum). */
export function toWgs84(lng: number, lat: number, crs: Crs): { lng: number; lat: number } {
  if (crs === 'wgs84') return { lng, lat };
  const [x, y] = gcj02ToWgs84(gcjLngLat(lng, lat));
  return { lng: x, lat: y };
}

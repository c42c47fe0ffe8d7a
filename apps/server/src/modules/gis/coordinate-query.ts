import { isInChina, looksSwapped } from '@vigil/geo';

/** A coordinate typed into the map search box, read as WGS84 or GCJ-02 lng/lat. */
export interface TypedCoordinate {
  lng: number;
  lat: number;
  crs: 'wgs84' | 'gcj02';
  /** The user typed "lat,lng"; the pair was swapped back. */
  swapped: boolean;
}

const NUMBER = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;
const HINT = String.raw`(gcj[-_ ]?(?:02)?|wgs[-_ ]?(?:84)?|火星坐标|高德|腾讯)`;
const PATTERN = new RegExp(String.raw`^(?:${HINT}\s*[:：]?\s*)?(${NUMBER})\s*(?:[,，;；\s]\s*)(${NUMBER})(?:\s*${HINT})?$`, 'i');

/**
 * Reads "118.6,24.9", "24.9, 118.6" (lat first: detected and swapped), "118.6 24.9 gcj02" or
 * "高德 118.6,24.9" (GCJ-02, as copied from Amap/Tencent maps). Null when the text is not a
 * coordinate or the point lies outside China either way round.
 */
export function parseCoordinateQuery(text: string): TypedCoordinate | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const hint = (m[1] ?? m[4] ?? '').toLowerCase();
  const crs = /^(gcj|火星|高德|腾讯)/.test(hint) ? 'gcj02' : 'wgs84';
  const a = Number(m[2]);
  const b = Number(m[3]);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  if (isInChina(a, b)) return { lng: a, lat: b, crs, swapped: false };
  if (looksSwapped(a, b)) return { lng: b, lat: a, crs, swapped: true };
  return null;
}

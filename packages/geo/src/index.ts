/**
 * Pure geo helpers shared by server and web: branded coordinates, GCJ-02 ↔ WGS84,
 * bounding boxes and GeoJSON guards. No Node or DOM dependencies.
 */

declare const lngLatBrand: unique symbol;
/** A WGS84 (≈ CGCS2000) longitude/latitude pair. GCJ-02 input must be converted first. */
export type LngLat = readonly [lng: number, lat: number] & { readonly [lngLatBrand]: 'wgs84' };

declare const gcjBrand: unique symbol;
/** A GCJ-02 ("Mars") coordinate as used by Chinese web maps (Amap, Tencent). */
export type GcjLngLat = readonly [lng: number, lat: number] & { readonly [gcjBrand]: 'gcj02' };

export type Bbox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Validates and brands a WGS84 coordinate; throws RangeError on out-of-range values. */
export function lngLat(lng: number, lat: number): LngLat {
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new RangeError(`longitude out of range: ${lng}`);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new RangeError(`latitude out of range: ${lat}`);
  return [lng, lat] as unknown as LngLat;
}

export function gcjLngLat(lng: number, lat: number): GcjLngLat {
  lngLat(lng, lat);
  return [lng, lat] as unknown as GcjLngLat;
}

/** Rough mainland-China test used by GCJ-02 (outside China the offset is not applied). */
export function isInChina(lng: number, lat: number): boolean {
  return lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

/**
 * Detects a coordinate pair that was probably entered as [lat, lng]: the given pair is outside
 * China but the swapped pair is inside.
 */
export function looksSwapped(lng: number, lat: number): boolean {
  return !isInChina(lng, lat) && isInChina(lat, lng);
}

const A = 6378245.0;
const EE = 0.006693421622965943;

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

function offset(lng: number, lat: number): [number, number] {
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLng, dLat];
}

/** WGS84 → GCJ-02 (identity outside China). */
export function wgs84ToGcj02(p: LngLat): GcjLngLat {
  const [lng, lat] = p;
  if (!isInChina(lng, lat)) return [lng, lat] as unknown as GcjLngLat;
  const [dLng, dLat] = offset(lng, lat);
  return [lng + dLng, lat + dLat] as unknown as GcjLngLat;
}

/**
 * GCJ-02 → WGS84 by fixed-point iteration of the forward transform; the result is within
 * about 1e-7 degrees (centimetres) of the true inverse.
 */
export function gcj02ToWgs84(p: GcjLngLat): LngLat {
  const [gLng, gLat] = p;
  if (!isInChina(gLng, gLat)) return [gLng, gLat] as unknown as LngLat;
  let lng = gLng;
  let lat = gLat;
  for (let i = 0; i < 10; i++) {
    const [dLng, dLat] = offset(lng, lat);
    const nLng = gLng - dLng;
    const nLat = gLat - dLat;
    const done = Math.abs(nLng - lng) < 1e-9 && Math.abs(nLat - lat) < 1e-9;
    lng = nLng;
    lat = nLat;
    if (done) break;
  }
  return [lng, lat] as unknown as LngLat;
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const R = 6371008.8;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b[1] - a[1]);
  const dLng = toRad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function bboxContains(b: Bbox, p: LngLat): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}

export function bboxUnion(a: Bbox, b: Bbox): Bbox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

type Position = number[];
export interface GeoJsonGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

function isPosition(v: unknown): v is Position {
  return Array.isArray(v) && v.length >= 2 && v.length <= 3 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Computes the bounding box of any GeoJSON geometry; null when it has no positions. */
export function geometryBbox(g: GeoJsonGeometry): Bbox | null {
  let box: Bbox | null = null;
  const visit = (c: unknown): void => {
    if (isPosition(c)) {
      const p: Bbox = [c[0]!, c[1]!, c[0]!, c[1]!];
      box = box ? bboxUnion(box, p) : p;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if (g.type === 'GeometryCollection')
    g.geometries?.forEach((x) => {
      const b = geometryBbox(x);
      if (b) box = box ? bboxUnion(box, b) : b;
    });
  else visit(g.coordinates);
  return box;
}

/** Guards a GeoJSON Point with a valid WGS84 position. */
export function isPoint(v: unknown): v is { type: 'Point'; coordinates: [number, number] } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { type?: unknown; coordinates?: unknown };
  return o.type === 'Point' && isPosition(o.coordinates) && Math.abs(o.coordinates[0]!) <= 180 && Math.abs(o.coordinates[1]!) <= 90;
}

/** Guards a Polygon whose rings are closed and have at least 4 positions. */
export function isPolygon(v: unknown): v is { type: 'Polygon'; coordinates: number[][][] } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { type?: unknown; coordinates?: unknown };
  if (o.type !== 'Polygon' || !Array.isArray(o.coordinates) || o.coordinates.length === 0) return false;
  return o.coordinates.every((ring: unknown) => {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) return false;
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    return first[0] === last[0] && first[1] === last[1];
  });
}

/**
 * Web Mercator (EPSG:3857) tile arithmetic for the One Map's vector tiles. Pure: no database,
 * no I/O. The tile SQL receives the numbers computed here, so the same grid and the same
 * half-open tile bounds apply whatever engine renders the tile.
 */

/** Half the world's width in EPSG:3857 metres (π · 6378137). */
export const MERCATOR_HALF = 20037508.342789244;
const EARTH_RADIUS = 6378137;
/** Web Mercator stops at ±85.0511°: the square world. */
export const MAX_LAT = 85.0511287798066;
export const MAX_ZOOM = 22;
/** Extent of a tile's integer coordinate space (vector tile spec default). */
export const TILE_EXTENT = 4096;
/** Below this zoom features are merged into grid clusters server-side. */
export const CLUSTER_BELOW_ZOOM = 11;
/** Cluster cells per tile side at low zoom: 16 × 16 cells of 256 tile units (32 px on a 512 px tile). */
export const CLUSTER_CELLS = 16;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Why a tile address is impossible, naming the offending part; null when it is valid. */
export function tileAddressError(t: TileAddress): { field: 'z' | 'x' | 'y'; message: string } | null {
  if (!Number.isInteger(t.z) || t.z < 0 || t.z > MAX_ZOOM) return { field: 'z', message: `缩放级别应为 0 到 ${MAX_ZOOM} 的整数` };
  const n = 2 ** t.z;
  if (!Number.isInteger(t.x) || t.x < 0 || t.x >= n) return { field: 'x', message: `x 应为 0 到 ${n - 1} 的整数` };
  if (!Number.isInteger(t.y) || t.y < 0 || t.y >= n) return { field: 'y', message: `y 应为 0 到 ${n - 1} 的整数` };
  return null;
}

/** Width of one tile in metres at zoom z. */
export function tileSize(z: number): number {
  return (2 * MERCATOR_HALF) / 2 ** z;
}

export interface MercatorBounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The tile's bounds in EPSG:3857 (same as PostGIS `ST_TileEnvelope`). */
export function tileBounds(t: TileAddress): MercatorBounds {
  const size = tileSize(t.z);
  const minX = -MERCATOR_HALF + t.x * size;
  const maxY = MERCATOR_HALF - t.y * size;
  return { minX, minY: maxY - size, maxX: minX + size, maxY };
}

/** WGS84 → EPSG:3857 metres (latitude clamped to the Mercator square). */
export function toMercator(lng: number, lat: number): [number, number] {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const x = (lng * MERCATOR_HALF) / 180;
  const y = EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
  return [x, y];
}

/** EPSG:3857 metres → WGS84. */
export function fromMercator(x: number, y: number): [number, number] {
  const lng = (x / MERCATOR_HALF) * 180;
  const lat = (2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2) * (180 / Math.PI);
  return [lng, lat];
}

/**
 * The tile's bounds in WGS84 grown by a hair, for the `location && envelope` pre-filter that lets
 * the GiST index answer; the exact half-open test is done in metres afterwards.
 */
export function tileLngLatBounds(t: TileAddress): [minLng: number, minLat: number, maxLng: number, maxLat: number] {
  const b = tileBounds(t);
  const [minLng, minLat] = fromMercator(b.minX, b.minY);
  const [maxLng, maxLat] = fromMercator(b.maxX, b.maxY);
  const eps = 1e-7;
  return [minLng - eps, Math.max(-90, minLat - eps), maxLng + eps, Math.min(90, maxLat + eps)];
}

/** The tile holding a WGS84 point at zoom z (what a map asks for to show that point). */
export function tileFor(lng: number, lat: number, z: number): TileAddress {
  const [mx, my] = toMercator(lng, lat);
  const size = tileSize(z);
  const n = 2 ** z;
  const x = Math.min(n - 1, Math.max(0, Math.floor((mx + MERCATOR_HALF) / size)));
  const y = Math.min(n - 1, Math.max(0, Math.floor((MERCATOR_HALF - my) / size)));
  return { z, x, y };
}

/**
 * A point's position in the tile's integer coordinate space (0…extent-1, y pointing down), or
 * null when it lies outside. Tiles are half-open — [minX, maxX) × (minY, maxY] — so a point on a
 * shared edge belongs to exactly one tile and cluster counts add up across tiles.
 */
export function tilePixel(t: TileAddress, mx: number, my: number, extent = TILE_EXTENT): [number, number] | null {
  const b = tileBounds(t);
  if (mx < b.minX || mx >= b.maxX || my <= b.minY || my > b.maxY) return null;
  const size = b.maxX - b.minX;
  const px = Math.min(extent - 1, Math.floor(((mx - b.minX) / size) * extent));
  const py = Math.min(extent - 1, Math.floor(((b.maxY - my) / size) * extent));
  return [px, py];
}

/** Whether tiles at this zoom carry clusters instead of individual features. */
export function clusters(z: number): boolean {
  return z < CLUSTER_BELOW_ZOOM;
}

/** Cluster cell width in metres at zoom z; cells nest inside tiles, so a cell never spans two. */
export function clusterCellSize(z: number): number {
  return tileSize(z) / CLUSTER_CELLS;
}

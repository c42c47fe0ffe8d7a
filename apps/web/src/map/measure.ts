import { distanceMeters, lngLat } from '@vigil/geo';

/** A WGS84 position as GeoJSON writes it. */
export type Position = [lng: number, lat: number];

/** Mean Earth radius in metres (the same sphere as `distanceMeters`). */
const R = 6371008.8;
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle length of a polyline in metres. */
export function pathLengthM(points: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    total += distanceMeters(lngLat(a[0], a[1]), lngLat(b[0], b[1]));
  }
  return total;
}

/**
 * Area of a polygon ring on the sphere in square metres (open or closed ring; orientation does not
 * matter). Uses the line-integral form Σ (λᵢ₊₁ − λᵢ₋₁)·sin φᵢ · R²/2, accurate for the city-sized
 * shapes drawn on the One Map.
 */
export function polygonAreaM2(ring: readonly Position[]): number {
  const pts = ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
  const n = pts.length;
  if (n < 3) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const prev = pts[(i + n - 1) % n]!;
    const cur = pts[i]!;
    const next = pts[(i + 1) % n]!;
    sum += (rad(next[0]) - rad(prev[0])) * Math.sin(rad(cur[1]));
  }
  return Math.abs((sum * R * R) / 2);
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The point `distanceM` metres from `from` along the initial bearing `bearingDeg` (clockwise from north). */
export function destination(from: Position, bearingDeg: number, distanceM: number): Position {
  const φ1 = rad(from[1]);
  const λ1 = rad(from[0]);
  const δ = distanceM / R;
  const θ = rad(bearingDeg);
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return [((deg(λ2) + 540) % 360) - 180, deg(φ2)];
}

/** A closed ring approximating a geodesic circle (first position repeated at the end). */
export function circleRing(center: Position, radiusM: number, steps = 64): Position[] {
  const n = Math.max(8, Math.floor(steps));
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) ring.push(destination(center, (360 * i) / n, radiusM));
  ring.push(ring[0]!);
  return ring;
}

/** `850 m`, `12.4 km`. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.round(m)} m`;
  return `${(m / 1000).toFixed(m < 100_000 ? 2 : 1)} km`;
}

/** `5,300 m²`, `2.45 km²`. */
export function formatArea(m2: number): string {
  if (m2 < 100_000) return `${Math.round(m2).toLocaleString('en-US')} m²`;
  return `${(m2 / 1_000_000).toFixed(2)} km²`;
}

import type { SpatialQueryInput } from '@vigil/shared';
import { circleRing, pathLengthM, polygonAreaM2, type Position } from './measure';

/** The drawing tools: two query shapes and two measurements. */
export type SketchTool = 'circle' | 'polygon' | 'distance' | 'area';

/** Clicked positions so far; for a circle the centre then a point on the rim. */
export interface SketchState {
  tool: SketchTool;
  vertices: Position[];
  done: boolean;
}

type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

export interface SketchFeature {
  type: 'Feature';
  properties: { role: 'area' | 'line' | 'vertex' };
  geometry: Geometry;
}

export interface SketchCollection {
  type: 'FeatureCollection';
  features: SketchFeature[];
}

const feature = (role: SketchFeature['properties']['role'], geometry: Geometry): SketchFeature => ({
  type: 'Feature',
  properties: { role },
  geometry,
});

/** The positions that count: the clicked ones, plus the cursor while still drawing. */
function live(s: SketchState, cursor: Position | null): Position[] {
  return !s.done && cursor ? [...s.vertices, cursor] : s.vertices;
}

/** Circle radius in metres from the centre to the rim point (or the cursor while drawing). */
export function circleRadiusM(s: SketchState, cursor: Position | null = null): number {
  const [center, rim] = live(s, cursor);
  return center && rim ? pathLengthM([center, rim]) : 0;
}

/** What to draw for the sketch: the area, its outline or path, and the clicked vertices. */
export function sketchCollection(s: SketchState, cursor: Position | null = null): SketchCollection {
  const pts = live(s, cursor);
  const out: SketchFeature[] = s.vertices.map((v) => feature('vertex', { type: 'Point', coordinates: v }));
  if (s.tool === 'circle') {
    const r = circleRadiusM(s, cursor);
    if (pts[0] && r > 0) {
      out.unshift(feature('area', { type: 'Polygon', coordinates: [circleRing(pts[0], r)] }));
      out.push(feature('line', { type: 'LineString', coordinates: [pts[0], pts[1]!] }));
    }
    return { type: 'FeatureCollection', features: out };
  }
  const closed = s.tool === 'polygon' || s.tool === 'area';
  if (closed && pts.length >= 3) out.unshift(feature('area', { type: 'Polygon', coordinates: [[...pts, pts[0]!]] }));
  else if (pts.length >= 2) out.push(feature('line', { type: 'LineString', coordinates: pts }));
  return { type: 'FeatureCollection', features: out };
}

/** Whether the clicked vertices make a finished shape of this tool. */
export function canFinish(s: SketchState): boolean {
  if (s.tool === 'circle') return s.vertices.length >= 2 && circleRadiusM(s) > 0;
  if (s.tool === 'distance') return s.vertices.length >= 2;
  return s.vertices.length >= 3;
}

/** The spatial query shape of a finished circle or polygon; null for measurements or unfinished sketches. */
export function sketchQueryShape(s: SketchState): SpatialQueryInput['shape'] | null {
  if (!canFinish(s)) return null;
  if (s.tool === 'circle') {
    const [c] = s.vertices;
    return { type: 'circle', center: { lng: c![0], lat: c![1], crs: 'wgs84' }, radiusM: Math.round(circleRadiusM(s) * 10) / 10 };
  }
  if (s.tool === 'polygon') return { type: 'polygon', coordinates: [...s.vertices, s.vertices[0]!] };
  return null;
}

/** The measurement of a sketch: path length for distance, area (and perimeter) for the closed shapes. */
export function sketchMeasure(s: SketchState, cursor: Position | null = null): { lengthM: number; areaM2: number | null } {
  const pts = live(s, cursor);
  if (s.tool === 'circle') {
    const r = circleRadiusM(s, cursor);
    return { lengthM: r, areaM2: r > 0 ? polygonAreaM2(circleRing(pts[0]!, r, 128)) : null };
  }
  if (s.tool === 'distance') return { lengthM: pathLengthM(pts), areaM2: null };
  const ring = pts.length >= 3 ? [...pts, pts[0]!] : pts;
  return { lengthM: pathLengthM(ring), areaM2: pts.length >= 3 ? polygonAreaM2(ring) : null };
}

import { bboxUnion, geometryBbox, type Bbox } from '@vigil/geo';
import type { GeoJsonPolygon, WarningDto } from '@vigil/shared';
import { circleRing, type Position } from '../../map/measure';
import { canFinish, circleRadiusM, type SketchState } from '../../map/sketch-shape';

/** The shape drawn on the map for a warning: a polygon or a circle (radius in km, as the API takes it). */
export type AreaShape =
  { kind: 'polygon'; polygon: GeoJsonPolygon } | { kind: 'circle'; circle: { lng: number; lat: number; radiusKm: number } };

/** About 0.1 m: enough for a warning area, short enough for CAP's polygon text. */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** The vertices of a ring without the repeated closing position and without consecutive repeats. */
function openRing(points: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const q: Position = [round6(p[0]), round6(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/** A finished polygon or circle sketch → the warning's area shape; null for unfinished sketches or other tools. */
export function shapeFromSketch(s: SketchState): AreaShape | null {
  if (!canFinish(s)) return null;
  if (s.tool === 'circle') {
    const [c] = s.vertices;
    const radiusKm = Math.round(circleRadiusM(s) / 10) / 100;
    if (!c || radiusKm <= 0) return null;
    return { kind: 'circle', circle: { lng: round6(c[0]), lat: round6(c[1]), radiusKm } };
  }
  if (s.tool !== 'polygon') return null;
  const ring = openRing(s.vertices);
  if (ring.length < 3) return null;
  return { kind: 'polygon', polygon: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } };
}

/** What is drawn on the map for a warning: a polygon and/or a circle, as the API stores them. */
export interface DrawnArea {
  polygon: GeoJsonPolygon | null;
  circle: { lng: number; lat: number; radiusKm: number } | null;
}

export const NOTHING_DRAWN: DrawnArea = { polygon: null, circle: null };

/** A newly drawn shape replaces the drawn shape of its own kind and keeps the other. */
export function withShape(drawn: DrawnArea | null | undefined, shape: AreaShape): DrawnArea {
  const base = drawn ?? NOTHING_DRAWN;
  return shape.kind === 'polygon' ? { ...base, polygon: shape.polygon } : { ...base, circle: shape.circle };
}

/** Whether nothing is drawn. */
export function isNothingDrawn(drawn: DrawnArea | null | undefined): boolean {
  return !drawn || (!drawn.polygon && !drawn.circle);
}

/** The drawn part of a stored warning's area. */
export function drawnOf(area: Pick<WarningDto['area'], 'polygon' | 'circle'>): DrawnArea {
  return { polygon: area.polygon ?? null, circle: area.circle ?? null };
}

/** The outline to draw for a shape: the polygon's ring, or a ring approximating the circle. */
export function shapeRing(shape: AreaShape): Position[] {
  if (shape.kind === 'polygon') return shape.polygon.coordinates[0]!.map((p) => [p[0], p[1]] as Position);
  const { lng, lat, radiusKm } = shape.circle;
  return circleRing([lng, lat], radiusKm * 1000, 96);
}

/** The drawn shapes as a GeoJSON collection of polygons, for a MapLibre source. */
export function drawnCollection(drawn: DrawnArea | null | undefined) {
  const shapes: AreaShape[] = [];
  if (drawn?.polygon) shapes.push({ kind: 'polygon', polygon: drawn.polygon });
  if (drawn?.circle) shapes.push({ kind: 'circle', circle: drawn.circle });
  return {
    type: 'FeatureCollection' as const,
    features: shapes.map((s) => ({
      type: 'Feature' as const,
      properties: { kind: s.kind },
      geometry: { type: 'Polygon' as const, coordinates: [shapeRing(s)] },
    })),
  };
}

/** The bounding box of the drawn shapes (a circle by its outline); null when nothing is drawn. */
export function drawnBbox(drawn: DrawnArea | null | undefined): Bbox | null {
  let box: Bbox | null = null;
  for (const f of drawnCollection(drawn).features) {
    const b = geometryBbox(f.geometry);
    if (b) box = box ? bboxUnion(box, b) : b;
  }
  return box;
}

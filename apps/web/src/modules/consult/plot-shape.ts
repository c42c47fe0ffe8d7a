import type { PlotGeometry, SymbolGeometry } from '@vigil/shared';

type Position = [number, number];

/** The sketch tool that draws a geometry type (points are placed by a plain map click). */
export function sketchToolFor(kind: SymbolGeometry): 'distance' | 'polygon' | null {
  return kind === 'LineString' ? 'distance' : kind === 'Polygon' ? 'polygon' : null;
}

const round = (p: Position): Position => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7];

/** The GeoJSON geometry of finished sketch vertices: a line as clicked, a polygon with its ring closed. */
export function geometryFromVertices(kind: SymbolGeometry, vertices: readonly Position[]): PlotGeometry | null {
  const pts = vertices.map(round);
  if (kind === 'Point') return pts[0] ? { type: 'Point', coordinates: pts[0] } : null;
  if (kind === 'LineString') return pts.length >= 2 ? { type: 'LineString', coordinates: pts } : null;
  if (pts.length < 3) return null;
  return { type: 'Polygon', coordinates: [[...pts, pts[0]!]] };
}

import { findPlotSymbol, type PlotFeatureDto } from '@vigil/shared';

/**
 * The map snapshot of the situation reports, as pure geometry: a simple Web-Mercator fit of the
 * plot's features (and the incident location) into a frame, the legend of the symbol kinds used
 * and a scale bar. No drawing here — the PDF renders what these functions compute.
 */

export type LngLat = readonly [number, number];
/** [minLng, minLat, maxLng, maxLat] in degrees (WGS84). */
export type BBox = readonly [number, number, number, number];
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EARTH_RADIUS_M = 6_378_137;
const MAX_LAT = 85.05112878;
const rad = (d: number) => (d * Math.PI) / 180;

/** Web-Mercator coordinates in metres (EPSG:3857); y grows northwards. */
export function mercator([lng, lat]: LngLat): [number, number] {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  return [EARTH_RADIUS_M * rad(lng), EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + rad(clamped) / 2))];
}

/** Every position of a plotted geometry. */
export function positionsOf(g: PlotFeatureDto['geometry']): LngLat[] {
  const c = g.coordinates as unknown;
  if (g.type === 'Point') return [c as LngLat];
  if (g.type === 'LineString') return c as LngLat[];
  return (c as LngLat[][]).flat();
}

/** The bbox of the features' positions and the extra points, or null when there is nothing to show. */
export function snapshotBBox(features: readonly PlotFeatureDto[], extra: readonly LngLat[] = []): BBox | null {
  const all = [...features.flatMap((f) => positionsOf(f.geometry)), ...extra].filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (all.length === 0) return null;
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of all) {
    minLng = Math.min(minLng, lng);
    minLat = Math.min(minLat, lat);
    maxLng = Math.max(maxLng, lng);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLng, minLat, maxLng, maxLat];
}

export interface Projection {
  /** Frame (page) coordinates of a position; y grows downwards as on a page. */
  project: (p: LngLat) => [number, number];
  /** Page units per Mercator metre. */
  scale: number;
  /** Ground metres per page unit at the centre's latitude (Mercator stretches by 1/cos(lat)). */
  metresPerUnit: number;
}

/**
 * Fits the bbox into the frame with `padding` units on every side, keeping the aspect ratio and
 * centring the shorter side. A bbox smaller than `minSpanM` Mercator metres (a single point) is
 * widened to that span around its centre, so a lone incident shows its surroundings at a sane scale.
 */
export function fitProjection(bbox: BBox, frame: Frame, padding = 16, minSpanM = 1000): Projection {
  const [x0, y0] = mercator([bbox[0], bbox[1]]);
  const [x1, y1] = mercator([bbox[2], bbox[3]]);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const spanX = Math.max(x1 - x0, minSpanM);
  const spanY = Math.max(y1 - y0, minSpanM);
  const innerW = Math.max(frame.width - padding * 2, 1);
  const innerH = Math.max(frame.height - padding * 2, 1);
  const scale = Math.min(innerW / spanX, innerH / spanY);
  const fx = frame.x + frame.width / 2;
  const fy = frame.y + frame.height / 2;
  const centreLat = (bbox[1] + bbox[3]) / 2;
  return {
    project: (p) => {
      const [mx, my] = mercator(p);
      return [fx + (mx - cx) * scale, fy - (my - cy) * scale];
    },
    scale,
    metresPerUnit: Math.cos(rad(centreLat)) / scale,
  };
}

export interface ScaleBar {
  metres: number;
  /** Length on the page. */
  length: number;
  label: string;
}

/** The longest 1-2-5 ground distance whose bar fits in `maxLength` page units. */
export function scaleBar(metresPerUnit: number, maxLength: number): ScaleBar {
  const maxMetres = metresPerUnit * maxLength;
  const exp = 10 ** Math.floor(Math.log10(Math.max(maxMetres, 1e-9)));
  const metres = [5, 2, 1].map((m) => m * exp).find((m) => m <= maxMetres) ?? exp;
  const label = metres >= 1000 ? `${Number((metres / 1000).toPrecision(3))} 公里` : `${Number(metres.toPrecision(3))} 米`;
  return { metres, length: metres / metresPerUnit, label };
}

export interface LegendEntry {
  code: string;
  zh: string;
  colour: string;
  geometry: 'Point' | 'LineString' | 'Polygon';
  count: number;
}

/** The symbol kinds drawn, in the symbol set's order (unknown codes last), with their default colour and a count. */
export function legendOf(features: readonly PlotFeatureDto[]): LegendEntry[] {
  const byCode = new Map<string, LegendEntry>();
  for (const f of features) {
    const code = f.properties.symbol;
    const e = byCode.get(code);
    if (e) e.count += 1;
    else {
      const s = findPlotSymbol(code);
      byCode.set(code, { code, zh: s?.zh ?? code, colour: s?.colour ?? f.properties.colour, geometry: f.geometry.type, count: 1 });
    }
  }
  return [...byCode.values()];
}

/** Polygons first, then lines, then points, so that nothing small hides under an area. */
export function drawOrder(features: readonly PlotFeatureDto[]): PlotFeatureDto[] {
  const rank = { Polygon: 0, LineString: 1, Point: 2 } as const;
  return [...features].sort((a, b) => rank[a.geometry.type] - rank[b.geometry.type]);
}

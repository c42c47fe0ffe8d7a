import { bboxUnion, geometryBbox, type Bbox, type GeoJsonGeometry } from '@vigil/geo';
import type { StyleSpecification } from 'maplibre-gl';
import type { BoundaryCollection } from './map.api';

/** Roughly Quanzhou's extent, used until the city boundary has loaded. */
export const QUANZHOU_BBOX: Bbox = [117.55, 24.35, 119.1, 25.95];

export const EMPTY_FC: BoundaryCollection = { type: 'FeatureCollection', features: [] };

/** Raster basemap served by the deployment (offline tile server), as `client-config.basemap` gives it. */
export interface Basemap {
  url: string;
  attribution: string;
}

/**
 * The One Map style: fully offline, so no glyphs, sprites or external sources — a background,
 * an optional raster basemap from the deployment, and the city/county boundaries (data set later).
 */
export function buildStyle(basemap: Basemap | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    name: 'vigil-one-map',
    sources: {
      // Boundaries simplified to about a pixel at each zoom (default 0.375): fewer vertices per
      // frame, no visible change.
      city: { type: 'geojson', data: EMPTY_FC as never, tolerance: 1 },
      county: { type: 'geojson', data: EMPTY_FC as never, promoteId: 'code', tolerance: 1 },
    },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9eef4' } }],
  };
  if (basemap) {
    style.sources.basemap = { type: 'raster', tiles: [basemap.url], tileSize: 256, attribution: basemap.attribution, maxzoom: 18 };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  const state = (selected: string, hover: string, normal: string) =>
    [
      'case',
      ['boolean', ['feature-state', 'selected'], false],
      selected,
      ['boolean', ['feature-state', 'hover'], false],
      hover,
      normal,
    ] as never;
  if (basemap) {
    // Translucent tints, so the basemap shows through.
    style.layers.push(
      { id: 'city-fill', type: 'fill', source: 'city', paint: { 'fill-color': '#f7f3e8', 'fill-opacity': 0.15 } },
      {
        id: 'county-fill',
        type: 'fill',
        source: 'county',
        paint: {
          'fill-color': state('#ff9c6e', '#ffd666', '#c6dbf5'),
          'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.7, 0.2],
        },
      },
    );
  } else {
    // Nothing lies under the counties: one opaque fill in the colours the translucent layers would
    // blend to. The map draws opaque layers without blending and skips what they hide, which keeps
    // every frame cheap where WebGL runs in software (no GPU: virtual desktops, some servers).
    style.layers.push({
      id: 'county-fill',
      type: 'fill',
      source: 'county',
      paint: { 'fill-color': state('#f8cbb4', '#fbde8e', '#dee7f0'), 'fill-opacity': 1 },
    });
  }
  style.layers.push(
    { id: 'county-line', type: 'line', source: 'county', paint: { 'line-color': '#4a78c2', 'line-width': 1.2 } },
    { id: 'city-line', type: 'line', source: 'city', paint: { 'line-color': '#1d3b6e', 'line-width': 2.5 } },
  );
  return style;
}

/** The bounding box of all features of a collection; null when it is empty. */
export function collectionBbox(fc: BoundaryCollection): Bbox | null {
  let box: Bbox | null = null;
  for (const f of fc.features) {
    const b = geometryBbox(f.geometry as GeoJsonGeometry);
    if (b) box = box ? bboxUnion(box, b) : b;
  }
  return box;
}

/** `118.58933, 24.90832` with 5 decimals (about a metre). */
export function formatLngLat(lng: number, lat: number): string {
  return `${lng.toFixed(5)}, ${lat.toFixed(5)}`;
}

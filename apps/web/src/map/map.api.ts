import type {
  AroundQuery,
  AroundResult,
  DivisionDto,
  FeatureSummary,
  LayerDto,
  MapLayer,
  MapSearchHit,
  ResourceDto,
  ResourceKind,
  SpatialQueryInput,
} from '@vigil/shared';
import { API_BASE, http } from '../lib/api';
import { ApiError, toApiError } from '../lib/api-error';

/** Properties of a boundary feature from `GET /regions/boundaries`. */
export interface BoundaryProps {
  code: string;
  name: string;
  level: 'city' | 'county';
  labelLng: number | null;
  labelLat: number | null;
  /** Official area; larger counties keep their label when labels collide. */
  areaKm2?: number | null;
}

/** A GeoJSON feature as the boundaries endpoint returns it (geometry left opaque). */
export interface BoundaryFeature {
  type: 'Feature';
  geometry: { type: string; coordinates?: unknown };
  properties: BoundaryProps;
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}

/** Result of `GET /regions/locate`: the WGS84 point and the divisions containing it. */
export interface LocateResult {
  lng: number;
  lat: number;
  county: DivisionDto | null;
  city: DivisionDto | null;
  inJurisdiction: boolean;
}

export type Crs = 'wgs84' | 'gcj02';

export const fetchBoundaries = (level: 'city' | 'county') => http.get<BoundaryCollection>('/regions/boundaries', { level });

export const locate = (lng: number, lat: number, crs: Crs = 'wgs84') => http.get<LocateResult>('/regions/locate', { lng, lat, crs });

/** One layer's share of a spatial query (`POST /map/spatial-query`). */
export interface SpatialLayerResult {
  layer: MapLayer;
  total: number;
  items: FeatureSummary[];
}

export interface SpatialQueryResult {
  layers: SpatialLayerResult[];
}

export const fetchLayers = () => http.get<LayerDto[]>('/map/layers');

export const searchMap = (q: string, signal?: AbortSignal) => http.get<MapSearchHit[]>('/map/search', { q, limit: 20 }, signal);

export const spatialQuery = (input: SpatialQueryInput) => http.post<SpatialQueryResult>('/map/spatial-query', { ...input, format: 'json' });

export const fetchAround = (q: Partial<AroundQuery> & { lng: number; lat: number }) =>
  http.get<AroundResult>('/map/around', q as Record<string, string | number | undefined>);

export const fetchResource = (kind: ResourceKind, id: string) => http.get<ResourceDto>(`/resources/${kind}/${id}`);

/**
 * Downloads the Excel export of a spatial query. It is a POST (the shape can be large), so the
 * session's CSRF token goes along; failures come back as ApiError like every other call.
 */
export async function exportSpatialQuery(input: SpatialQueryInput, csrfToken: string | null): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: '*/*' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/map/spatial-query`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ ...input, format: 'xlsx' }),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'Network error', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not JSON: keep the text
    }
    throw toApiError(res.status, body, res.statusText || `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `空间查询-${new Date().toISOString().slice(0, 10)}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

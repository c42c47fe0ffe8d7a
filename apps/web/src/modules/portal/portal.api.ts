import type { PortalWarningDetailDto, PortalWarningDto, PublicSheltersResult, WarningColour } from '@vigil/shared';
import { buildQuery, type Query } from '../../lib/api';
import { ApiError, toApiError } from '../../lib/api-error';
import type { BoundaryCollection } from '../../map/map.api';

/** Properties of one warning area on the portal's map (`GET /public/warnings.geojson`). */
export interface AreaProps {
  identifier: string;
  headline: string;
  colour: WarningColour | null;
  typeCode: string;
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: string; coordinates?: unknown }; properties: AreaProps }[];
}

/**
 * GET on the public routes (no session, no cookie, no CSRF): a 401 can never send anyone to the
 * login page from here, unlike the signed-in app's `api()`.
 */
export async function publicGet<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${path}${buildQuery(query)}`, { headers: { accept: 'application/json' }, credentials: 'omit', signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'Network error', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // not JSON: keep the text for the error message
  }
  if (!res.ok) throw toApiError(res.status, body, res.statusText || `HTTP ${res.status}`);
  return body as T;
}

export const portalKeys = {
  warnings: ['portal', 'warnings'] as const,
  areas: ['portal', 'areas'] as const,
  warning: (identifier: string) => ['portal', 'warning', identifier] as const,
  boundaries: (level: 'city' | 'county') => ['portal', 'boundaries', level] as const,
  shelters: (lng: number, lat: number) => ['portal', 'shelters', lng, lat] as const,
};

export const fetchPortalWarnings = () => publicGet<{ items: PortalWarningDto[] }>('/public/warnings').then((r) => r.items);

export const fetchPortalWarning = (identifier: string) =>
  publicGet<PortalWarningDetailDto>(`/public/warnings/${encodeURIComponent(identifier)}`);

export const fetchWarningAreas = () => publicGet<AreaCollection>('/public/warnings.geojson');

export const fetchPublicBoundaries = (level: 'city' | 'county') => publicGet<BoundaryCollection>('/public/boundaries', { level });

export const fetchNearbyShelters = (lng: number, lat: number, limit = 8) =>
  publicGet<PublicSheltersResult>('/public/shelters/nearby', { lng, lat, limit });

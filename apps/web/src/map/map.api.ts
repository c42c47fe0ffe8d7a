import type { DivisionDto } from '@vigil/shared';
import { http } from '../lib/api';

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

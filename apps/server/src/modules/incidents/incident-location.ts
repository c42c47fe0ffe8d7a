import { isInChina, looksSwapped } from '@vigil/geo';
import type { LocationInput } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { invalid } from '../../platform/errors.js';
import { locate } from '../regions/index.js';

export interface ResolvedLocation {
  point: { lng: number; lat: number } | null;
  county_code: string | null;
  township_code: string | null;
  out_of_jurisdiction: boolean;
}

/** A county-level division code (`350582`), as opposed to a city (`350500`) or province one. */
export function countyOf(divisionCode: string | null | undefined): string | null {
  return divisionCode && /^\d{4}(?!00)\d{2}$/.test(divisionCode) ? divisionCode : null;
}

/**
 * Converts the input point to WGS84 and finds its county. A point outside Quanzhou is kept and
 * flagged; swapped lat/lng and points outside China are refused naming the field. Without a point
 * the county is the owning org's (a county bureau's incident happened in its county).
 */
export async function resolveLocation(
  db: Kysely<Database>,
  loc: LocationInput | null | undefined,
  orgDivision: string | null,
): Promise<ResolvedLocation> {
  if (!loc) return { point: null, county_code: countyOf(orgDivision), township_code: null, out_of_jurisdiction: false };
  if (looksSwapped(loc.lng, loc.lat)) invalid('location.lat', '坐标不在中国境内，经纬度可能填反了');
  if (Math.abs(loc.lat) > 90) invalid('location.lat', '纬度应在 -90 到 90 之间');
  if (!isInChina(loc.lng, loc.lat)) invalid('location.lng', '坐标不在中国境内');
  const r = await locate(db, loc.lng, loc.lat, loc.crs);
  return {
    point: { lng: r.lng, lat: r.lat },
    county_code: r.county?.code ?? null,
    township_code: null,
    out_of_jurisdiction: !r.inJurisdiction,
  };
}

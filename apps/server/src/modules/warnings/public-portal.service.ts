import type { PortalWarningDetailDto, PortalWarningDto, PublicSheltersQuery, PublicSheltersResult } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import { notFound } from '../../platform/errors.js';
import { divisionBoundaries } from '../regions/index.js';
import { publicSheltersNear } from '../resources/index.js';
import * as portal from './public-portal.repository.js';
import { presentPublic } from './warnings.presenter.js';
import * as repo from './warnings.repository.js';

function present(w: repo.WarningRow, counties: Map<string, { code: string; name: string }[]>, en: Map<string, string>): PortalWarningDto {
  return { ...presentPublic(w), typeNameEn: en.get(w.type_code) ?? null, en: w.en ?? null, counties: counties.get(w.id) ?? [] };
}

/** Warnings in force for the public portal, newest first, each with the counties it covers. */
export async function portalActive(platform: Platform): Promise<PortalWarningDto[]> {
  const rows = await repo.listActive(platform.db, platform.clock.now());
  const [counties, en] = await Promise.all([
    portal.countiesOf(
      platform.db,
      rows.map((w) => w.id),
    ),
    portal.typeNamesEn(platform.db),
  ]);
  return rows.map((w) => present(w, counties, en));
}

/** One published warning by its public identifier (also when it has ended: the page states it). */
export async function portalDetail(platform: Platform, identifier: string): Promise<PortalWarningDetailDto> {
  const w = (await repo.findByIdentifier(platform.db, identifier)) ?? notFound('预警', identifier);
  const [counties, en] = await Promise.all([portal.countiesOf(platform.db, [w.id]), portal.typeNamesEn(platform.db)]);
  return { ...present(w, counties, en), status: w.status };
}

/** The areas of the warnings in force as GeoJSON, for the portal's map (colour per feature). */
export async function portalAreas(platform: Platform): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const rows = await portal.activeAreas(platform.db, platform.clock.now());
  return {
    type: 'FeatureCollection',
    features: rows.map((a) => ({
      type: 'Feature',
      geometry: JSON.parse(a.geometry) as unknown,
      properties: { identifier: a.identifier, headline: a.headline, colour: a.colour, typeCode: a.type_code },
    })),
  };
}

/** City or county boundaries (public data) for the portal's map and county choice. */
export async function portalBoundaries(platform: Platform, level: 'city' | 'county'): Promise<unknown> {
  return divisionBoundaries(platform.db, level);
}

/** The nearest open (or full) shelters around a point, nearest first, public fields only. */
export async function nearbyShelters(platform: Platform, q: PublicSheltersQuery): Promise<PublicSheltersResult> {
  return { center: { lng: q.lng, lat: q.lat }, radiusKm: q.radiusKm, items: await publicSheltersNear(platform.db, q) };
}

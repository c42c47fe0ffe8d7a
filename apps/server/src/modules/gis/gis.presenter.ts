import type { FeatureSummary, MapLayer } from '@vigil/shared';
import type { FeatureRow } from './gis.repository.js';

/** Metres to the nearest metre (the map shows distances, not survey data). */
const metres = (m: number | null) => (m === null || m === undefined ? null : Math.round(Number(m)));

/** A resource or incident row → the map's feature summary. */
export function presentFeature(r: FeatureRow): FeatureSummary {
  return {
    layer: r.layer as MapLayer,
    id: r.id,
    name: r.name,
    typeCode: r.type_code,
    status: r.status,
    orgName: r.org_name,
    location: { lng: Number(r.lng), lat: Number(r.lat) },
    distanceM: metres(r.distance_m),
  };
}

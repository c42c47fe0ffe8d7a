import type { FeatureSummary, MapLayer } from '@vigil/shared';
import type { FeatureRow } from './gis.repository.js';

/** Metres to the nearest metre (the map shows distances, not survey data). */
const metres = (m: number | null) => (m === null || m === undefined ? null : Math.round(Number(m)));

/** Degrees to 1e-7 (about 1 cm), as the circle query rounds them in SQL (half away from zero). */
const deg7 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 1e7)) / 1e7;

/** A resource or incident row → the map's feature summary (the circle query builds the same in SQL, keys in this order). */
export function presentFeature(r: FeatureRow): FeatureSummary {
  return {
    layer: r.layer as MapLayer,
    id: r.id,
    name: r.name,
    typeCode: r.type_code,
    status: r.status,
    location: { lng: deg7(Number(r.lng)), lat: deg7(Number(r.lat)) },
    orgName: r.org_name,
    distanceM: metres(r.distance_m),
  };
}

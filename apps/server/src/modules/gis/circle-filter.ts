import { sql, type RawBuilder } from 'kysely';

/**
 * "Within R metres of a point", cheaply and exactly, for point layers with stored Web Mercator
 * coordinates (`merc_x`, `merc_y`, see migration 0009).
 *
 * A geography test (`ST_DWithin(location::geography, …)`) costs a spheroid computation per
 * candidate — thousands in a city-centre circle. Instead: candidates come from the Mercator bands
 * of `resource_live_band` (migration 0020), and the plane distance between Mercator coordinates,
 * which is the true distance scaled by 1/cos(latitude) (k), decides all but a thin ring. Over the
 * circle's latitude band k lies in [kMin, kMax], and the spheroid differs from Mercator's sphere by
 * under 0.34 %, so a point with
 * Mercator distance ≤ R·kMin·0.99 is certainly inside and one > R·kMax·1.01 certainly outside; only
 * the ring between (a few percent of the candidates) gets the exact spheroid test. The result is
 * the same set as `ST_DWithin` on geography.
 */
export interface CircleSql {
  /** The exact membership test, mostly plain arithmetic. */
  within: RawBuilder<boolean>;
  /** Squared Mercator distance: orders candidates nearest first (within a fraction of a percent). */
  order: RawBuilder<number>;
  /** The exact spheroid distance in metres (for the rows returned only). */
  distance: RawBuilder<number>;
  /**
   * The index's 1 km Mercator bands the circle crosses, each with the x range of the circle inside
   * it (the outer test radius, so nothing the exact test would keep is left out).
   */
  bands: { band: number; x0: number; x1: number }[];
}

/** Height of a band of `resource_live_band` in Web Mercator metres (migration 0020). */
export const BAND_M = 1000;

const MERC_X = 111_319.490_793_273_58;
const EARTH = 6_378_137;
const rad = (d: number) => (d * Math.PI) / 180;

/** Whether the fast form applies (away from the poles, radius up to 200 km). */
export function circleFastPathApplies(lat: number, radiusM: number): boolean {
  return Math.abs(lat) < 70 && radiusM <= 200_000;
}

export function circleSql(alias: string, center: { lng: number; lat: number }, radiusM: number): CircleSql {
  const { lng, lat } = center;
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  // Degrees spanned by the radius, generously: a degree of latitude is at least 110.5 km.
  const dLat = (radiusM / 110_500) * 1.02;
  const far = Math.min(89, Math.abs(lat) + dLat);
  const near = Math.max(0, Math.abs(lat) - dLat);
  const kMin = 1 / Math.cos(rad(near));
  const kMax = 1 / Math.cos(rad(far));
  const inner = radiusM * kMin * 0.99;
  const outer = radiusM * kMax * 1.01;
  const cx = lng * MERC_X;
  const cy = Math.log(Math.tan(Math.PI / 4 + rad(lat) / 2)) * EARTH;
  // Products rather than ^ 2: the power function costs several times more per candidate.
  const dx = sql`(${col('merc_x')} - ${cx}::float8)`;
  const dy = sql`(${col('merc_y')} - ${cy}::float8)`;
  const d2 = sql<number>`(${dx} * ${dx} + ${dy} * ${dy})`;
  const bands: CircleSql['bands'] = [];
  for (let band = Math.floor((cy - outer) / BAND_M); band <= Math.floor((cy + outer) / BAND_M); band++) {
    // The band's y nearest the centre gives its widest chord.
    const y = Math.min(Math.max(cy, band * BAND_M), (band + 1) * BAND_M);
    const half = Math.sqrt(Math.max(0, outer * outer - (y - cy) * (y - cy)));
    bands.push({ band, x0: cx - half, x1: cx + half });
  }
  const point = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)::geography`;
  return {
    within: sql<boolean>`(${d2} <= ${inner * inner}::float8 OR (${d2} <= ${outer * outer}::float8 AND ST_DWithin(${col('location')}::geography, ${point}, ${radiusM}::float8)))`,
    order: d2,
    distance: sql<number>`ST_Distance(${col('location')}::geography, ${point})`,
    bands,
  };
}

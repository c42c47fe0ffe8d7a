import { z } from 'zod';
import { PublicWarningDto } from './warnings.js';

/**
 * The public warning portal (公众预警门户): what anyone may read without signing in — active
 * warnings with the counties they cover, their areas, admin boundaries and the nearest shelters.
 */

/** A county (县、市、区) by its 6-digit division code. */
export const PortalCountyRef = z.object({ code: z.string(), name: z.string() });
export type PortalCountyRef = z.infer<typeof PortalCountyRef>;

/** An active (or, on its own page, ended) warning as the portal shows it. */
export const PortalWarningDto = PublicWarningDto.extend({
  typeNameEn: z.string().nullable(),
  /** The English block, when the issuer wrote one. */
  en: z.object({ headline: z.string(), description: z.string(), instruction: z.string().optional() }).nullable(),
  /** Counties the warning's area covers (for the county filter), by code. */
  counties: z.array(PortalCountyRef),
});
export type PortalWarningDto = z.infer<typeof PortalWarningDto>;

export const PortalWarningDetailDto = PortalWarningDto.extend({ status: z.string() });
export type PortalWarningDetailDto = z.infer<typeof PortalWarningDetailDto>;

const QueryLng = z.coerce
  .number({ error: '经度应为 -180 到 180 之间的数字' })
  .min(-180, '经度应在 -180 到 180 之间')
  .max(180, '经度应在 -180 到 180 之间');
const QueryLat = z.coerce
  .number({ error: '纬度应为 -90 到 90 之间的数字' })
  .min(-90, '纬度应在 -90 到 90 之间')
  .max(90, '纬度应在 -90 到 90 之间');

/** `GET /public/shelters/nearby`: a WGS84 point; the nearest open shelters within `radiusKm`. */
export const PublicSheltersQuery = z
  .object({
    lng: QueryLng,
    lat: QueryLat,
    limit: z.coerce
      .number({ error: '数量应为 1 到 20 之间的整数' })
      .int('数量应为整数')
      .min(1, '数量至少为 1')
      .max(20, '数量不能超过 20')
      .default(5),
    radiusKm: z.coerce.number({ error: '半径应为数字（公里）' }).gt(0, '半径须大于 0').max(100, '半径不能超过 100 公里').default(50),
  })
  .strict();
export type PublicSheltersQuery = z.infer<typeof PublicSheltersQuery>;

export const PUBLIC_SHELTER_STATUSES = ['open', 'full'] as const;

/** A shelter as the public sees it: no ids, owners, phones or occupancy figures. */
export const PublicShelterDto = z.object({
  name: z.string(),
  address: z.string().nullable(),
  capacity: z.number().nullable(),
  status: z.enum(PUBLIC_SHELTER_STATUSES),
  lng: z.number(),
  lat: z.number(),
  /** Metres from the query point (great-circle). */
  distanceM: z.number(),
});
export type PublicShelterDto = z.infer<typeof PublicShelterDto>;

export const PublicSheltersResult = z.object({
  center: z.object({ lng: z.number(), lat: z.number() }),
  radiusKm: z.number(),
  items: z.array(PublicShelterDto),
});
export type PublicSheltersResult = z.infer<typeof PublicSheltersResult>;

export const PublicBoundariesQuery = z.object({ level: z.enum(['city', 'county']).default('county') }).strict();

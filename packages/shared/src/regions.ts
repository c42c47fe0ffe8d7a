import { z } from 'zod';

export const CodeNodeDto = z.object({
  code: z.string(),
  name: z.string(),
  parent: z.string().nullable(),
  level: z.number().int(),
  family: z.string(),
  hasChildren: z.boolean(),
});
export type CodeNodeDto = z.infer<typeof CodeNodeDto>;

export const DivisionDto = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county', 'township']),
  parentCode: z.string().nullable(),
});
export type DivisionDto = z.infer<typeof DivisionDto>;

export const LocateQuery = z.object({
  lng: z.coerce.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
  // Range is checked by the service so that swapped lat/lng can be named as such.
  lat: z.coerce.number().min(-180, '纬度应在 -90 到 90 之间').max(180, '纬度应在 -90 到 90 之间'),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});

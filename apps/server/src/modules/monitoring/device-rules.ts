import { gcj02ToWgs84, gcjLngLat, isInChina, looksSwapped } from '@vigil/geo';
import { pointLimitErrors, type PointLimits } from '@vigil/shared';
import { AppError, type FieldError } from '../../platform/errors.js';

/**
 * Checks shared by devices and installations: a location a person typed (swapped lat/lng,
 * outside China, GCJ-02 → WGS84) and the limits of a point.
 */

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** A WGS84 point, or the field error naming the coordinate most likely wrong. */
export function checkLocation(
  loc: { lng: number; lat: number; crs?: 'wgs84' | 'gcj02' | undefined },
  field = 'location',
): { value: { lng: number; lat: number } } | { error: FieldError } {
  const { lng, lat } = loc;
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return { error: { field: `${field}.lng`, message: '坐标应为数字' } };
  if (looksSwapped(lng, lat)) return { error: { field: `${field}.lat`, message: '坐标不在中国境内，经纬度可能填反了' } };
  if (Math.abs(lat) > 90) return { error: { field: `${field}.lat`, message: '纬度应在 -90 到 90 之间' } };
  if (!isInChina(lng, lat)) return { error: { field: `${field}.lng`, message: '坐标不在中国境内' } };
  if (loc.crs === 'gcj02') {
    const [x, y] = gcj02ToWgs84(gcjLngLat(lng, lat));
    return { value: { lng: round7(x), lat: round7(y) } };
  }
  return { value: { lng, lat } };
}

/** `checkLocation` that throws the 400 on failure. */
export function locationOrThrow(loc: { lng: number; lat: number; crs?: 'wgs84' | 'gcj02' | undefined }, field = 'location') {
  const r = checkLocation(loc, field);
  if ('error' in r) throw new AppError('VALIDATION', r.error.message, { errors: [r.error] });
  return r.value;
}

/** Throws one 400 listing every problem of a point's limits, with fields under `prefix`. */
export function assertPointLimits(p: PointLimits, prefix = ''): void {
  const errors = pointLimitErrors(p).map((e) => ({ field: prefix ? `${prefix}.${e.field}` : e.field, message: e.message }));
  if (errors.length > 0) throw new AppError('VALIDATION', errors[0]!.message, { errors });
}

/** Optimistic concurrency: an edit based on another version than the stored one is refused (409). */
export function checkVersion(row: { version: number }, version: number): void {
  if (version === row.version) return;
  throw new AppError('CONFLICT', '记录已被他人修改，请刷新后重试', {
    errors: [{ field: 'version', message: `当前版本为 ${row.version}` }],
    extra: { currentVersion: row.version },
  });
}

/** Parses with a shared schema inside a use case; problems become one 400 with field paths. */
export function parseOrThrow<
  S extends {
    safeParse(
      v: unknown,
    ): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
>(schema: S, value: unknown): S extends { safeParse(v: unknown): { success: true; data: infer T } | { success: false } } ? T : never {
  const r = schema.safeParse(value);
  if (r.success) return r.data as never;
  const errors = r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
  throw new AppError('VALIDATION', errors[0]!.message, { errors });
}

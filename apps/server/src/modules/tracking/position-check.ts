import { distanceMeters, isInChina, lngLat, looksSwapped } from '@vigil/geo';
import { TRACK_MAX_POSITIONS, TRACK_REFUSAL_ZH, type TrackRefusalReason } from '@vigil/shared';

/**
 * Judging position reports, without a database: shape and range of each fix, its time, and
 * whether reaching it from the previous fix would need an impossible speed. The caller supplies
 * the previous stored fix; fixes of one message are judged in time order, each against the last
 * accepted one.
 */

export interface Fix {
  lng: number;
  lat: number;
  at: Date;
  speedKmh: number | null;
  heading: number | null;
  accuracyM: number | null;
}

export interface JudgedFix extends Fix {
  index: number;
}

export interface FixRefusal {
  index: number;
  reason: TrackRefusalReason;
  detail?: string;
}

export interface CheckLimits {
  /** Fastest plausible movement between two fixes. */
  maxSpeedKmh: number;
  /** Fixes older than this are refused (a tracker's clock gone wrong). */
  maxAgeMs: number;
  /** Fixes further in the future than this are refused. */
  maxFutureMs: number;
}

export const DEFAULT_LIMITS: CheckLimits = { maxSpeedKmh: 300, maxAgeMs: 7 * 86_400_000, maxFutureMs: 5 * 60_000 };

/** The Chinese message for a refusal, with its detail. */
export function refusalMessage(r: { reason: TrackRefusalReason; detail?: string | undefined }): string {
  return r.detail ? `${TRACK_REFUSAL_ZH[r.reason]}：${r.detail}` : TRACK_REFUSAL_ZH[r.reason];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function optionalNumber(v: unknown, min: number, max: number): number | null | 'bad' {
  if (v === undefined || v === null) return null;
  return finite(v) && v >= min && v <= max ? v : 'bad';
}

/** One raw item → a fix or a refusal (shape, ranges, China, time). */
export function parseFix(item: unknown, index: number, now: Date, limits: CheckLimits = DEFAULT_LIMITS): Fix | FixRefusal {
  if (!isObject(item)) return { index, reason: 'malformed', detail: '每个位置应为对象 {lng, lat, at}' };
  const { lng, lat } = item;
  if (!finite(lng) || !finite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
    return { index, reason: 'bad_coordinates', detail: `lng=${String(lng)}, lat=${String(lat)}` };
  if (!isInChina(lng, lat)) {
    const hint = looksSwapped(lng, lat) ? '，经纬度似乎写反了' : '';
    return { index, reason: 'outside_china', detail: `${lng}, ${lat}${hint}` };
  }
  let at: Date;
  if (item.at !== undefined) {
    if (typeof item.at !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(item.at))
      return { index, reason: 'bad_time', detail: JSON.stringify(item.at) };
    at = new Date(item.at);
  } else if (item.ts !== undefined) {
    if (!finite(item.ts)) return { index, reason: 'bad_time', detail: JSON.stringify(item.ts) };
    at = new Date(item.ts);
  } else {
    at = now;
  }
  const t = at.getTime();
  if (!Number.isFinite(t) || t > now.getTime() + limits.maxFutureMs || t < now.getTime() - limits.maxAgeMs)
    return { index, reason: 'bad_time', detail: Number.isFinite(t) ? at.toISOString() : String(item.at ?? item.ts) };
  const speed = optionalNumber(item.speed, 0, 1_000);
  const heading = optionalNumber(item.heading, 0, 360);
  const accuracy = optionalNumber(item.accuracy, 0, 100_000);
  if (speed === 'bad' || heading === 'bad' || accuracy === 'bad')
    return { index, reason: 'malformed', detail: 'speed 0–1000 km/h，heading 0–360°，accuracy 0–100000 m' };
  return { lng, lat, at, speedKmh: speed, heading, accuracyM: accuracy };
}

/** km/h needed to go from `a` to `b`; Infinity when they differ by more than a few metres at the same instant. */
export function speedBetween(a: { lng: number; lat: number; at: Date }, b: { lng: number; lat: number; at: Date }): number {
  const metres = distanceMeters(lngLat(a.lng, a.lat), lngLat(b.lng, b.lat));
  const seconds = Math.abs(b.at.getTime() - a.at.getTime()) / 1000;
  // GPS jitter: a few tens of metres between fixes is noise, never a jump.
  if (metres <= 50) return 0;
  if (seconds === 0) return Infinity;
  return (metres / seconds) * 3.6;
}

export interface ParsedMessage {
  /** Well-formed fixes in time order. */
  fixes: JudgedFix[];
  refusals: FixRefusal[];
}

/**
 * Parses the items of one message: `body` is a fix object or an array of them (a tracker's buffer
 * after a dead zone). A refusal of the whole message (empty, too many) comes back alone.
 */
export function parseMessage(
  body: unknown,
  now: Date,
  limits: CheckLimits = DEFAULT_LIMITS,
): ParsedMessage | { messageRefusal: FixRefusal } {
  if (body === undefined) return { messageRefusal: { index: 0, reason: 'malformed', detail: '不是有效的 JSON' } };
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return { messageRefusal: { index: 0, reason: 'malformed', detail: '没有位置' } };
  if (items.length > TRACK_MAX_POSITIONS)
    return { messageRefusal: { index: 0, reason: 'too_many_positions', detail: `共 ${items.length} 个` } };
  const refusals: FixRefusal[] = [];
  const fixes: JudgedFix[] = [];
  items.forEach((item, index) => {
    const f = parseFix(item, index, now, limits);
    if ('reason' in f) refusals.push(f);
    else fixes.push({ ...f, index });
  });
  fixes.sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
  return { fixes, refusals };
}

/**
 * Drops the fixes that could only be reached at an impossible speed: each is compared with the
 * last accepted one, the first with `previous` (the stored fix just before it, or null), so a
 * buffered upload is judged as the journey it was.
 */
export function dropJumps(
  fixes: readonly JudgedFix[],
  previous: { lng: number; lat: number; at: Date } | null,
  limits: CheckLimits = DEFAULT_LIMITS,
): { accepted: JudgedFix[]; refusals: FixRefusal[] } {
  const accepted: JudgedFix[] = [];
  const refusals: FixRefusal[] = [];
  let ref = previous;
  for (const f of fixes) {
    if (ref) {
      const v = speedBetween(ref, f);
      if (v > limits.maxSpeedKmh) {
        const shown = Number.isFinite(v) ? `约 ${Math.round(v)} km/h` : '同一时刻出现在两处';
        refusals.push({ index: f.index, reason: 'impossible_jump', detail: `${shown}，上限 ${limits.maxSpeedKmh} km/h` });
        continue;
      }
    }
    accepted.push(f);
    ref = f;
  }
  return { accepted, refusals };
}

/** Parses a message's bytes as JSON; undefined when they are not JSON. */
export function parseJson(bytes: Buffer | string): unknown {
  try {
    return JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

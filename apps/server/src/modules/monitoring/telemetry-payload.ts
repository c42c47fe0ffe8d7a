import {
  TELEMETRY_MAX_AGE_MS,
  TELEMETRY_MAX_FUTURE_MS,
  TELEMETRY_MAX_READINGS,
  TELEMETRY_REJECT_REASONS,
  type TelemetryRejectReason,
} from '@vigil/shared';
import type { AcceptedReading } from './reading.js';

/**
 * The device protocol's payload, parsed and judged without any I/O: `{"ts": …, "values": {…}}`
 * or an array of such, every metric value one reading. A bad item or value never spoils the
 * good ones next to it: each is judged alone and refused with a reason.
 */

/** A point as ingestion needs it (from the device directory). */
export interface TelemetryPoint {
  id: string;
  ref: number;
  metric: string;
  valueKind: 'number' | 'boolean';
  rangeMin: number | null;
  rangeMax: number | null;
  enabled: boolean;
}

/** A device as ingestion needs it: its points by metric code. */
export interface TelemetryDevice {
  id: string;
  code: string;
  status: string;
  points: ReadonlyMap<string, TelemetryPoint>;
}

/** Why one item or value was refused; `index` is the item's position (0 for a single object). */
export interface Rejection {
  index: number;
  metric: string | null;
  reason: TelemetryRejectReason;
  detail: string | null;
  /** The refused item, truncated, when the whole item was refused. */
  payload: string | null;
}

export type ParsedPayload =
  | { ok: true; items: unknown[]; readings: number }
  | { ok: false; reason: 'malformed_json' | 'not_object' | 'too_many_readings'; detail: string };

/** Device statuses whose readings are refused (maintenance still reports). */
const REFUSED_STATUSES = new Set(['disabled', 'retired']);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Epoch milliseconds below this (2001-09-09) are almost certainly seconds. */
const PLAUSIBLE_MS = 1e12;
const PAYLOAD_SNIPPET = 1024;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A short JSON rendering of a refused item (dead-letter rows keep it for diagnosis). */
export function snippet(v: unknown, max = PAYLOAD_SNIPPET): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Parses a message body (MQTT payload bytes or text to parse as JSON, or a value already parsed)
 * into items; counts the readings so that an oversized message is refused as a whole.
 */
export function parseTelemetryPayload(body: unknown, maxReadings = TELEMETRY_MAX_READINGS): ParsedPayload {
  let value: unknown = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { ok: false, reason: 'malformed_json', detail: (err as Error).message.slice(0, 200) };
    }
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return { ok: true, items, readings: 0 };
  if (!isPlainObject(value) && !Array.isArray(value)) {
    return { ok: false, reason: 'not_object', detail: `got ${value === null ? 'null' : typeof value}` };
  }
  let readings = 0;
  for (const item of items) {
    readings += isPlainObject(item) && isPlainObject(item.values) ? Object.keys(item.values).length : 1;
    if (readings > maxReadings) {
      return { ok: false, reason: 'too_many_readings', detail: `more than ${maxReadings} readings (${items.length} items)` };
    }
  }
  return { ok: true, items, readings };
}

/** Parses a timestamp: ISO-8601 with a zone, or epoch milliseconds; `undefined`/`null` means "now". */
export function parseTimestamp(ts: unknown, receivedAt: number): { ok: true; ms: number } | { ok: false; detail: string } {
  if (ts === undefined || ts === null) return { ok: true, ms: receivedAt };
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts)) return { ok: false, detail: 'not a finite number' };
    if (ts > 0 && ts < PLAUSIBLE_MS) return { ok: false, detail: `${ts} looks like epoch seconds; send milliseconds` };
    return { ok: true, ms: Math.round(ts) };
  }
  if (typeof ts === 'string') {
    if (!ISO_WITH_ZONE.test(ts)) return { ok: false, detail: `"${ts.slice(0, 40)}" is not ISO-8601 with a zone (Z or +08:00)` };
    const ms = Date.parse(ts);
    if (Number.isNaN(ms)) return { ok: false, detail: `"${ts.slice(0, 40)}" is not a valid date` };
    return { ok: true, ms };
  }
  return { ok: false, detail: `got ${typeof ts}` };
}

/** Converts a JSON value to the point's number (booleans as 0/1 on state points); null = not numeric. */
function numericValue(point: TelemetryPoint, v: unknown): number | null {
  if (typeof v === 'boolean') return point.valueKind === 'boolean' ? (v ? 1 : 0) : null;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return null;
}

function rangeProblem(point: TelemetryPoint, value: number): string | null {
  if (point.valueKind === 'boolean') return value === 0 || value === 1 ? null : `${value} is not 0/1/true/false`;
  if (point.rangeMin !== null && value < point.rangeMin) return `${value} < range min ${point.rangeMin}`;
  if (point.rangeMax !== null && value > point.rangeMax) return `${value} > range max ${point.rangeMax}`;
  return null;
}

/** Is a device allowed to report at all (disabled and retired devices are refused)? */
export function deviceRefusal(device: TelemetryDevice | undefined): TelemetryRejectReason | null {
  if (!device) return 'unknown_device';
  return REFUSED_STATUSES.has(device.status) ? 'device_disabled' : null;
}

/**
 * Judges parsed items for one device: every metric value becomes an accepted reading or a
 * rejection with its reason. Time limits are relative to `receivedAt`.
 */
export function validateTelemetry(
  device: TelemetryDevice,
  items: readonly unknown[],
  receivedAt: number,
): { accepted: AcceptedReading[]; rejections: Rejection[] } {
  const accepted: AcceptedReading[] = [];
  const rejections: Rejection[] = [];
  const reject = (
    index: number,
    metric: string | null,
    reason: TelemetryRejectReason,
    detail: string | null,
    payload: unknown = undefined,
  ) => rejections.push({ index, metric, reason, detail, payload: payload === undefined ? null : snippet(payload) });

  items.forEach((item, index) => {
    if (!isPlainObject(item)) return reject(index, null, 'not_object', `item is ${item === null ? 'null' : typeof item}`, item);
    if (!isPlainObject(item.values)) return reject(index, null, 'bad_values', null, item);
    const ts = parseTimestamp(item.ts, receivedAt);
    if (!ts.ok) return reject(index, null, 'bad_timestamp', ts.detail, item);
    if (ts.ms > receivedAt + TELEMETRY_MAX_FUTURE_MS) return reject(index, null, 'future_timestamp', new Date(ts.ms).toISOString(), item);
    if (ts.ms < receivedAt - TELEMETRY_MAX_AGE_MS) return reject(index, null, 'stale_timestamp', new Date(ts.ms).toISOString(), item);
    for (const metric of Object.keys(item.values)) {
      const raw = item.values[metric];
      const point = device.points.get(metric);
      if (!point) {
        reject(index, metric.slice(0, 64), 'unknown_metric', null);
        continue;
      }
      if (!point.enabled) {
        reject(index, metric, 'point_disabled', null);
        continue;
      }
      const value = numericValue(point, raw);
      if (value === null) {
        reject(index, metric, 'not_numeric', snippet(raw, 80));
        continue;
      }
      const problem = rangeProblem(point, value);
      if (problem) {
        reject(index, metric, 'out_of_range', problem);
        continue;
      }
      accepted.push({ pointRef: point.ref, pointId: point.id, deviceId: device.id, metric, ts: ts.ms, value, receivedAt });
    }
  });
  return { accepted, rejections };
}

/** The Chinese message of a reason, with its detail. */
export function rejectionMessage(reason: TelemetryRejectReason, detail: string | null): string {
  const base = TELEMETRY_REJECT_REASONS[reason].zh;
  return detail ? `${base}：${detail}` : base;
}

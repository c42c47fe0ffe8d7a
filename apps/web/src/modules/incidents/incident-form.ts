import type { CreateIncidentInput, IncidentDto, IncidentSource, UpdateIncidentInput } from '@vigil/shared';
import { ApiError, fieldPath } from '../../lib/api-error';
import { formatBeijing } from '../../lib/time';
import { beijingWallToIso } from './incident-format';
import type { PointValue } from './location';

/** A picker value (dayjs): only formatting is needed here, so tests can pass plain objects. */
export interface WallClock {
  format(template: string): string;
}

/** The numbers of the casualty and loss section (all ≥ 0). */
export const COUNT_FIELDS = ['dead', 'missing', 'seriouslyInjured', 'lightlyInjured', 'affected', 'evacuated'] as const;
type CountField = (typeof COUNT_FIELDS)[number];

export interface IncidentFormValues extends Partial<Record<CountField, number | null>> {
  title: string;
  eventType: string;
  occurredAt: WallClock;
  receivedAt?: WallClock | null;
  source: IncidentSource;
  reporterName?: string | null;
  reporterPhone?: string | null;
  location?: PointValue | null;
  address?: string | null;
  description?: string | null;
  directLossYuan?: number | null;
}

/** Every field name of the form, to place the server's field errors. */
export const INCIDENT_FORM_FIELDS = [
  'title',
  'eventType',
  'occurredAt',
  'receivedAt',
  'source',
  'reporterName',
  'reporterPhone',
  'location',
  'address',
  'description',
  'directLossYuan',
  ...COUNT_FIELDS,
] as const;
export type IncidentFormField = (typeof INCIDENT_FORM_FIELDS)[number];

const isFormField = (f: unknown): f is IncidentFormField =>
  typeof f === 'string' && (INCIDENT_FORM_FIELDS as readonly string[]).includes(f);

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const iso = (v: WallClock) => beijingWallToIso(v.format('YYYY-MM-DD HH:mm:ss'));

function numbers(v: IncidentFormValues) {
  const out: Partial<Record<CountField | 'directLossYuan', number>> = {};
  for (const k of [...COUNT_FIELDS, 'directLossYuan'] as const) {
    const n = v[k];
    if (typeof n === 'number') out[k] = n;
  }
  return out;
}

/** The intake form → `POST /incidents` (times read as Beijing time; empty optional fields left out). */
export function toCreateInput(v: IncidentFormValues): CreateIncidentInput {
  const input: CreateIncidentInput = {
    title: v.title.trim(),
    eventType: v.eventType,
    occurredAt: iso(v.occurredAt),
    source: v.source,
    ...numbers(v),
  };
  if (v.receivedAt) input.receivedAt = iso(v.receivedAt);
  if (v.location) input.location = v.location;
  const optional = {
    address: blank(v.address),
    reporterName: blank(v.reporterName),
    reporterPhone: blank(v.reporterPhone),
    description: blank(v.description),
  };
  for (const [k, s] of Object.entries(optional)) if (s) Object.assign(input, { [k]: s });
  return input;
}

/** The edit form → `PATCH /incidents/:id` with the version it was based on; cleared fields become null. */
export function toUpdateInput(v: IncidentFormValues, version: number): UpdateIncidentInput {
  return {
    title: v.title.trim(),
    eventType: v.eventType,
    occurredAt: iso(v.occurredAt),
    ...(v.receivedAt ? { receivedAt: iso(v.receivedAt) } : {}),
    source: v.source,
    location: v.location ?? null,
    address: blank(v.address),
    reporterName: blank(v.reporterName),
    reporterPhone: v.reporterPhone?.includes('*') ? undefined : blank(v.reporterPhone),
    description: blank(v.description),
    ...numbers(v),
    version,
  };
}

/** An incident → the edit form's values; `toPicker` makes the picker value from a Beijing wall-clock string. */
export function toFormValues(i: IncidentDto, toPicker: (wall: string) => WallClock): IncidentFormValues {
  return {
    title: i.title,
    eventType: i.eventType,
    occurredAt: toPicker(formatBeijing(i.occurredAt)),
    receivedAt: toPicker(formatBeijing(i.receivedAt)),
    source: i.source,
    reporterName: i.reporterName,
    reporterPhone: i.reporterPhoneMasked ? null : i.reporterPhone,
    location: i.location ? { ...i.location, crs: 'wgs84' } : null,
    address: i.address,
    description: i.description,
    dead: i.dead,
    missing: i.missing,
    seriouslyInjured: i.seriouslyInjured,
    lightlyInjured: i.lightlyInjured,
    directLossYuan: i.directLossYuan,
    affected: i.affected,
    evacuated: i.evacuated,
  };
}

/**
 * The server's field errors placed on the form's own fields: `location.lat` goes to the location
 * control, unknown fields are dropped (the caller toasts the detail instead).
 */
export function incidentFieldErrors(err: unknown): { name: [IncidentFormField]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<IncidentFormField, string[]>();
  for (const e of err.fieldErrors) {
    const first = fieldPath(e.field)[0];
    if (!isFormField(first)) continue;
    byField.set(first, [...(byField.get(first) ?? []), e.message]);
  }
  return [...byField].map(([f, errors]) => ({ name: [f] as [IncidentFormField], errors }));
}

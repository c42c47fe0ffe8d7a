import type { ResourceDto, ResourceInput, ResourcePatch } from '@vigil/shared';
import { ApiError, fieldPath } from '../../lib/api-error';
import type { PointValue } from '../incidents/location';
import type { AttrField, KindSpec } from './kinds';

/** One row of a team's equipment list as the form holds it. */
export interface EquipmentRow {
  name?: string | null;
  quantity?: number | null;
}

/** The create/edit form of any registry; `attrs` holds the kind's own fields by name. */
export interface ResourceFormValues {
  externalCode: string;
  name: string;
  typeCode?: string | null;
  status: string;
  orgId?: string | null;
  address?: string | null;
  phone?: string | null;
  location?: PointValue | null;
  attrs: Record<string, unknown>;
  contact?: { phone?: string | null; idNumber?: string | null };
}

/** The top-level form fields (server field errors on anything else are toasted, not placed). */
export const RESOURCE_FORM_FIELDS = ['externalCode', 'name', 'typeCode', 'status', 'orgId', 'address', 'phone', 'location'] as const;

const blank = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const unique = (list: string[]) => [...new Set(list)];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.flatMap((s) => (typeof s === 'string' && s.trim() ? [s.trim()] : [])) : [];
}

/** One attribute from the form to the API shape; undefined leaves it out. */
function attrToApi(f: AttrField, v: unknown): unknown {
  switch (f.type) {
    case 'text':
      return blank(v) ?? undefined;
    case 'int':
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case 'bool':
      return v === true;
    case 'enum':
      return typeof v === 'string' && v ? v : f.name === 'majorLevel' ? null : undefined;
    case 'codes':
      return unique(strings(v).map((s) => s.toUpperCase()));
    case 'tags':
      return unique(strings(v));
    case 'equipmentList':
      return (Array.isArray(v) ? (v as EquipmentRow[]) : []).flatMap((r) =>
        blank(r?.name) ? [{ name: blank(r.name)!, quantity: typeof r.quantity === 'number' ? r.quantity : 0 }] : [],
      );
  }
}

/** The kind's attributes from the form, in the shape its schema expects (empty optional fields left out). */
export function toAttrs(spec: KindSpec, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.attrs) {
    const v = attrToApi(f, values?.[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** A record's attributes → the form (lists default to empty, unknown keys dropped). */
export function fromAttrs(spec: KindSpec, attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.attrs) {
    const v = attrs[f.name];
    if (f.type === 'codes' || f.type === 'tags' || f.type === 'equipmentList') out[f.name] = Array.isArray(v) ? v : [];
    else if (f.type === 'bool') out[f.name] = v === true;
    else out[f.name] = v ?? null;
  }
  return out;
}

function location(v: ResourceFormValues) {
  const p = v.location;
  if (!p) throw new Error('location is required');
  return { lng: p.lng, lat: p.lat, crs: p.crs };
}

function contactOf(v: ResourceFormValues, masked: boolean) {
  const phone = blank(v.contact?.phone);
  const idNumber = blank(v.contact?.idNumber);
  // Masked values were never shown: only what the user typed anew replaces the sealed value.
  if (masked) {
    const out: { phone?: string; idNumber?: string } = {};
    if (phone && !phone.includes('*')) out.phone = phone;
    if (idNumber && !idNumber.includes('*')) out.idNumber = idNumber;
    return Object.keys(out).length ? out : undefined;
  }
  return { phone, idNumber };
}

/** The form → `POST /resources/:kind`. */
export function toResourceInput(spec: KindSpec, v: ResourceFormValues): ResourceInput {
  const input: ResourceInput = {
    externalCode: v.externalCode.trim(),
    name: v.name.trim(),
    typeCode: blank(v.typeCode),
    status: v.status,
    address: blank(v.address),
    location: location(v),
    attrs: toAttrs(spec, v.attrs),
  };
  if (v.orgId) input.orgId = v.orgId;
  if (spec.phone) input.phone = blank(v.phone);
  if (spec.sealedContact) {
    const c = contactOf(v, true);
    if (c) input.contact = c;
  }
  return input;
}

/** The form → `PUT /resources/:kind/:id`, based on the version the form was opened with. */
export function toResourcePatch(spec: KindSpec, v: ResourceFormValues, before: ResourceDto): ResourcePatch {
  const patch: ResourcePatch = { ...toResourceInput(spec, v), version: before.version };
  delete patch.contact;
  if (spec.sealedContact) {
    const c = contactOf(v, before.contact?.masked ?? false);
    if (c) patch.contact = c;
  }
  return patch;
}

/** A record → the edit form (location in WGS84, masked contact left empty). */
export function toFormValues(spec: KindSpec, r: ResourceDto): ResourceFormValues {
  const masked = r.contact?.masked ?? false;
  return {
    externalCode: r.externalCode,
    name: r.name,
    typeCode: r.typeCode,
    status: r.status,
    orgId: r.orgId,
    address: r.address,
    phone: r.phone,
    location: { lng: r.location.lng, lat: r.location.lat, crs: 'wgs84' },
    attrs: fromAttrs(spec, r.attrs),
    contact: masked ? { phone: null, idNumber: null } : { phone: r.contact?.phone ?? null, idNumber: r.contact?.idNumber ?? null },
  };
}

/** An empty form for a new record of a kind. */
export function emptyFormValues(spec: KindSpec): ResourceFormValues {
  return { externalCode: '', name: '', status: spec.defaultStatus, location: null, attrs: fromAttrs(spec, {}), contact: {} };
}

export interface PlacedError {
  name: (string | number)[];
  errors: string[];
}

/**
 * The server's field errors placed on the form: `location.lat` on the location control,
 * `attrs.headcount` (or a bare `headcount`) on the kind's field, `attrs.equipment.0.name` on that row,
 * `contact.phone` on the sealed phone. Errors naming no form field are left for a toast.
 */
export function resourceFieldErrors(spec: KindSpec, err: unknown): PlacedError[] {
  if (!(err instanceof ApiError)) return [];
  const attrNames = new Set(spec.attrs.map((f) => f.name));
  const top = new Set<string>(RESOURCE_FORM_FIELDS);
  const placed = new Map<string, PlacedError>();
  for (const e of err.fieldErrors) {
    const path = fieldPath(e.field.replace(/^body\./, ''));
    const [first, second] = path;
    let name: (string | number)[] | null = null;
    if (first === 'location') name = ['location'];
    else if (typeof first === 'string' && top.has(first)) name = [first];
    else if (first === 'attrs' && typeof second === 'string' && attrNames.has(second)) name = ['attrs', ...path.slice(1)];
    else if (first === 'contact' && (second === 'phone' || second === 'idNumber')) name = ['contact', second];
    else if (typeof first === 'string' && attrNames.has(first)) name = ['attrs', ...path];
    if (!name) continue;
    const key = name.join('.');
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    placed.set(key, entry);
  }
  return [...placed.values()];
}

/**
 * A sealed contact is replaced as a whole (phone and ID number together). When the user cannot see
 * it (masked) and types only one of the two, the other would be cleared: this names the field that
 * still needs a value, or null when the form is fine.
 */
export function maskedContactMissing(before: ResourceDto | null | undefined, v: ResourceFormValues): 'phone' | 'idNumber' | null {
  const c = before?.contact;
  if (!c?.masked) return null;
  const phone = blank(v.contact?.phone);
  const idNumber = blank(v.contact?.idNumber);
  if (!phone && !idNumber) return null;
  if (!phone && c.phone) return 'phone';
  if (!idNumber && c.idNumber) return 'idNumber';
  return null;
}

/**
 * Whether a failed save was refused because someone else saved first (optimistic concurrency: a 409
 * naming the version). Other conflicts (a duplicate external code, an archived record) are not.
 */
export function isStale(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.fieldErrors.some((e) => e.field === 'version');
}

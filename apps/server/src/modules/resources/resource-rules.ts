import { gcj02ToWgs84, gcjLngLat, isInChina, looksSwapped } from '@vigil/geo';
import { RESOURCE_ATTRS, RESOURCE_STATUSES, RESOURCE_TYPE_PREFIX, ResourceInput, isResourceStatus, type ResourceKind } from '@vigil/shared';
import type { z } from 'zod';

/**
 * The rules every resource record obeys, whether it arrives through the HTTP API or a bulk
 * import: the shared input schema, the kind's attribute schema, statuses, national type codes,
 * location sanity (swapped lat/lng, outside China, GCJ-02 → WGS84) and expert contacts.
 * Pure: no database. Code existence is checked against a set the caller loads once.
 */

export interface RuleError {
  field: string;
  message: string;
}

export interface NormalizedContact {
  phone: string | null;
  idNumber: string | null;
}

export type PolygonCoords = [number, number][][];
export interface NormalizedArea {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}

/** A resource ready to be written: WGS84 location, validated attrs, codes upper-cased. */
export interface NormalizedResource {
  externalCode: string;
  name: string;
  typeCode: string | null;
  status: string;
  orgId: string | undefined;
  address: string | null;
  phone: string | null;
  location: { lng: number; lat: number };
  area: NormalizedArea | null;
  attrs: Record<string, unknown>;
  /** Experts only; null for other kinds or when no contact was given. */
  contact: NormalizedContact | null;
}

export interface RuleOptions {
  /** National codes known to code_table; when given, typeCode and code lists must be in it. */
  knownCodes?: ReadonlySet<string>;
}

export type RuleResult = { value: NormalizedResource; errors?: undefined } | { value?: undefined; errors: RuleError[] };

function zodErrors(error: z.ZodError, prefix: string): RuleError[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      const keys = (i as { keys?: string[] }).keys ?? [];
      return { field: [path, keys[0]].filter(Boolean).join('.') || prefix || 'body', message: `不支持的字段：${keys.join(', ')}` };
    }
    return { field: path || prefix || 'body', message: i.message };
  });
}

/** Location checks and conversion; the field named is the one most likely wrong. */
export function checkLocation(
  lng: number,
  lat: number,
  crs: 'wgs84' | 'gcj02',
  field = 'location',
): { value: { lng: number; lat: number } } | { error: RuleError } {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return { error: { field: `${field}.lng`, message: '坐标应为数字' } };
  if (looksSwapped(lng, lat)) return { error: { field: `${field}.lat`, message: '坐标不在中国境内，经纬度可能填反了' } };
  if (Math.abs(lat) > 90) return { error: { field: `${field}.lat`, message: '纬度应在 -90 到 90 之间' } };
  if (Math.abs(lng) > 180) return { error: { field: `${field}.lng`, message: '经度应在 -180 到 180 之间' } };
  if (!isInChina(lng, lat)) return { error: { field: `${field}.lng`, message: '坐标不在中国境内' } };
  if (crs === 'gcj02') {
    const [x, y] = gcj02ToWgs84(gcjLngLat(lng, lat));
    return { value: { lng: round7(x), lat: round7(y) } };
  }
  return { value: { lng, lat } };
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

function typeCodeError(kind: ResourceKind, code: string, known: ReadonlySet<string> | undefined): string | null {
  const prefixes = RESOURCE_TYPE_PREFIX[kind];
  if (!prefixes.some((p) => code.startsWith(p))) return `类型代码应以 ${prefixes.join(' / ')} 开头`;
  if (known && !known.has(code)) return `未知的类型代码 ${code}`;
  return null;
}

function checkArea(area: unknown, crs: 'wgs84' | 'gcj02', errors: RuleError[]): NormalizedArea | null {
  if (!area) return null;
  const a = area as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  const polygons = (a.type === 'Polygon' ? [a.coordinates] : a.coordinates) as PolygonCoords[];
  const out: PolygonCoords[] = [];
  for (const poly of polygons) {
    const rings: [number, number][][] = [];
    for (const ring of poly) {
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) {
        errors.push({ field: 'area', message: '多边形的首尾坐标应相同（闭合）' });
        return null;
      }
      const converted: [number, number][] = [];
      for (const [x, y] of ring) {
        const r = checkLocation(x, y, crs, 'area');
        if ('error' in r) {
          errors.push({ field: 'area', message: `范围${r.error.message}` });
          return null;
        }
        converted.push([r.value.lng, r.value.lat]);
      }
      rings.push(converted);
    }
    out.push(rings);
  }
  return { type: 'MultiPolygon', coordinates: out };
}

function checkCodeList(field: string, list: unknown, known: ReadonlySet<string> | undefined, errors: RuleError[]): void {
  if (!known || !Array.isArray(list)) return;
  const unknown = (list as string[]).filter((c) => !known.has(c));
  if (unknown.length > 0) errors.push({ field, message: `未知的代码：${unknown.join(', ')}` });
}

/**
 * Validates and normalises one resource of a kind. Returns every problem found (field + Chinese
 * message) rather than the first, so an import error report can list them all.
 */
export function checkResourceInput(kind: ResourceKind, input: unknown, opts: RuleOptions = {}): RuleResult {
  const parsed = ResourceInput.safeParse(input);
  if (!parsed.success) return { errors: zodErrors(parsed.error, '') };
  const v = parsed.data;
  const errors: RuleError[] = [];

  const typeCode = v.typeCode ?? null;
  if (typeCode) {
    const msg = typeCodeError(kind, typeCode, opts.knownCodes);
    if (msg) errors.push({ field: 'typeCode', message: msg });
  }
  if (!isResourceStatus(kind, v.status))
    errors.push({
      field: 'status',
      message: `状态应为：${Object.entries(RESOURCE_STATUSES[kind])
        .map(([k, zh]) => `${k}（${zh}）`)
        .join('、')}`,
    });

  const loc = checkLocation(v.location.lng, v.location.lat, v.location.crs);
  if ('error' in loc) errors.push(loc.error);
  const area = checkArea(v.area, v.location.crs, errors);

  const attrsParsed = RESOURCE_ATTRS[kind].safeParse(v.attrs);
  let attrs: Record<string, unknown> = {};
  if (!attrsParsed.success) errors.push(...zodErrors(attrsParsed.error, 'attrs'));
  else {
    attrs = attrsParsed.data as Record<string, unknown>;
    if (kind === 'team') checkCodeList('attrs.capabilities', attrs.capabilities, opts.knownCodes, errors);
    if (kind === 'expert') checkCodeList('attrs.specialties', attrs.specialties, opts.knownCodes, errors);
  }

  let contact: NormalizedContact | null = null;
  if (v.contact && (v.contact.phone || v.contact.idNumber)) {
    if (kind !== 'expert') errors.push({ field: 'contact', message: '只有专家可以填写联系方式（手机号、身份证号）' });
    else contact = { phone: v.contact.phone || null, idNumber: v.contact.idNumber ? v.contact.idNumber.toUpperCase() : null };
  }

  if (errors.length > 0 || 'error' in loc) return { errors };
  return {
    value: {
      externalCode: v.externalCode,
      name: v.name,
      typeCode,
      status: v.status,
      orgId: v.orgId,
      address: v.address || null,
      phone: v.phone || null,
      location: loc.value,
      area,
      attrs,
      contact,
    },
  };
}

/** `13812345678` → `138****5678`; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 3) return `****${digits.slice(-2)}`;
  return '****';
}

/** `350502199001011234` → `350502********1234` (region kept, birth date hidden). */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** The masked copy of an expert contact that users without expert.contact.read see. */
export function maskContact(c: NormalizedContact): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.phone) out.phone = maskPhone(c.phone);
  if (c.idNumber) out.idNumber = maskIdNumber(c.idNumber);
  return out;
}

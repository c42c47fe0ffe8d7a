import type { DeviceDto, DeviceInput, DevicePatch, DeviceStatus, PointDto, PointPatch } from '@vigil/shared';
import type { PointValue } from '../../incidents/location';

/** The device form's values (antd). */
export interface DeviceFormValues {
  code: string;
  typeCode: string;
  name: string;
  vendor?: string | null;
  model?: string | null;
  orgId?: string;
  site?: string | null;
  address?: string | null;
  location: PointValue | null;
  installDate?: string | null;
  status: DeviceStatus;
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() !== '' ? s.trim() : null);

export function emptyDeviceValues(): Partial<DeviceFormValues> {
  return { status: 'active', location: null };
}

export function toDeviceValues(d: DeviceDto): DeviceFormValues {
  return {
    code: d.code,
    typeCode: d.typeCode,
    name: d.name,
    vendor: d.vendor,
    model: d.model,
    orgId: d.orgId,
    site: d.site,
    address: d.address,
    location: { lng: d.location.lng, lat: d.location.lat, crs: 'wgs84' },
    installDate: d.installDate,
    status: d.status,
  };
}

/** A new device's body. */
export function toDeviceInput(v: DeviceFormValues): DeviceInput {
  return {
    code: v.code.trim(),
    typeCode: v.typeCode,
    name: v.name.trim(),
    vendor: blankToNull(v.vendor),
    model: blankToNull(v.model),
    ...(v.orgId ? { orgId: v.orgId } : {}),
    site: blankToNull(v.site),
    address: blankToNull(v.address),
    location: v.location!,
    installDate: blankToNull(v.installDate),
    status: v.status,
  };
}

/** An edit: only what changed, with the version the form was opened at. */
export function toDevicePatch(v: DeviceFormValues, d: DeviceDto): DevicePatch {
  const next = toDeviceInput(v);
  const patch: DevicePatch = { version: d.version };
  if (next.name !== d.name) patch.name = next.name;
  if (next.vendor !== d.vendor) patch.vendor = next.vendor;
  if (next.model !== d.model) patch.model = next.model;
  if (next.site !== d.site) patch.site = next.site;
  if (next.address !== d.address) patch.address = next.address;
  if (next.installDate !== d.installDate) patch.installDate = next.installDate;
  if (next.status !== d.status) patch.status = next.status;
  if (v.orgId && v.orgId !== d.orgId) patch.orgId = v.orgId;
  const loc = v.location;
  if (loc && (loc.crs !== 'wgs84' || loc.lng !== d.location.lng || loc.lat !== d.location.lat)) patch.location = loc;
  return patch;
}

/** The point form's values: numbers or empty. */
export type PointFormValues = Pick<PointDto, 'name' | 'unit' | 'rangeMin' | 'rangeMax' | 'intervalS' | 'h' | 'hh' | 'l' | 'll' | 'enabled'>;

const LIMITS = ['rangeMin', 'rangeMax', 'h', 'hh', 'l', 'll'] as const;

/** A point edit carrying every limit (an emptied field clears it) and the device's version. */
export function toPointPatch(v: PointFormValues, p: PointDto, deviceVersion: number): PointPatch {
  const patch: PointPatch = { version: deviceVersion };
  if (v.name !== p.name) patch.name = v.name;
  if ((v.unit ?? null) !== p.unit) patch.unit = blankToNull(v.unit);
  if (v.intervalS !== p.intervalS) patch.intervalS = v.intervalS;
  if (v.enabled !== p.enabled) patch.enabled = v.enabled;
  for (const k of LIMITS) {
    const n = typeof v[k] === 'number' ? v[k] : null;
    if (n !== p[k]) patch[k] = n;
  }
  return patch;
}

/** Which band a value falls in (for the latest-value colour): hh/ll red, h/l orange, else null. */
export function bandOf(value: number | null, p: Pick<PointDto, 'h' | 'hh' | 'l' | 'll'>): 'hh' | 'h' | 'l' | 'll' | null {
  if (value === null) return null;
  if (p.hh !== null && value >= p.hh) return 'hh';
  if (p.ll !== null && value <= p.ll) return 'll';
  if (p.h !== null && value >= p.h) return 'h';
  if (p.l !== null && value <= p.l) return 'l';
  return null;
}

/** The secrets of imported devices as a CSV file (UTF-8 with BOM so Excel reads the Chinese names). */
export function credentialsCsv(items: readonly { code: string; name: string; secret: string }[]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['设备编码', '设备名称', '设备密钥'], ...items.map((i) => [i.code, i.name, i.secret])];
  return `\ufeff${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

import type { DeviceDto, DeviceMapState, DeviceTypeDto, InstallationDto, LatestValueDto, PointDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { DeviceTypeRow } from './device-types.repository.js';
import type { DeviceRow } from './devices.repository.js';
import type { InstallationPointRow, InstallationRow } from './installations.repository.js';
import { deviceAbilities, installationAbilities } from './monitoring.policy.js';
import type { PointRow } from './points.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const num = (v: number | string | null) => (v === null ? null : Number(v));

/** How a device is drawn: an open alarm wins, then out of service, then whether it reports. */
export function mapStateOf(row: Pick<DeviceRow, 'open_alarms' | 'status' | 'online'>): DeviceMapState {
  if (Number(row.open_alarms) > 0) return 'alarm';
  if (row.status !== 'active') return 'disabled';
  return row.online ? 'online' : 'offline';
}

export function presentDeviceType(row: DeviceTypeRow): DeviceTypeDto {
  return {
    code: row.code,
    category: row.category,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    builtin: row.builtin,
    deviceCount: Number(row.device_count),
    points: row.points.map((p) => ({
      metric: p.metric,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      unit: p.unit ?? null,
      valueKind: p.valueKind,
      rangeMin: p.rangeMin ?? null,
      rangeMax: p.rangeMax ?? null,
      intervalS: p.intervalS,
      h: p.h ?? null,
      hh: p.hh ?? null,
      l: p.l ?? null,
      ll: p.ll ?? null,
    })),
  };
}

export function presentPoint(p: PointRow): PointDto {
  return {
    id: p.id,
    ref: Number(p.ref),
    metric: p.metric,
    name: p.name,
    unit: p.unit,
    valueKind: p.value_kind,
    rangeMin: num(p.range_min),
    rangeMax: num(p.range_max),
    intervalS: Number(p.interval_s),
    h: num(p.h),
    hh: num(p.hh),
    l: num(p.l),
    ll: num(p.ll),
    enabled: p.enabled,
  };
}

/** Row → DTO with abilities; `points` only for the detail view. */
export function presentDevice(actor: Actor, row: DeviceRow, points?: PointRow[]): DeviceDto {
  return {
    id: row.id,
    code: row.code,
    typeCode: row.type_code,
    typeName: row.type_name_zh,
    typeNameEn: row.type_name_en,
    category: row.category,
    name: row.name,
    vendor: row.vendor,
    model: row.model,
    orgId: row.org_id,
    orgName: row.org_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    site: row.site,
    divisionCode: row.division_code,
    address: row.address,
    location: { lng: Number(row.lng), lat: Number(row.lat) },
    installDate: row.install_date,
    status: row.status,
    online: row.online,
    lastSeenAt: isoOrNull(row.last_seen_at),
    openAlarms: Number(row.open_alarms),
    mapState: mapStateOf(row),
    secretRotatedAt: isoOrNull(row.secret_rotated_at),
    source: row.source,
    version: row.version,
    archivedAt: isoOrNull(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(points ? { points: points.map(presentPoint) } : {}),
    abilities: deviceAbilities(actor, row),
  };
}

/** The fields an audit row keeps of a device (never its secret hash). */
export function deviceSnapshot(row: DeviceRow): Record<string, unknown> {
  return {
    code: row.code,
    typeCode: row.type_code,
    name: row.name,
    vendor: row.vendor,
    model: row.model,
    orgId: row.org_id,
    enterpriseId: row.enterprise_id,
    site: row.site,
    divisionCode: row.division_code,
    address: row.address,
    location: { lng: Number(row.lng), lat: Number(row.lat) },
    installDate: row.install_date,
    status: row.status,
    archivedAt: isoOrNull(row.archived_at),
  };
}

export function presentLatest(r: {
  id: string;
  metric: string;
  value: number | null;
  ts: Date | null;
  received_at: Date | null;
}): LatestValueDto {
  return { pointId: r.id, metric: r.metric, value: num(r.value), ts: isoOrNull(r.ts), receivedAt: isoOrNull(r.received_at) };
}

export function presentInstallation(actor: Actor, row: InstallationRow, points: InstallationPointRow[]): InstallationDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    orgId: row.org_id,
    orgName: row.org_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    divisionCode: row.division_code,
    address: row.address,
    location: { lng: Number(row.lng), lat: Number(row.lat) },
    people500m: Number(row.people_500m),
    alpha: Number(row.alpha),
    s: Number(row.s_value),
    r: Number(row.r_value),
    grade: row.grade === null ? null : Number(row.grade),
    substances: row.substances.map((s) => ({
      ...s,
      cas: s.cas ?? null,
      category: s.category ?? null,
      ratio: s.criticalQ > 0 ? s.q / s.criticalQ : 0,
    })),
    points: points.map((p) => ({
      id: p.id,
      metric: p.metric,
      name: p.name,
      unit: p.unit,
      deviceId: p.device_id,
      deviceCode: p.device_code,
      deviceName: p.device_name,
    })),
    source: row.source,
    version: row.version,
    archivedAt: isoOrNull(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: installationAbilities(actor, row),
  };
}

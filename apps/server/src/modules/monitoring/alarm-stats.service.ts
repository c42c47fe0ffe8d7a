import type {
  AlarmStatsDto,
  AlarmStatsQuery,
  DashboardDeviceDto,
  DashboardDevicesDto,
  DashboardMapQuery,
  ReadingSeriesDto,
  ReadingSeriesQuery,
} from '@vigil/shared';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid, notFound } from '../../platform/errors.js';
import * as stats from './alarm-stats.repository.js';
import { alarmScope, can } from './alarm.policy.js';
import { alarmDb } from './alarm.tables.js';

const DAY = 86_400_000;
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * Alarm statistics in the actor's scope for alarms first raised in [from, to) (default: the last
 * 30 days): counts per level, status, enterprise, device type and county; mean time to
 * acknowledge and to clear; the false-alarm rate; and the device online rate per county (now).
 */
export async function alarmStats(ctx: Ctx, q: AlarmStatsQuery): Promise<AlarmStatsDto> {
  const to = q.to ? new Date(q.to) : ctx.now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  if (from >= to) invalid('to', '结束时间应晚于开始时间');
  if (to.getTime() - from.getTime() > 731 * DAY) invalid('from', '统计范围不能超过两年');
  const scope = alarmScope(ctx.actor);
  const [t, byLevel, byStatus, byEnterprise, byDeviceType, byCounty, online] = await Promise.all([
    stats.totals(ctx.tx, scope, from, to),
    stats.countsBy(ctx.tx, 'level', scope, from, to),
    stats.countsBy(ctx.tx, 'status', scope, from, to),
    stats.topBy(ctx.tx, 'enterprise', scope, from, to),
    stats.topBy(ctx.tx, 'deviceType', scope, from, to),
    stats.topBy(ctx.tx, 'county', scope, from, to),
    stats.onlineByCounty(ctx.tx, scope),
  ]);
  const devices = online.reduce((n, c) => n + c.devices, 0);
  const up = online.reduce((n, c) => n + c.online, 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    total: t.total,
    open: t.open,
    byLevel,
    byStatus,
    byEnterprise,
    byDeviceType,
    byCounty,
    mttaSeconds: t.mtta === null ? null : Math.round(t.mtta),
    mttrSeconds: t.mttr === null ? null : Math.round(t.mttr),
    falseAlarms: t.false_alarms,
    falseAlarmRate: rate(t.false_alarms, t.total),
    devices,
    online: up,
    onlineRate: rate(up, devices),
    onlineByCounty: online.map((c) => ({ ...c, rate: rate(c.online, c.devices) })),
  };
}

const RAW_MAX_MS = 2 * DAY;
const RAW_MAX_ROWS = 20_000;

/** A point's readings for the trend chart: raw up to 48 hours, hourly min/avg/max beyond (up to two years). */
export async function pointSeries(ctx: Ctx, pointId: string, q: ReadingSeriesQuery): Promise<ReadingSeriesDto> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (from >= to) invalid('to', '结束时间应晚于开始时间');
  if (to.getTime() - from.getTime() > 731 * DAY) invalid('from', '时间范围不能超过两年');
  const db = alarmDb(ctx.tx);
  const p = await db
    .selectFrom('point as p')
    .innerJoin('device as d', 'd.id', 'p.device_id')
    .select([
      'p.id',
      'p.ref',
      'p.name',
      'p.metric',
      'p.unit',
      'p.h',
      'p.hh',
      'p.l',
      'p.ll',
      'd.id as device_id',
      'd.name as device_name',
      'd.org_path',
    ])
    .where('p.id', '=', pointId)
    .executeTakeFirst();
  if (!p) notFound('测点', pointId);
  if (!can(ctx.actor, 'monitoring.read', p)) return denyOutOfScope(ctx, 'point', pointId);
  const raw = to.getTime() - from.getTime() <= RAW_MAX_MS;
  let series: number[][];
  let truncated = false;
  if (raw) {
    const rows = await db
      .selectFrom('reading')
      .select(['ts', 'value'])
      .where('point_ref', '=', p.ref)
      .where('ts', '>=', from)
      .where('ts', '<', to)
      .orderBy('ts')
      .limit(RAW_MAX_ROWS + 1)
      .execute();
    truncated = rows.length > RAW_MAX_ROWS;
    series = rows.slice(0, RAW_MAX_ROWS).map((r) => [new Date(r.ts).getTime(), Number(r.value)]);
  } else {
    const rows = await db
      .selectFrom('reading_hourly')
      .select(['hour', 'avg', 'min', 'max'])
      .where('point_ref', '=', p.ref)
      .where('hour', '>=', from)
      .where('hour', '<', to)
      .orderBy('hour')
      .execute();
    series = rows.map((r) => [new Date(r.hour).getTime(), Number(r.avg), Number(r.min), Number(r.max)]);
  }
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    pointId: p.id,
    deviceId: p.device_id,
    deviceName: p.device_name,
    name: p.name,
    metric: p.metric,
    unit: p.unit,
    thresholds: { hh: num(p.hh), h: num(p.h), l: num(p.l), ll: num(p.ll) },
    resolution: raw ? 'raw' : 'hourly',
    truncated,
    series,
  };
}

const MAP_LIMIT = 5000;

/** Devices for the dashboard map with their state (worst open alarm, else offline/ok); alarms first, at most 5,000. */
export async function dashboardDevices(ctx: Ctx, q: DashboardMapQuery): Promise<DashboardDevicesDto> {
  const bbox = q.bbox ? (q.bbox.split(',').map(Number) as [number, number, number, number]) : null;
  if (bbox && (bbox[0] >= bbox[2] || bbox[1] >= bbox[3])) invalid('bbox', '范围应为 minLng,minLat,maxLng,maxLat');
  const { rows, total } = await stats.mapDevices(ctx.tx, alarmScope(ctx.actor), bbox, MAP_LIMIT);
  const items: DashboardDeviceDto[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    typeCode: r.type_code,
    lng: Number(r.lng),
    lat: Number(r.lat),
    state: (r.worst ?? (r.online && r.status === 'active' ? 'ok' : 'offline')) as DashboardDeviceDto['state'],
  }));
  return { items, truncated: total > items.length, total };
}

import { DEVICE_EVENTS, type PointDto, type PointPatch } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { conflict, notFound } from '../../platform/errors.js';
import { emitDeviceEvent } from './device.events.js';
import { assertPointLimits, checkVersion } from './device-rules.js';
import * as devices from './devices.repository.js';
import { loadDevice } from './devices.service.js';
import { presentPoint } from './monitoring.presenter.js';
import * as repo from './points.repository.js';

const FIELDS = ['name', 'unit', 'range_min', 'range_max', 'interval_s', 'h', 'hh', 'l', 'll', 'enabled'] as const;

/**
 * Edits one point (name, unit, range, thresholds, interval, enabled) at the device's version:
 * the merged point must keep LL < L < H < HH inside its range. The device's version goes up and
 * `device.updated` tells ingestion and the rule engine to take the new limits.
 */
export async function updatePoint(ctx: Ctx, deviceId: string, pointId: string, patch: PointPatch): Promise<PointDto> {
  const device = await loadDevice(ctx, deviceId, 'monitoring.manage', true);
  if (device.archived_at) conflict('已归档的设备不能修改');
  checkVersion(device, patch.version);
  const point = (await repo.findPoint(ctx.tx, deviceId, pointId)) ?? notFound('测点', pointId);
  const take = <T>(v: T | undefined, current: T): T => (v === undefined ? current : v);
  const next: repo.PointWrite = {
    name: take(patch.name, point.name),
    unit: take(patch.unit, point.unit),
    range_min: take(patch.rangeMin, point.range_min),
    range_max: take(patch.rangeMax, point.range_max),
    interval_s: take(patch.intervalS, point.interval_s),
    h: take(patch.h, point.h),
    hh: take(patch.hh, point.hh),
    l: take(patch.l, point.l),
    ll: take(patch.ll, point.ll),
    enabled: take(patch.enabled, point.enabled),
  };
  assertPointLimits({
    valueKind: point.value_kind,
    rangeMin: next.range_min,
    rangeMax: next.range_max,
    h: next.h,
    hh: next.hh,
    l: next.l,
    ll: next.ll,
  });
  const norm = (v: unknown) => (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);
  const changed = FIELDS.filter((k) => norm(next[k]) !== norm(point[k]));
  if (changed.length === 0) return presentPoint(point);
  await repo.updatePoint(ctx.tx, pointId, next, ctx.now);
  await devices.touchDevice(ctx.tx, deviceId, ctx.actor.userId, ctx.now);
  await recordAudit(ctx, {
    action: 'device.point_updated',
    entity: 'device',
    entityId: deviceId,
    before: { metric: point.metric, ...Object.fromEntries(changed.map((k) => [k, point[k]])), version: device.version },
    after: { metric: point.metric, ...Object.fromEntries(changed.map((k) => [k, next[k]])), version: device.version + 1 },
  });
  const after = (await devices.findDevice(ctx.tx, deviceId))!;
  await emitDeviceEvent(ctx, DEVICE_EVENTS.updated, after, { pointId, metric: point.metric, changes: changed });
  return presentPoint((await repo.findPoint(ctx.tx, deviceId, pointId))!);
}

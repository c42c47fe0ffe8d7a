import type { DeviceCategory, DeviceTypeDto, DeviceTypeInput, DeviceTypePatch } from '@vigil/shared';
import { DeviceTypeInput as DeviceTypeSchema } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { parseOrThrow } from './device-rules.js';
import * as repo from './device-types.repository.js';
import { presentDeviceType } from './monitoring.presenter.js';

/** The catalogue of device types with their default points. */
export async function listDeviceTypes(ctx: Ctx, category?: DeviceCategory): Promise<DeviceTypeDto[]> {
  return (await repo.listDeviceTypes(ctx.tx, category)).map(presentDeviceType);
}

export async function getDeviceType(ctx: Ctx, code: string): Promise<DeviceTypeDto> {
  return presentDeviceType((await repo.findDeviceType(ctx.tx, code)) ?? notFound('设备类型', code));
}

/** Adds a custom device type (the code is unique across built-in and custom types). */
export async function createDeviceType(ctx: Ctx, input: DeviceTypeInput): Promise<DeviceTypeDto> {
  const t = parseOrThrow(DeviceTypeSchema, input);
  const ok = await repo.insertDeviceType(ctx.tx, { ...t, builtin: false, now: ctx.now });
  if (!ok) throw new AppError('CONFLICT', `类型编码 ${t.code} 已存在`, { errors: [{ field: 'code', message: '类型编码已被使用' }] });
  await recordAudit(ctx, { action: 'device_type.created', entity: 'device_type', entityId: t.code, after: t });
  return getDeviceType(ctx, t.code);
}

/**
 * Edits a custom type; built-in types are reference data kept in step with the release. The new
 * defaults apply to devices registered from now on; existing devices keep their points.
 */
export async function updateDeviceType(ctx: Ctx, code: string, patch: DeviceTypePatch): Promise<DeviceTypeDto> {
  const row = (await repo.findDeviceType(ctx.tx, code)) ?? notFound('设备类型', code);
  if (row.builtin) conflict('内置设备类型不能修改，可新建自定义类型');
  const merged = parseOrThrow(DeviceTypeSchema, {
    code,
    category: patch.category ?? row.category,
    nameZh: patch.nameZh ?? row.name_zh,
    nameEn: patch.nameEn ?? row.name_en,
    points: patch.points ?? row.points,
  });
  await repo.updateDeviceType(ctx.tx, code, { ...merged, now: ctx.now });
  await recordAudit(ctx, {
    action: 'device_type.updated',
    entity: 'device_type',
    entityId: code,
    before: { category: row.category, nameZh: row.name_zh, nameEn: row.name_en, points: row.points },
    after: { category: merged.category, nameZh: merged.nameZh, nameEn: merged.nameEn, points: merged.points },
  });
  return getDeviceType(ctx, code);
}

/** Deletes a custom type no device was ever registered with. */
export async function deleteDeviceType(ctx: Ctx, code: string): Promise<void> {
  const row = (await repo.findDeviceType(ctx.tx, code)) ?? notFound('设备类型', code);
  if (row.builtin) conflict('内置设备类型不能删除');
  if (await repo.typeInUse(ctx.tx, code)) conflict('该类型已有设备，不能删除');
  await repo.deleteDeviceType(ctx.tx, code);
  await recordAudit(ctx, { action: 'device_type.deleted', entity: 'device_type', entityId: code, before: { nameZh: row.name_zh } });
}

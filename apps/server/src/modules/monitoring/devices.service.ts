import {
  DEVICE_EVENTS,
  type DeviceArchiveInput,
  type DeviceDto,
  type DeviceInput,
  type DevicePatch,
  type DeviceWithSecretDto,
  type LatestValueDto,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOrg } from '../orgs/index.js';
import { emitDeviceEvent } from './device.events.js';
import { checkVersion, locationOrThrow } from './device-rules.js';
import { hashDeviceSecret, newDeviceSecret } from './device-secret.js';
import * as types from './device-types.repository.js';
import * as repo from './devices.repository.js';
import { can } from './monitoring.policy.js';
import { deviceSnapshot, presentDevice, presentLatest } from './monitoring.presenter.js';
import * as points from './points.repository.js';

/**
 * Loads a device for the actor: 404 when missing, an audited 404 when outside what the actor may
 * read, 403 when readable but `perm` is not held there. `lock` takes a row lock for an update.
 */
export async function loadDevice(ctx: Ctx, id: string, perm: 'monitoring.read' | 'monitoring.manage' = 'monitoring.read', lock = false) {
  const row = lock ? await repo.lockDevice(ctx.tx, id) : await repo.findDevice(ctx.tx, id);
  if (!row) notFound('设备', id);
  if (!can(ctx.actor, 'monitoring.read', row)) return denyOutOfScope(ctx, 'device', id);
  if (perm !== 'monitoring.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** The owning org: the given one if the actor manages monitoring there (else 404), or the actor's own. */
export async function owningOrg(ctx: Ctx, orgId: string | undefined): Promise<Pick<OrgRow, 'id' | 'path'>> {
  const id = orgId ?? ctx.actor.orgId;
  if (!id) invalid('orgId', '请指定所属单位');
  const org = await findOrg(ctx.tx, id);
  if (!org) return orgId ? denyOutOfScope(ctx, 'org', id) : invalid('orgId', '请指定所属单位');
  if (!hasPermissionIn(ctx.actor, 'monitoring.manage', org.path)) {
    if (orgId) return denyOutOfScope(ctx, 'org', id);
    throw new AppError('FORBIDDEN', '缺少权限 monitoring.manage');
  }
  return org;
}

/** The enterprise a device or installation belongs to: a live hazard source (400 otherwise). */
export async function checkEnterprise(ctx: Ctx, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const e = await repo.findEnterprise(ctx.tx, id);
  if (!e) invalid('enterpriseId', '企业（危险源）不存在或已归档');
  return e.id;
}

async function afterWrite(ctx: Ctx, before: repo.DeviceRow | null, id: string, action: string, extra: Record<string, unknown> = {}) {
  const after = (await repo.findDevice(ctx.tx, id))!;
  const a = deviceSnapshot(after);
  const b = before ? deviceSnapshot(before) : null;
  const changed = b ? Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])) : Object.keys(a);
  const pick = (s: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, s[k]]));
  await recordAudit(ctx, {
    action,
    entity: 'device',
    entityId: id,
    before: b ? { ...pick(b), version: before!.version } : null,
    after: { ...pick(a), code: after.code, version: after.version, ...extra },
  });
  return { row: after, changed };
}

/**
 * Registers a device: its points are copied from the type's defaults and a random secret is
 * generated, returned once and stored only as a hash. Audited, `device.created` emitted.
 */
export async function createDevice(ctx: Ctx, input: DeviceInput): Promise<DeviceWithSecretDto> {
  const type = await types.findDeviceType(ctx.tx, input.typeCode);
  if (!type) invalid('typeCode', '设备类型不存在');
  const location = locationOrThrow(input.location);
  const org = await owningOrg(ctx, input.orgId);
  const enterpriseId = await checkEnterprise(ctx, input.enterpriseId);
  const id = newId();
  const secret = newDeviceSecret();
  await repo.insertDevice(ctx.tx, {
    id,
    code: input.code,
    type_code: type.code,
    name: input.name,
    vendor: input.vendor ?? null,
    model: input.model ?? null,
    org_id: org.id,
    org_path: org.path,
    enterprise_id: enterpriseId,
    site: input.site ?? null,
    address: input.address ?? null,
    location,
    install_date: input.installDate ?? null,
    status: input.status ?? 'active',
    secret_hash: hashDeviceSecret(secret),
    source: 'manual',
    actorId: ctx.actor.userId,
    now: ctx.now,
  });
  await points.insertPoints(ctx.tx, points.pointsFromDefaults(id, type.points, ctx.now));
  const { row } = await afterWrite(ctx, null, id, 'device.created', { points: type.points.length });
  await emitDeviceEvent(ctx, DEVICE_EVENTS.created, row);
  return { device: presentDevice(ctx.actor, row, await points.listPoints(ctx.tx, id)), secret };
}

/** Edits a device at the version the editor saw (stale → 409); no change, no new version. */
export async function updateDevice(ctx: Ctx, id: string, patch: DevicePatch): Promise<DeviceDto> {
  const row = await loadDevice(ctx, id, 'monitoring.manage', true);
  if (row.archived_at) conflict('已归档的设备不能修改');
  checkVersion(row, patch.version);
  const location = patch.location ? locationOrThrow(patch.location) : { lng: Number(row.lng), lat: Number(row.lat) };
  const org = patch.orgId && patch.orgId !== row.org_id ? await owningOrg(ctx, patch.orgId) : { id: row.org_id, path: row.org_path };
  const enterpriseId =
    patch.enterpriseId === undefined || patch.enterpriseId === row.enterprise_id
      ? row.enterprise_id
      : await checkEnterprise(ctx, patch.enterpriseId);
  const pick = <K extends keyof DevicePatch, T>(k: K, current: T): T => (patch[k] === undefined ? current : (patch[k] as T));
  const write: repo.DeviceWrite = {
    name: pick('name', row.name),
    vendor: pick('vendor', row.vendor),
    model: pick('model', row.model),
    org_id: org.id,
    org_path: org.path,
    enterprise_id: enterpriseId,
    site: pick('site', row.site),
    address: pick('address', row.address),
    location,
    install_date: pick('installDate', row.install_date),
    status: pick('status', row.status),
  };
  const same =
    write.name === row.name &&
    write.vendor === row.vendor &&
    write.model === row.model &&
    write.org_id === row.org_id &&
    write.enterprise_id === row.enterprise_id &&
    write.site === row.site &&
    write.address === row.address &&
    write.install_date === row.install_date &&
    write.status === row.status &&
    location.lng === Number(row.lng) &&
    location.lat === Number(row.lat);
  if (same) return presentDevice(ctx.actor, row, await points.listPoints(ctx.tx, id));
  await repo.updateDevice(ctx.tx, id, write, ctx.actor.userId, ctx.now);
  const { row: after, changed } = await afterWrite(ctx, row, id, 'device.updated');
  await emitDeviceEvent(ctx, DEVICE_EVENTS.updated, after, { changes: changed });
  return presentDevice(ctx.actor, after, await points.listPoints(ctx.tx, id));
}

/** Archives a device: it disappears from lists and the map, and ingestion refuses its messages. */
export async function archiveDevice(ctx: Ctx, id: string, input: DeviceArchiveInput): Promise<DeviceDto> {
  const row = await loadDevice(ctx, id, 'monitoring.manage', true);
  if (row.archived_at) conflict('设备已归档');
  await repo.setArchived(ctx.tx, id, ctx.now, ctx.actor.userId, ctx.now);
  const { row: after } = await afterWrite(ctx, row, id, 'device.archived', { reason: input.reason });
  await emitDeviceEvent(ctx, DEVICE_EVENTS.archived, after, { reason: input.reason });
  return presentDevice(ctx.actor, after);
}

/** Replaces a device's secret; the new one is returned once and the old one stops working. */
export async function rotateDeviceSecret(ctx: Ctx, id: string): Promise<DeviceWithSecretDto> {
  const row = await loadDevice(ctx, id, 'monitoring.manage', true);
  if (row.archived_at) conflict('已归档的设备不能更换密钥');
  const secret = newDeviceSecret();
  await repo.setSecretHash(ctx.tx, id, hashDeviceSecret(secret), ctx.actor.userId, ctx.now);
  const after = (await repo.findDevice(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'device.secret_rotated',
    entity: 'device',
    entityId: id,
    before: { version: row.version, rotatedAt: row.secret_rotated_at },
    after: { code: after.code, version: after.version, rotatedAt: after.secret_rotated_at },
  });
  await emitDeviceEvent(ctx, DEVICE_EVENTS.secretRotated, after);
  return { device: presentDevice(ctx.actor, after, await points.listPoints(ctx.tx, id)), secret };
}

/** One device with its points. */
export async function getDevice(ctx: Ctx, id: string): Promise<DeviceDto> {
  const row = await loadDevice(ctx, id);
  return presentDevice(ctx.actor, row, await points.listPoints(ctx.tx, id));
}

/** The latest value of each of a device's points (filled by ingestion). */
export async function deviceLatest(ctx: Ctx, id: string): Promise<LatestValueDto[]> {
  await loadDevice(ctx, id);
  return (await points.latestValues(ctx.tx, id)).map(presentLatest);
}

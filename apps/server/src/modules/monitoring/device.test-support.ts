import type { DeviceInput, DeviceWithSecretDto } from '@vigil/shared';
import type { Client, TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { createDevice as createDeviceService } from './devices.service.js';
import { createInstallation } from './installations.service.js';

/** Points inside Quanzhou's counties (WGS84). */
export const QZ = {
  fengze: { lng: 118.732729, lat: 25.022948 },
  jinjiang: { lng: 118.681491, lat: 24.912767 },
  huian: { lng: 118.9, lat: 25.12 },
} as const;

/** A valid device body with a fresh code. */
export function deviceBody(over: Partial<DeviceInput> = {}): DeviceInput {
  return {
    code: `T-DEV-${newId().slice(-12)}`,
    typeCode: 'tank_monitor',
    name: '测试储罐监测仪',
    vendor: '测试厂商',
    location: { ...QZ.fengze, crs: 'wgs84' },
    ...over,
  };
}

/** Creates a device through the API; fails the test on anything but 201. */
export async function createDevice(c: Client, over: Partial<DeviceInput> = {}): Promise<DeviceWithSecretDto> {
  const r = await c.post('/api/v1/monitoring/devices', deviceBody(over));
  if (r.statusCode !== 201) throw new Error(`create device: ${r.statusCode} ${r.body}`);
  return r.json<DeviceWithSecretDto>();
}

export async function orgOf(t: TestApp, code: string): Promise<{ id: string; path: string }> {
  return t.platform.db.selectFrom('org').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
}

/** Outbox events by name for one device. */
export async function deviceEvents(t: TestApp, name: string, deviceId: string) {
  const rows = await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute();
  return rows.filter((r) => (r.payload as { deviceId?: string }).deviceId === deviceId);
}

/** A device owned by an org (created through the service, as the system); returns its id. */
export async function fixtureDevice(t: TestApp, orgCode: string): Promise<string> {
  const org = await orgOf(t, orgCode);
  const r = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) => createDeviceService(ctx, deviceBody({ orgId: org.id })));
  return r.device.id;
}

/** A major hazard installation owned by an org; returns its id. */
export async function fixtureInstallation(t: TestApp, orgCode: string): Promise<string> {
  const org = await orgOf(t, orgCode);
  const r = await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
    createInstallation(ctx, {
      code: `T-MHI-${newId().slice(-12)}`,
      name: '测试重大危险源',
      orgId: org.id,
      location: { ...QZ.fengze, crs: 'wgs84' },
      people500m: 10,
      substances: [{ name: '液氨', q: 20 }],
    }),
  );
  return r.id;
}

/** A failed device import job of an org; returns its id. */
export async function fixtureDeviceImport(t: TestApp, orgCode: string): Promise<string> {
  const db = t.platform.db;
  const org = await orgOf(t, orgCode);
  const user =
    (await db.selectFrom('app_user').select('id').where('org_id', '=', org.id).executeTakeFirst()) ??
    (await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow());
  const id = newId();
  await db
    .insertInto('import_job')
    .values({
      id,
      module: 'monitoring',
      entity: 'device',
      org_id: org.id,
      org_path: org.path,
      filename: 'devices.xlsx',
      file: null,
      status: 'failed',
      errors: JSON.stringify([{ row: 2, column: '设备编码', reason: '必填' }]),
      error_count: 1,
      created_by: user.id,
      created_at: new Date(),
    })
    .execute();
  return id;
}

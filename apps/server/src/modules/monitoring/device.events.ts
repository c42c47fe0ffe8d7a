import type { DEVICE_EVENTS } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { emit } from '../../platform/events/outbox.js';
import type { DeviceRow } from './devices.repository.js';

/** The realtime topic of device and installation events. */
export const DEVICES_TOPIC = 'devices';

export type DeviceEventName = (typeof DEVICE_EVENTS)[keyof typeof DEVICE_EVENTS];

/**
 * Emits a device event in the use case's transaction. Ingestion reloads the device (its status,
 * secret hash and points) from the directory on every one of them; the web app refreshes lists.
 * Delivered in realtime to users who see the device's org and hold `monitoring.read`.
 */
export async function emitDeviceEvent(ctx: Ctx, name: DeviceEventName, row: DeviceRow, extra: Record<string, unknown> = {}) {
  await emit(
    ctx,
    name,
    { deviceId: row.id, code: row.code, orgId: row.org_id, status: row.status, version: row.version, ...extra },
    { topic: DEVICES_TOPIC, orgPath: row.org_path, permission: 'monitoring.read' },
  );
}

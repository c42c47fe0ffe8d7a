import type { Platform } from '../../platform/ctx.js';
import { SendError, type ChannelAdapter, type OutgoingDelivery } from './channel.js';

/**
 * Devices in the area (sirens, displays, broadcast terminals): the message is published to the
 * device's own MQTT topic by whichever part of this process talks to devices (the monitoring
 * module's ingestion registers itself here while it runs). The address is the device code.
 */
export type DevicePublisher = (deviceCode: string, payload: string) => Promise<void>;

const publishers = new WeakMap<Platform, DevicePublisher>();

/** Sets (or with null, removes) the way this process reaches devices. */
export function registerDevicePublisher(platform: Platform, publish: DevicePublisher | null): void {
  if (publish) publishers.set(platform, publish);
  else publishers.delete(platform);
}

/** The JSON a device receives: small, self-contained, with the delivery id for de-duplication. */
export function devicePayload(d: OutgoingDelivery): string {
  const m = d.message;
  return JSON.stringify({
    id: d.id,
    source: { kind: m.sourceKind, id: m.sourceId },
    severity: m.severity,
    title: m.title,
    body: m.body,
    ...(m.data ? { data: m.data } : {}),
  });
}

export function deviceChannel(platform: Platform): ChannelAdapter {
  return {
    status: { channel: 'device', adapter: 'mqtt', configured: true, reason: null, simulated: false },
    async send(d) {
      const publish = publishers.get(platform);
      // Ingestion may be starting or run in another process: a passing failure, retried with back-off.
      if (!publish) throw new SendError('设备消息通道未运行（本进程没有运行 MQTT 接入）', false);
      await publish(d.address, devicePayload(d));
      return { status: 'sent' };
    },
  };
}

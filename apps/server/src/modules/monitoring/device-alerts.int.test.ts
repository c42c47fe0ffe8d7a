import type { DeviceWithSecretDto } from '@vigil/shared';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { drainDeliveries } from '../notify/index.js';
import { notifyDb } from '../notify/notify.tables.js';
import { publishedWarning, warningBody } from '../warnings/warnings.test-support.js';
import { createDevice, QZ } from './device.test-support.js';
import { NO_SINK, startIngest, type RunningIngest } from './ingest.service.js';

let t: TestApp;
let ingest: RunningIngest;
let analyst: Client;
let commander: Client;
let inside: DeviceWithSecretDto;
let outside: DeviceWithSecretDto;
const clients: MqttClient[] = [];

async function connectAs(d: DeviceWithSecretDto): Promise<MqttClient> {
  const c = await connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, {
    username: d.device.code,
    password: d.secret,
    clientId: `alert-${d.device.code}`,
    reconnectPeriod: 0,
  });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.login('analyst');
  commander = await t.login('commander');
  inside = await createDevice(analyst, { location: { ...QZ.jinjiang, crs: 'wgs84' }, name: '晋江预警广播终端' });
  outside = await createDevice(analyst, { location: { ...QZ.huian, crs: 'wgs84' }, name: '惠安预警广播终端' });
  ingest = await startIngest(t.platform, NO_SINK, { broker: { port: 0, host: '127.0.0.1' }, flushMs: 50 });
});

afterAll(async () => {
  for (const c of clients) c.end(true);
  await ingest?.stop();
  await t?.close();
});

describe('warnings to devices in the area (channel `device`)', () => {
  it('lets a device subscribe to its own alert topic only', async () => {
    const c = await connectAs(outside);
    const own = await c.subscribeAsync(`vigil/alert/${outside.device.code}`, { qos: 1 });
    expect(own[0]!.qos).toBe(1);
    // The broker answers 0x80 (refused) for anyone else's topic or a wildcard.
    await expect(c.subscribeAsync(`vigil/alert/${inside.device.code}`, { qos: 1 })).rejects.toThrow(/Subscribe error/);
    await expect(c.subscribeAsync('vigil/alert/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
  });

  it('publishes the warning to each device inside its area, and records one delivery per device', async () => {
    const c = await connectAs(inside);
    await c.subscribeAsync(`vigil/alert/${inside.device.code}`, { qos: 1 });
    const received: { topic: string; body: Record<string, unknown> }[] = [];
    c.on('message', (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));

    const w = await publishedWarning(
      analyst,
      commander,
      warningBody(t.platform.clock.now(), { area: { divisionCodes: ['350582'] }, channels: ['in_app', 'device'] }),
    );
    await t.dispatcher.flush();
    const rows = await notifyDb(t.platform.db)
      .selectFrom('notify_delivery')
      .selectAll()
      .where('source_id', '=', w.id)
      .where('channel', '=', 'device')
      .execute();
    const addresses = rows.map((r) => r.address);
    expect(addresses).toContain(inside.device.code);
    expect(addresses).not.toContain(outside.device.code);
    expect(rows.find((r) => r.address === inside.device.code)).toMatchObject({
      recipient_kind: 'device',
      recipient_name: `晋江预警广播终端（${inside.device.code}）`,
    });

    await drainDeliveries(t.platform);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(received[0]!.topic).toBe(`vigil/alert/${inside.device.code}`);
    expect(received[0]!.body).toMatchObject({ title: w.headline, source: { kind: 'warning', id: w.id } });
    const after = await notifyDb(t.platform.db)
      .selectFrom('notify_delivery')
      .select(['address', 'status'])
      .where('source_id', '=', w.id)
      .where('channel', '=', 'device')
      .execute();
    expect(after.find((r) => r.address === inside.device.code)!.status).toBe('sent');
  });

  it('keeps device deliveries queued (retried later) while no MQTT transport runs in the process', async () => {
    await ingest.stop();
    const w = await publishedWarning(
      analyst,
      commander,
      warningBody(t.platform.clock.now(), { area: { divisionCodes: ['350582'] }, channels: ['device'] }),
    );
    await t.dispatcher.flush();
    await drainDeliveries(t.platform);
    const row = await notifyDb(t.platform.db)
      .selectFrom('notify_delivery')
      .selectAll()
      .where('source_id', '=', w.id)
      .where('address', '=', inside.device.code)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('设备消息通道未运行');
  });
});

import { sql } from 'kysely';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { hashDeviceSecret } from './device-secret.js';
import { runningIngest, startIngest, type RunningIngest } from './ingest.service.js';
import { buildIngestDevice, collectingSink, storedValues, type TestDevice } from './ingest.test-support.js';

let t: TestApp;
let ingest: RunningIngest;
const sink = collectingSink();
let a: TestDevice;
let b: TestDevice;
const clients: MqttClient[] = [];

const url = () => `mqtt://127.0.0.1:${ingest.mqttPort}`;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

async function device(d: TestDevice, password = d.secret): Promise<MqttClient> {
  const c = await connectAsync(url(), {
    username: d.code,
    password,
    clientId: `${d.code}-${clients.length}`,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
  clients.push(c);
  return c;
}

async function deadLetters(code: string) {
  const r = await sql<{ reason: string; metric: string | null; transport: string; device_id: string | null; payload: string | null }>`
    SELECT reason, metric, transport, device_id, payload FROM reading_dead_letter WHERE device_code = ${code} ORDER BY id`.execute(
    t.platform.db,
  );
  return r.rows;
}

async function stat(id: string) {
  const r = await sql<{ accepted: number; rejected: number; last_reject_reason: string | null }>`
    SELECT accepted, rejected, last_reject_reason FROM device_ingest_stat WHERE device_id = ${id}`.execute(t.platform.db);
  return r.rows[0];
}

beforeAll(async () => {
  t = await startTestApp();
  a = await buildIngestDevice(t.platform.db);
  b = await buildIngestDevice(t.platform.db);
  ingest = await startIngest(t.platform, sink, { broker: { port: 0, host: '127.0.0.1' }, flushMs: 50 });
});

afterAll(async () => {
  for (const c of clients) c.end(true);
  await ingest?.stop();
  await t?.close();
});

describe('MQTT ingestion (embedded broker)', () => {
  it('stores a QoS 1 message before its PUBACK, hands the readings to the sink, and dead-letters the bad values', async () => {
    const c = await device(a);
    const payload = [
      { ts: iso(2_000), values: { level: 41.5, valve: true } },
      { ts: iso(1_000), values: { level: 42, depth: 3, valve: 'open' } },
      { ts: 'yesterday', values: { level: 1 } },
    ];
    await c.publishAsync(`vigil/telemetry/${a.code}`, JSON.stringify(payload), { qos: 1 });
    // The PUBACK has arrived: the readings are already committed.
    expect(await storedValues(t.platform.db, a.points.get('level')!.ref)).toEqual([41.5, 42]);
    expect(await storedValues(t.platform.db, a.points.get('valve')!.ref)).toEqual([1]);
    expect(sink.readings.filter((r) => r.deviceId === a.id).map((r) => [r.metric, r.value])).toEqual([
      ['level', 41.5],
      ['valve', 1],
      ['level', 42],
    ]);
    expect((await deadLetters(a.code)).map((d) => [d.reason, d.metric, d.transport])).toEqual([
      ['unknown_metric', 'depth', 'mqtt'],
      ['not_numeric', 'valve', 'mqtt'],
      ['bad_timestamp', null, 'mqtt'],
    ]);
    expect(await stat(a.id)).toMatchObject({ accepted: 3, rejected: 3, last_reject_reason: 'bad_timestamp' });
    const latest = await sql<{ value: number }>`SELECT value FROM reading_latest WHERE point_ref = ${a.points.get('level')!.ref}`.execute(
      t.platform.db,
    );
    expect(latest.rows.map((r) => Number(r.value))).toEqual([42]);
    const seen = await sql<{
      online: boolean;
      last_seen_at: Date | null;
    }>`SELECT online, last_seen_at FROM device WHERE id = ${a.id}`.execute(t.platform.db);
    expect(seen.rows[0]).toMatchObject({ online: true });
    expect(seen.rows[0]!.last_seen_at).not.toBeNull();
  });

  it('records malformed JSON and keeps the connection', async () => {
    const c = await device(b);
    await c.publishAsync(`vigil/telemetry/${b.code}`, '{"values": {"level": 1', { qos: 1 });
    await c.publishAsync(`vigil/telemetry/${b.code}`, '{"values": {"level": 7}}', { qos: 1 });
    expect(c.connected).toBe(true);
    const dl = await deadLetters(b.code);
    expect(dl.map((d) => d.reason)).toEqual(['malformed_json']);
    expect(dl[0]!.payload).toContain('"level": 1');
    expect(await storedValues(t.platform.db, b.points.get('level')!.ref)).toEqual([7]);
  });

  it('acknowledges many messages in flight on one connection in few batches', async () => {
    const c = await device(a);
    const flushesBefore = ingest.stats().flushes;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        c.publishAsync(`vigil/telemetry/${a.code}`, JSON.stringify({ ts: iso(500), values: { level: i / 4 } }), { qos: 1 }),
      ),
    );
    const values = await storedValues(t.platform.db, a.points.get('level')!.ref);
    expect(values.length).toBe(202);
    expect(ingest.stats().flushes - flushesBefore).toBeLessThan(50);
  });

  it('refuses a wrong secret, an unknown device and a disabled one', async () => {
    await expect(device(a, 'wrong-secret')).rejects.toThrow(/Bad username or password/i);
    await expect(device({ ...a, code: 'NO-SUCH-DEVICE' }, 'x')).rejects.toThrow(/Bad username or password/i);
    const off = await buildIngestDevice(t.platform.db, { status: 'disabled' });
    await expect(device(off)).rejects.toThrow(/Not authorized/i);
  });

  it('ACL: device A cannot publish as device B (disconnected, nothing stored for B), nor subscribe', async () => {
    const before = await storedValues(t.platform.db, b.points.get('level')!.ref);
    const c = await device(a);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(`vigil/telemetry/${b.code}`, JSON.stringify({ values: { level: 99 } }), { qos: 1 });
    await closed;
    await ingest.pipeline.writer.drained();
    expect(await storedValues(t.platform.db, b.points.get('level')!.ref)).toEqual(before);
    expect((await deadLetters(a.code)).filter((d) => d.reason === 'forbidden_topic')).toHaveLength(1);
    expect(sink.readings.some((r) => r.deviceId === b.id && r.value === 99)).toBe(false);

    const s = await device(b);
    // SUBACK 0x80: refused, and the connection stays.
    await expect(s.subscribeAsync('vigil/telemetry/#', { qos: 1 })).rejects.toThrow(/Subscribe error/);
    expect(s.connected).toBe(true);
  });

  it('sees a device created after start and a rotated secret once the device event arrives', async () => {
    const late = await buildIngestDevice(t.platform.db);
    const c = await device(late);
    await c.publishAsync(`vigil/telemetry/${late.code}`, JSON.stringify({ values: { level: 5 } }), { qos: 1 });
    expect(await storedValues(t.platform.db, late.points.get('level')!.ref)).toEqual([5]);

    await sql`UPDATE device SET secret_hash = ${hashDeviceSecret('rotated-secret')} WHERE id = ${late.id}`.execute(t.platform.db);
    await t.platform.bus.publish({
      id: 0,
      name: 'device.secret_rotated',
      topic: 'devices',
      payload: { deviceId: late.id, code: late.code },
      orgPath: null,
      permission: null,
      at: new Date().toISOString(),
    });
    await expect(device(late)).rejects.toThrow(/Bad username or password/i);
    await expect(device(late, 'rotated-secret')).resolves.toBeTruthy();
  });
});

describe('start-up', () => {
  it('fails with a message naming the port and both ways out when the MQTT port is taken', async () => {
    const err = await startIngest(t.platform, sink, { broker: { port: ingest.mqttPort!, host: '127.0.0.1' } }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(new RegExp(`MQTT port ${ingest.mqttPort} is already in use`));
    expect(err?.message).toContain('MQTT_PORT');
    expect(err?.message).toContain(`MQTT_URL=mqtt://127.0.0.1:${ingest.mqttPort}`);
    // The running service is untouched.
    expect(runningIngest(t.platform)).toBe(ingest);
  });
});

describe('HTTP ingestion', () => {
  const post = (body: unknown, auth: string | null, raw = false) =>
    t.request({
      method: 'POST',
      url: '/api/v1/telemetry',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      payload: raw ? (body as string) : JSON.stringify(body),
    });

  it('answers 202 after storage with per-item rejections', async () => {
    const r = await post(
      [
        { ts: Date.now() - 100, values: { level: 11, valve: false } },
        { values: { level: 101 } },
        { ts: Date.now() + 3_600_000, values: { level: 1 } },
      ],
      `Device ${b.code}:${b.secret}`,
    );
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({
      accepted: 2,
      rejected: 2,
      rejections: [
        { index: 1, metric: 'level', reason: 'out_of_range', message: expect.stringContaining('数值超出测点量程') },
        { index: 2, metric: null, reason: 'future_timestamp', message: expect.stringContaining('超前') },
      ],
    });
    expect(await storedValues(t.platform.db, b.points.get('level')!.ref)).toContain(11);
    expect((await deadLetters(b.code)).filter((d) => d.transport === 'http').map((d) => d.reason)).toEqual([
      'out_of_range',
      'future_timestamp',
    ]);
  });

  it('accepts HTTP Basic with the same pair and an object body', async () => {
    const basic = Buffer.from(`${b.code}:${b.secret}`).toString('base64');
    const r = await post({ values: { level: 12 } }, `Basic ${basic}`);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it.each([
    ['no credentials', null, 401, 'authorization'],
    ['a bearer token', 'Bearer abc', 401, 'authorization'],
    ['a wrong secret', 'Device CODE:wrong', 401, 'authorization'],
  ])('refuses %s with problem+json', async (_n, auth, status, field) => {
    const r = await post({ values: { level: 1 } }, auth === 'Device CODE:wrong' ? `Device ${b.code}:wrong` : auth);
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors[0].field).toBe(field);
  });

  it('reports every refused reading with its field path when nothing was accepted', async () => {
    const r = await post([{ values: { level: 'x' } }, { values: { nope: 1 } }], `Device ${b.code}:${b.secret}`);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['0.values.level', '1.values.nope']);
    expect(body.errors[0].message).toContain('数值不是数字');
    expect(body).toMatchObject({ accepted: 0, rejected: 2 });
  });

  it('refuses malformed JSON (recorded) and more than 1,000 readings (413)', async () => {
    const bad = await post('{"values":', `Device ${b.code}:${b.secret}`, true);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body' });
    const big = await post(
      Array.from({ length: 1001 }, () => ({ values: { level: 1 } })),
      `Device ${b.code}:${b.secret}`,
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toContain('1000');
    const reasons = (await deadLetters(b.code)).filter((d) => d.transport === 'http').map((d) => d.reason);
    expect(reasons).toEqual(expect.arrayContaining(['malformed_json', 'too_many_readings']));
  });

  it('refuses a disabled device with 403', async () => {
    const off = await buildIngestDevice(t.platform.db, { status: 'retired' });
    const r = await post({ values: { level: 1 } }, `Device ${off.code}:${off.secret}`);
    expect(r.statusCode).toBe(403);
  });
});

describe('operators’ view', () => {
  it('shows this instance’s counters and the dead letters in scope', async () => {
    const analyst = await t.login('analyst');
    const status = await analyst.get('/api/v1/monitoring/ingest/status');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ running: true, transport: 'embedded', mqttPort: ingest.mqttPort });
    expect(status.json().storedReadings).toBeGreaterThan(200);

    const page = await analyst.get(`/api/v1/monitoring/dead-letters?deviceId=${b.id}&limit=2`);
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().nextCursor).not.toBeNull();
    const next = await analyst.get(`/api/v1/monitoring/dead-letters?deviceId=${b.id}&limit=100&cursor=${page.json().nextCursor}`);
    expect(next.json().items.every((d: { id: number }) => d.id < page.json().items[1].id)).toBe(true);

    // The enterprise user sees only its own org's devices: not the city's test devices.
    const ent = await t.login('enterprise');
    const theirs = await ent.get(`/api/v1/monitoring/dead-letters?deviceId=${b.id}`);
    expect(theirs.json()).toMatchObject({ items: [], total: 0 });
    const anon = await t.anonymous().get('/api/v1/monitoring/dead-letters');
    expect(anon.statusCode).toBe(401);
  });
});

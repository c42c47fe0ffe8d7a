import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { connect, type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../platform/db/database.js';
import { buildIngestDevice, freePort, until, type TestDevice } from './ingest.test-support.js';

/*
 * "A reading acknowledged to a device is never lost, including when the process is killed":
 * ingestion runs in a child process on real PostgreSQL; a device publishes a numbered stream at
 * QoS 1 and records which messages got their PUBACK; the child is killed with SIGKILL mid-stream
 * and started again; every acknowledged number must be in `reading`.
 */
const info = inject('vigilDb');
const skip = info.kind !== 'postgres';
if (skip) console.warn('[ingest-crash] skipped: the crash test needs real PostgreSQL (set TEST_DATABASE_URL, as CI does)');

const CHILD = fileURLToPath(new URL('./ingest.test-child.ts', import.meta.url));
const N = 4_000;
let dbName: string | null = null;
let handle: DbHandle | null = null;
const children: ChildProcess[] = [];
const clients: MqttClient[] = [];

async function createDatabase(): Promise<string> {
  if (info.kind !== 'postgres') throw new Error('postgres only');
  dbName = `vigil_t_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: info.baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${info.template}`);
  await admin.end();
  const u = new URL(info.baseUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
}

function startChild(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE_URL: databaseUrl, MQTT_PORT: String(port), MQTT_URL: '', TELEMETRY_FLUSH_MS: '100', NATS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ingest child not ready:\n${out}`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ingest child exited (${code}):\n${out}`));
    });
  });
}

afterAll(async () => {
  for (const c of clients) c.end(true);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await handle?.close();
  if (dbName && info.kind === 'postgres') {
    const admin = new pg.Client({ connectionString: info.baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});

describe.skipIf(skip)('ingestion killed mid-stream (QoS 1, real PostgreSQL)', () => {
  it('loses no acknowledged reading', { timeout: 300_000 }, async () => {
    const url = await createDatabase();
    handle = await openDatabase({ databaseUrl: url, dataDir: '' });
    const device: TestDevice = await buildIngestDevice(handle.db, { points: [{ metric: 'seq', rangeMin: null, rangeMax: null }] });
    const ref = device.points.get('seq')!.ref;
    const port = await freePort();
    const first = await startChild(url, port);

    const acked = new Set<number>();
    let sent = 0;
    const client = connect(`mqtt://127.0.0.1:${port}`, {
      username: device.code,
      password: device.secret,
      clientId: `crash-${device.code}`,
      reconnectPeriod: 0,
    });
    clients.push(client);
    client.on('error', () => undefined);
    await new Promise<void>((r, j) => {
      client.once('connect', () => r());
      client.once('error', j);
    });
    const base = Date.now() - 60_000;
    const exited = new Promise<void>((r) => first.once('exit', () => r()));
    // Publish with up to 300 messages in flight; kill the process once 1,000 are acknowledged.
    await new Promise<void>((done) => {
      let inFlight = 0;
      let killed = false;
      const pump = () => {
        while (!killed && client.connected && inFlight < 300 && sent < N) {
          const i = sent++;
          inFlight++;
          client.publish(`vigil/telemetry/${device.code}`, JSON.stringify({ ts: base + i, values: { seq: i } }), { qos: 1 }, (err) => {
            inFlight--;
            if (!err) acked.add(i);
            if (!killed && acked.size >= 1_000) {
              killed = true;
              first.kill('SIGKILL');
              done();
            } else pump();
          });
        }
        if (sent >= N && inFlight === 0) done();
      };
      client.once('close', () => done());
      pump();
    });
    await exited;
    client.end(true);
    expect(first.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(1_000);
    expect(sent).toBeGreaterThan(acked.size); // killed with messages still unacknowledged

    // Start again on the same database: the service comes back, and the acknowledged readings are there.
    const second = await startChild(url, port);
    const stored = await sql<{ value: number }>`SELECT DISTINCT value FROM reading WHERE point_ref = ${ref}`.execute(handle.db);
    const values = new Set(stored.rows.map((r) => Number(r.value)));
    const missing = [...acked].filter((i) => !values.has(i));
    console.log(
      `[ingest-crash] sent ${sent}, acknowledged ${acked.size}, stored ${values.size}, acknowledged but missing ${missing.length}`,
    );
    expect(missing).toEqual([]);

    // And it ingests again after the restart.
    const again = connect(`mqtt://127.0.0.1:${port}`, { username: device.code, password: device.secret, reconnectPeriod: 0 });
    clients.push(again);
    await new Promise<void>((r) => again.once('connect', () => r()));
    await again.publishAsync(`vigil/telemetry/${device.code}`, JSON.stringify({ ts: base + N, values: { seq: N } }), { qos: 1 });
    await until(
      async () => (await sql`SELECT 1 FROM reading WHERE point_ref = ${ref} AND value = ${N}`.execute(handle!.db)).rows.length === 1,
    );
    second.kill('SIGTERM');
  });
});

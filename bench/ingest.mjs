// Ingestion targets (issue: monitoring and early warning):
//   sustained ≥ 20,000 readings/s end to end (MQTT publish → validated → rules → stored) through
//   Mosquitto into real PostgreSQL, ≥ 3,000/s on embedded storage, memory flat over time.
// Runs the built server twice — PostgreSQL + external Mosquitto (MQTT_URL), then embedded storage +
// embedded broker — drives it with MQTT publishers, and counts what the server reports stored
// (`storedReadings` counts rows after their batch committed). Raw baselines from the same run:
//   (a) the server's own `insertReadings` (multi-row INSERT … SELECT FROM unnest) of the same rows
//       into the same `reading` table, straight on the engine, in batches of the server's size;
//   (b) the bare broker: the same publishers → Mosquitto (or a bare Aedes) → a plain subscriber.
// Usage: node bench/ingest.mjs [--smoke] [--seconds N] [--rate READINGS_PER_S] [--devices N]
//        [--pg postgres://…] [--broker mqtt://127.0.0.1:1883] [--skip-pg] [--skip-embedded]
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import mqtt from 'mqtt';
import pg from 'pg';
import { freePort, login, percentiles, request, root, startServer, stopServer } from './lib.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const smoke = args.includes('--smoke');
const seconds = Number(flag('--seconds', smoke ? 8 : 60));
const targetRate = Number(flag('--rate', smoke ? 2_000 : 20_000));
const benchDevices = Number(flag('--devices', smoke ? 100 : 4_000));
const pgUrl = flag('--pg', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const brokerUrl = flag('--broker', process.env.BENCH_MQTT_URL ?? 'mqtt://127.0.0.1:1883');
const POINTS = 5;
/** Migrating and seeding the demo data takes minutes on a busy 2-core machine. */
const START_TIMEOUT_MS = 900_000;
const password = 'Bench-Pass-2026';
const results = {
  benchmark: 'ingest',
  smoke,
  seconds,
  at: new Date().toISOString(),
  node: process.version,
  note: 'figures on a shared 2-core machine vary with other load; rerun on a quiet machine for the record',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the server's own write path, bundled for baseline (a) -----------------------------------
async function loadStore() {
  const dir = join(root, 'node_modules/.cache/vigil-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `reading-store-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'apps/server/src/modules/monitoring/reading-store.repository.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  const mod = await import(outfile);
  rmSync(outfile, { force: true });
  return mod;
}
const store = await loadStore();
const { Kysely, PGliteDialect, PostgresDialect } = await import('kysely');

/** Baseline (a): `rows` readings written with the server's insertReadings, `batch` rows per statement. */
async function rawInsert(db, rows, batch) {
  const refs = [];
  const ts = [];
  const values = [];
  const t0Ms = Date.now() - 3_600_000;
  for (let i = 0; i < batch; i++) {
    refs.push(1_000_000 + (i % 10_000));
    ts.push(t0Ms + i);
    values.push(Math.round(Math.random() * 1e5) / 100);
  }
  const t = performance.now();
  let done = 0;
  while (done < rows) {
    const n = Math.min(batch, rows - done);
    await db
      .transaction()
      .execute((tx) => store.insertReadings(tx, { refs: refs.slice(0, n), ts: ts.slice(0, n), values: values.slice(0, n) }));
    done += n;
  }
  const ms = performance.now() - t;
  return { rows, batch, ms: Math.round(ms), rowsPerSecond: Math.round((rows / ms) * 1000) };
}

// ---- load generation ------------------------------------------------------------------------
function message(d) {
  const values = {};
  for (const p of d.points)
    values[p.metric] = p.boolean ? Math.random() < 0.5 : Math.round((p.min + Math.random() * (p.max - p.min)) * 100) / 100;
  return JSON.stringify({ ts: Date.now(), values });
}

async function connectAll(url, specs) {
  const clients = [];
  for (let i = 0; i < specs.length; i += 50) {
    clients.push(
      ...(await Promise.all(
        specs.slice(i, i + 50).map((s) => mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 20_000, keepalive: 120, ...s })),
      )),
    );
  }
  for (const c of clients) c.on('error', () => {});
  return clients;
}

/**
 * Publishes for `ms`: each connection keeps up to `window` QoS 1 messages unacknowledged, and
 * the whole stays at or below `rate` readings/s (Infinity: as fast as acknowledgements allow).
 * Devices are served round-robin over the connections (`deviceOf(connection, k)`).
 */
async function publishLoad({ clients, deviceOf, ms, window, rate = Infinity }) {
  let messages = 0;
  let readings = 0;
  let acked = 0;
  let errors = 0;
  const ackLatency = [];
  const t0 = performance.now();
  const end = t0 + ms;
  let budget = 0;
  let last = t0;
  const counters = clients.map(() => ({ inFlight: 0, k: 0 }));
  while (performance.now() < end) {
    const now = performance.now();
    budget = Math.min(budget + ((now - last) / 1000) * rate, rate === Infinity ? Infinity : rate / 10);
    last = now;
    let progressed = false;
    for (let i = 0; i < clients.length; i++) {
      const c = counters[i];
      while (c.inFlight < window && budget >= POINTS && performance.now() < end) {
        const d = deviceOf(i, c.k++);
        const sent = performance.now();
        c.inFlight++;
        messages++;
        readings += d.points.length;
        if (rate !== Infinity) budget -= d.points.length;
        clients[i].publish(d.topic, message(d), { qos: 1 }, (err) => {
          c.inFlight--;
          if (err) errors++;
          else {
            acked++;
            if (acked % 20 === 0) ackLatency.push(performance.now() - sent);
          }
        });
        progressed = true;
        if (rate === Infinity && c.inFlight >= window) break;
      }
    }
    await sleep(progressed ? 0 : 2);
  }
  const settle = performance.now() + 15_000;
  while (counters.some((c) => c.inFlight > 0) && performance.now() < settle) await sleep(20);
  const secs = (performance.now() - t0) / 1000;
  return { messages, readings, acked, errors, seconds: Math.round(secs * 10) / 10, ackLatencyMs: percentiles(ackLatency) };
}

/** Counters from the server's status endpoint (needs a monitoring.read session). */
function apiCounters(server, session) {
  return async () => {
    const st = JSON.parse(
      (await request(`${server.baseUrl}/api/v1/monitoring/ingest/status`, { headers: { cookie: session.cookie } })).text,
    );
    return { stored: st.storedReadings, rejected: st.rejectedReadings, pending: st.pendingReadings, flushes: st.flushes };
  };
}

/** Counters from the database: per-device counts are written in the same transaction as the readings. */
function sqlCounters(client) {
  return async () => {
    const { rows } = await client.query(
      'SELECT coalesce(sum(accepted), 0)::float8 AS stored, coalesce(sum(rejected), 0)::float8 AS rejected FROM device_ingest_stat',
    );
    return { stored: Number(rows[0].stored), rejected: Number(rows[0].rejected), pending: null, flushes: null };
  };
}

/** Samples the counters and the server's RSS once a second while `during` runs. */
async function observe(server, counters, during) {
  const samples = [];
  let stop = false;
  const poll = (async () => {
    while (!stop) {
      try {
        const c = await counters();
        const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
        const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
        samples.push({ t: performance.now(), ...c, rssMb });
      } catch {
        /* a busy server answers late; skip the sample */
      }
      await sleep(1_000);
    }
  })();
  const out = await during();
  stop = true;
  await poll;
  return { out, samples };
}

/** Stored readings/s over the middle of the run (first and last 10 % left out), and memory over time. */
function summarise(samples) {
  const a = samples[Math.floor(samples.length * 0.1)];
  const b = samples[Math.max(0, Math.ceil(samples.length * 0.9) - 1)];
  const rate = a && b && b.t > a.t ? Math.round(((b.stored - a.stored) / (b.t - a.t)) * 1000) : null;
  const rss = samples.map((s) => s.rssMb);
  const half = Math.floor(rss.length / 2);
  const avg = (xs) => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
  return {
    storedPerSecond: rate,
    maxPending: samples.some((s) => s.pending !== null) ? Math.max(0, ...samples.map((s) => s.pending ?? 0)) : null,
    memoryMb: {
      first: rss[0] ?? null,
      max: Math.max(0, ...rss),
      last: rss[rss.length - 1] ?? null,
      firstHalfAvg: avg(rss.slice(0, half)),
      secondHalfAvg: avg(rss.slice(half)),
    },
  };
}

async function waitStored(counters, expected, timeoutMs = 120_000) {
  const t = performance.now();
  let c;
  for (;;) {
    c = await counters();
    if (c.stored + c.rejected >= expected || performance.now() - t > timeoutMs) break;
    await sleep(250);
  }
  return { drainMs: Math.round(performance.now() - t), ...c };
}

// ---- (b) the bare broker ----------------------------------------------------------------------
async function rawBroker(url, { publishers, window, ms, devices, mqtt5 = true }) {
  // MQTT 5 lets the subscriber take more unacknowledged messages; Aedes speaks 3.1.1 only.
  const sub = await mqtt.connectAsync(url, {
    clientId: `bench-raw-sub-${process.pid}`,
    clean: true,
    ...(mqtt5 ? { protocolVersion: 5, properties: { receiveMaximum: 65_535 } } : {}),
  });
  let received = 0;
  sub.on('message', () => received++);
  await sub.subscribeAsync('vigil-bench-raw/+', { qos: 1 });
  const clients = await connectAll(
    url,
    Array.from({ length: publishers }, (_, i) => ({ clientId: `bench-raw-pub-${process.pid}-${i}` })),
  );
  const list = devices.map((d) => ({ ...d, topic: `vigil-bench-raw/${d.code}` }));
  const t0 = performance.now();
  const pub = await publishLoad({ clients, deviceOf: (i, k) => list[(i + k * publishers) % list.length], ms, window });
  const settle = performance.now() + 10_000;
  while (received < pub.acked && performance.now() < settle) await sleep(20);
  const secs = (performance.now() - t0) / 1000;
  await Promise.all([...clients, sub].map((c) => c.endAsync()));
  return {
    published: pub.messages,
    received,
    messagesPerSecond: Math.round(received / secs),
    readingsPerSecond: Math.round((received * POINTS) / secs),
  };
}

/** A bare Aedes broker in its own process (as the embedded one runs in the server's). */
async function startBareAedes() {
  const port = await freePort();
  const code = `import { Aedes } from 'aedes'; import { createServer } from 'node:net';
    const b = await Aedes.createBroker(); createServer(b.handle).listen(${port}, '127.0.0.1', () => console.log('READY'));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => child.stdout.once('data', r));
  return { url: `mqtt://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

// ---- PostgreSQL + Mosquitto ------------------------------------------------------------------
async function reachableBroker(url) {
  try {
    const c = await mqtt.connectAsync(url, { connectTimeout: 3_000, reconnectPeriod: 0 });
    await c.endAsync();
    return true;
  } catch {
    return false;
  }
}

async function seedBenchDevices(dbUrl, n) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const points = Array.from({ length: POINTS }, (_, i) => ({
    metric: `p${i + 1}`,
    nameZh: `测点${i + 1}`,
    nameEn: `Point ${i + 1}`,
    unit: null,
    valueKind: 'number',
    rangeMin: 0,
    rangeMax: 1000,
    intervalS: 10,
    h: 900,
    hh: 950,
    l: null,
    ll: null,
  }));
  // The server runs without demo data: the bench devices belong to an org of their own.
  await c.query(
    `INSERT INTO org (id, path, name, kind, code) VALUES (gen_random_uuid(), 'bench', '压测单位', 'city', 'bench') ON CONFLICT (code) DO NOTHING`,
  );
  await c.query(
    `INSERT INTO device_type (code, category, name_zh, name_en, points) VALUES ('bench-5', 'lifeline', '压测设备', 'Bench device', $1::jsonb) ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(points)],
  );
  await c.query(
    `INSERT INTO device (id, code, type_code, name, org_id, org_path, location, status, secret_hash, source)
     SELECT gen_random_uuid(), 'BENCH-' || lpad(g::text, 6, '0'), 'bench-5', '压测设备 ' || g, o.id, o.path,
            ST_SetSRID(ST_MakePoint(118.4 + (g % 100) * 0.005, 24.8 + (g / 100) * 0.005), 4326), 'active', repeat('0', 64), 'scale'
     FROM generate_series(1, $1::int) g, (SELECT id, path FROM org WHERE code = 'bench') o`,
    [n],
  );
  await c.query(
    `INSERT INTO point (id, device_id, metric, name, value_kind, range_min, range_max, interval_s, h, hh)
     SELECT gen_random_uuid(), d.id, 'p' || k, '测点' || k, 'number', 0, 1000, 10, 900, 950
     FROM device d, generate_series(1, ${POINTS}) k WHERE d.type_code = 'bench-5'`,
  );
  await c.end();
  return Array.from({ length: n }, (_, i) => {
    const code = `BENCH-${String(i + 1).padStart(6, '0')}`;
    return { code, topic: `vigil/telemetry/${code}`, points: points.map((p) => ({ metric: p.metric, min: 0, max: 899 })) };
  });
}

async function runPostgres() {
  const admin = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
  } catch (err) {
    return { skipped: `PostgreSQL not reachable at ${pgUrl}: ${err.message}` };
  }
  if (!(await reachableBroker(brokerUrl))) {
    await admin.end();
    return { skipped: `no MQTT broker at ${brokerUrl} (start mosquitto, or pass --broker)` };
  }
  const dbName = `vigil_bench_ingest_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(pgUrl);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-pg-'));
  const out = {
    engine: 'postgresql',
    broker: brokerUrl,
    devices: benchDevices,
    pointsPerDevice: POINTS,
    offeredReadingsPerSecond: targetRate,
  };
  let server;
  try {
    // The server migrates, then its ingest subscribes on the external broker with a session of its own.
    server = await startServer(
      {
        DATABASE_URL: dbUrl,
        SEED_DEMO: 'false',
        DATA_DIR: dataDir,
        MQTT_URL: brokerUrl,
        MQTT_CLIENT_ID: `vigil-bench-${process.pid}`,
        DEMO_PASSWORD: password,
        NATS_URL: '',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      },
      START_TIMEOUT_MS,
    );
    const devices = await seedBenchDevices(dbUrl, benchDevices);
    const counterClient = new pg.Client({ connectionString: dbUrl });
    await counterClient.connect();
    const counters = sqlCounters(counterClient);
    const clients = await connectAll(
      brokerUrl,
      Array.from({ length: 16 }, (_, i) => ({ clientId: `bench-pub-${process.pid}-${i}` })),
    );
    const deviceOf = (i, k) => devices[(i + k * 16) % devices.length];
    // Warm-up: every device once (the directory looks each new code up on first sight).
    const warm = await publishLoad({ clients, deviceOf, ms: smoke ? 2_000 : 5_000, window: 50, rate: Math.min(targetRate, 10_000) });
    await waitStored(counters, warm.readings, 60_000);
    const base = await counters();
    const { out: pub, samples } = await observe(server, counters, () =>
      publishLoad({ clients, deviceOf, ms: seconds * 1000, window: 500, rate: targetRate }),
    );
    const drained = await waitStored(counters, base.stored + base.rejected + pub.readings);
    await counterClient.end();
    await Promise.all(clients.map((c) => c.endAsync()));
    const stored = drained.stored - base.stored;
    Object.assign(out, {
      published: {
        messages: pub.messages,
        readings: pub.readings,
        readingsPerSecond: Math.round(pub.readings / pub.seconds),
        brokerAckMs: pub.ackLatencyMs,
      },
      stored,
      rejected: drained.rejected - base.rejected,
      lost: pub.readings - stored - (drained.rejected - base.rejected),
      drainAfterPublishMs: drained.drainMs,
      ...summarise(samples),
    });
    if (out.lost > 0) console.error(`[ingest bench] server output (last 4 kB):\n${server.output().slice(-4_000)}`);
    out.endToEndReadingsPerSecond = Math.round((stored / (pub.seconds * 1000 + drained.drainMs)) * 1000);
    // The server writes what arrived in one flush interval per batch: at the offered rate, rate × 0.2 s.
    const flushRows = Math.max(500, Math.round(targetRate * 0.2));
    await stopServer(server);
    server = null;
    const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl, max: 1 }) }) });
    out.rawInsert = await rawInsert(db, Math.min(out.stored || 100_000, smoke ? 50_000 : 1_000_000), flushRows);
    await db.destroy();
    out.rawBroker = await rawBroker(brokerUrl, { publishers: 16, window: 500, ms: Math.min(seconds, 20) * 1000, devices });
    out.ratios = {
      toRawInsert: out.rawInsert.rowsPerSecond ? Math.round((out.storedPerSecond / out.rawInsert.rowsPerSecond) * 100) / 100 : null,
      toRawBroker: out.rawBroker.readingsPerSecond ? Math.round((out.storedPerSecond / out.rawBroker.readingsPerSecond) * 100) / 100 : null,
    };
    return out;
  } finally {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

// ---- embedded storage + embedded broker ------------------------------------------------------
const demoSecret = (code) => createHmac('sha256', password).update(`vigil-demo-device:${code}`, 'utf8').digest('base64url').slice(0, 32);

async function demoDevices(server, session) {
  const get = async (path) => JSON.parse((await request(`${server.baseUrl}${path}`, { headers: { cookie: session.cookie } })).text);
  const types = new Map((await get('/api/v1/monitoring/device-types')).map((t) => [t.code, t.points]));
  const out = [];
  let cursor = null;
  do {
    const page = await get(
      `/api/v1/monitoring/devices?limit=500&sort=code&order=asc${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const d of page.items) {
      const points = types.get(d.typeCode) ?? [];
      if (d.source !== 'demo' || d.status !== 'active' || points.length === 0) continue;
      out.push({
        code: d.code,
        topic: `vigil/telemetry/${d.code}`,
        points: points.map((p) => {
          const min = p.rangeMin ?? 0;
          const max = Math.min(p.rangeMax ?? min + 100, p.h ?? Infinity);
          return { metric: p.metric, boolean: p.valueKind === 'boolean', min, max: Math.max(min, max) };
        }),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function runEmbedded() {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  const port = await freePort();
  const out = { engine: 'pglite', broker: `embedded Aedes :${port}` };
  let server;
  try {
    server = await startServer(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        MQTT_URL: '',
        MQTT_PORT: String(port),
        DEMO_PASSWORD: password,
        NATS_URL: '',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      },
      START_TIMEOUT_MS,
    );
    const session = await login(server.baseUrl, 'analyst', password);
    let devices = await demoDevices(server, session);
    if (smoke) devices = devices.slice(0, 50);
    out.devices = devices.length;
    out.points = devices.reduce((n, d) => n + d.points.length, 0);
    // Each device on its own authenticated connection, as in the field.
    const clients = await connectAll(
      `mqtt://127.0.0.1:${port}`,
      devices.map((d) => ({ username: d.code, password: demoSecret(d.code), clientId: `bench-${d.code}` })),
    );
    await publishLoad({ clients, deviceOf: (i) => devices[i], ms: 2_000, window: 2 });
    const counters = apiCounters(server, session);
    const base = await counters();
    const { out: pub, samples } = await observe(server, counters, () =>
      publishLoad({ clients, deviceOf: (i) => devices[i], ms: seconds * 1000, window: 8 }),
    );
    const drained = await waitStored(counters, base.stored + base.rejected + pub.readings);
    await Promise.all(clients.map((c) => c.endAsync()));
    Object.assign(out, {
      published: { messages: pub.messages, readings: pub.readings, acked: pub.acked, errors: pub.errors },
      // Here the PUBACK waits for the commit: this is publish → stored.
      ackLatencyMs: pub.ackLatencyMs,
      stored: drained.stored - base.stored,
      rejected: drained.rejected - base.rejected,
      ...summarise(samples),
    });
    const flushRows = Math.max(100, Math.round(out.stored / Math.max(1, drained.flushes - base.flushes)));
    out.averageBatchRows = flushRows;
    await stopServer(server);
    server = null;
    // (a) on the same data directory, now that the server let go of it.
    const { PGlite } = await import('@electric-sql/pglite');
    const { postgis } = await import('@electric-sql/pglite-postgis');
    const { ltree } = await import('@electric-sql/pglite/contrib/ltree');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const pglite = await PGlite.create({ dataDir: join(dataDir, 'pg'), extensions: { postgis, ltree, pg_trgm } });
    const db = new Kysely({ dialect: new PGliteDialect({ pglite }) });
    out.rawInsert = await rawInsert(db, Math.min(out.stored || 50_000, smoke ? 20_000 : 300_000), flushRows);
    await db.destroy();
    const aedes = await startBareAedes();
    try {
      out.rawBroker = await rawBroker(aedes.url, {
        publishers: Math.min(devices.length, 50),
        window: 8,
        ms: Math.min(seconds, 15) * 1000,
        devices,
        mqtt5: false,
      });
    } finally {
      aedes.stop();
    }
    const perMessage = out.points / Math.max(1, out.devices);
    out.ratios = {
      toRawInsert: out.rawInsert.rowsPerSecond ? Math.round((out.storedPerSecond / out.rawInsert.rowsPerSecond) * 100) / 100 : null,
      toRawBroker: out.rawBroker.messagesPerSecond
        ? Math.round((out.storedPerSecond / perMessage / out.rawBroker.messagesPerSecond) * 100) / 100
        : null,
    };
    return out;
  } finally {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs one part; a failure is reported in the results instead of losing the other part's figures. */
async function part(name, fn) {
  try {
    const r = await fn();
    console.error(`[ingest bench] ${name}: ${JSON.stringify(r)}`);
    return r;
  } catch (err) {
    console.error(`[ingest bench] ${name} failed: ${err.stack ?? err}`);
    return { error: String(err.message ?? err).slice(0, 2_000) };
  }
}

if (!args.includes('--skip-pg')) results.postgres = await part('postgres', runPostgres);
if (!args.includes('--skip-embedded')) results.embedded = await part('embedded', runEmbedded);
results.targets = { postgresReadingsPerSecond: 20_000, embeddedReadingsPerSecond: 3_000 };
results.meetsTargets = {
  postgres: results.postgres?.storedPerSecond != null ? results.postgres.storedPerSecond >= 20_000 && results.postgres.lost === 0 : null,
  embedded: results.embedded?.storedPerSecond != null ? results.embedded.storedPerSecond >= 3_000 : null,
};
console.log(JSON.stringify(results, null, 2));
// Smoke runs check that everything runs and nothing acknowledged is lost; the figures are printed, not judged.
const failed = results.postgres?.error || results.embedded?.error || (results.postgres?.lost ?? 0) > 0;
process.exit(failed ? 1 : 0);

// Foundation targets (issue: platform foundation):
//   fresh start to ready < 60 s (embedded), warm restart < 15 s, login p95 < 150 ms,
//   authenticated list endpoint p95 < 20 ms at 50 concurrent clients on real PostgreSQL.
// Each figure is printed with the raw-engine baseline measured in the same run.
// Usage: node bench/foundation.mjs [--smoke] [--pg postgres://postgres@127.0.0.1:5432/postgres]
import { hash, verify } from '@node-rs/argon2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { load, login, percentiles, request, root, startServer, stopServer, wrkLoad } from './lib.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const pgUrl = args.includes('--pg')
  ? args[args.indexOf('--pg') + 1]
  : (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const password = 'Bench-Pass-2026';
const results = { benchmark: 'foundation', smoke, at: new Date().toISOString(), node: process.version };

// ---- raw engine baseline: PGlite + extensions, cold and warm -------------------------------
async function rawPglite(dir) {
  const { PGlite } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/index.js'));
  const { postgis } = await import(join(root, 'node_modules/@electric-sql/pglite-postgis/dist/index.js'));
  const { ltree } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/contrib/ltree.js'));
  const { pg_trgm } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/contrib/pg_trgm.js'));
  const t = performance.now();
  const db = await PGlite.create({ dataDir: dir, extensions: { postgis, ltree, pg_trgm } });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS ltree; CREATE EXTENSION IF NOT EXISTS pg_trgm;');
  const ms = Math.round(performance.now() - t);
  await db.close();
  return ms;
}

{
  const rawDir = mkdtempSync(join(tmpdir(), 'vigil-bench-raw-'));
  const rawCold = await rawPglite(rawDir);
  const rawWarm = await rawPglite(rawDir);
  rmSync(rawDir, { recursive: true, force: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: password, DATABASE_URL: '', NATS_URL: '', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' };
  const fresh = await startServer(env);
  await stopServer(fresh);
  const warm = await startServer(env);
  results.startup = {
    freshToReadyMs: fresh.readyMs,
    warmRestartToReadyMs: warm.readyMs,
    baseline: { rawPgliteColdWithExtensionsMs: rawCold, rawPgliteWarmWithExtensionsMs: rawWarm },
    targets: { freshToReadyMs: 60_000, warmRestartToReadyMs: 15_000 },
  };

  // ---- login latency (embedded) vs raw argon2id verify --------------------------------------
  const n = smoke ? 20 : 200;
  const lat = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await login(warm.baseUrl, 'duty', password);
    lat.push(performance.now() - t);
  }
  const h = await hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const raw = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await verify(h, password);
    raw.push(performance.now() - t);
  }
  results.login = { embedded: percentiles(lat), baseline: { rawArgon2idVerify: percentiles(raw) }, targetP95Ms: 150 };
  await stopServer(warm);
  rmSync(dataDir, { recursive: true, force: true });
}

// ---- authenticated list endpoint at 50 concurrent clients on real PostgreSQL ---------------
{
  const admin = new pg.Client({ connectionString: pgUrl });
  let reachable = true;
  try {
    await admin.connect();
  } catch (err) {
    reachable = false;
    results.list = { skipped: `PostgreSQL not reachable at ${pgUrl}: ${err.message}` };
  }
  if (reachable) {
    const dbName = `vigil_bench_${process.pid}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    const server = await startServer({
      DATABASE_URL: u.toString(),
      SEED_DEMO: 'true',
      DEMO_PASSWORD: password,
      NATS_URL: '',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    });
    try {
      const s = await login(server.baseUrl, 'duty', password);
      const durationMs = smoke ? 3_000 : 15_000;
      const url = `${server.baseUrl}/api/v1/orgs`;
      await load(() => request(url, { headers: { cookie: s.cookie } }), { concurrency: 10, durationMs: 1000 }); // warm-up
      const api =
        wrkLoad(url, { headers: { cookie: s.cookie }, concurrency: 50, durationMs }) ??
        (await load(() => request(url, { headers: { cookie: s.cookie } }), { concurrency: 50, durationMs }));
      // Baseline: the same scoped org query straight through a pg pool at the same concurrency.
      const pool = new pg.Pool({ connectionString: u.toString(), max: 10 });
      const sqlText = `SELECT o.*, d.name AS division_name, nlevel(o.path) AS depth FROM org o LEFT JOIN admin_division d ON d.code = o.division_code WHERE o.path <@ ARRAY['fj.qz'::ltree] ORDER BY o.path`;
      const rawSql = await load(() => pool.query(sqlText), { concurrency: 50, durationMs });
      await pool.end();
      results.list = {
        endpoint: 'GET /api/v1/orgs (session cookie, org-scoped; org lists reused for ORG_LIST_CACHE_MS as in production)',
        concurrency: 50,
        api,
        baseline: { rawPgQuerySameSql: rawSql },
        targetP95Ms: 20,
      };
    } finally {
      await stopServer(server);
    }
    // The same endpoint with the org list cache off: every request reads PostgreSQL (session and
    // org scope checks included), to show what the database path costs on its own.
    const uncached = await startServer({
      DATABASE_URL: u.toString(),
      SEED_DEMO: 'true',
      DEMO_PASSWORD: password,
      NATS_URL: '',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      ORG_LIST_CACHE_MS: '0',
    });
    try {
      const s = await login(uncached.baseUrl, 'duty', password);
      const durationMs = smoke ? 3_000 : 15_000;
      const url = `${uncached.baseUrl}/api/v1/orgs`;
      await load(() => request(url, { headers: { cookie: s.cookie } }), { concurrency: 10, durationMs: 1000 }); // warm-up
      results.listUncached = {
        endpoint: 'GET /api/v1/orgs with ORG_LIST_CACHE_MS=0 (a PostgreSQL query per request)',
        concurrency: 50,
        api:
          wrkLoad(url, { headers: { cookie: s.cookie }, concurrency: 50, durationMs }) ??
          (await load(() => request(url, { headers: { cookie: s.cookie } }), { concurrency: 50, durationMs })),
      };
    } finally {
      await stopServer(uncached);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const checks = {
  freshStart: results.startup.freshToReadyMs < 60_000,
  warmRestart: results.startup.warmRestartToReadyMs < 15_000,
  loginP95: results.login.embedded.p95 < 150,
  listP95: results.list.api ? results.list.api.p95 < 20 : null,
};
results.meetsTargets = checks;
console.log(JSON.stringify(results, null, 2));

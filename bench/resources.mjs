// One Map targets (issue: emergency resources and the One Map), with N resource features:
//   "within 10 km" and nearest-10 ("around here") p95 < 20 ms; a vector tile p95 < 50 ms at z 8–14.
// Measured on embedded storage (PGlite) and on real PostgreSQL when reachable, each through the
// HTTP API (the built server, a city user's session) and, in the same run, as the raw engine
// baseline: the very repository functions the server calls, run straight against the engine
// (no HTTP, no session check, no JSON).
// Usage: node bench/resources.mjs [--smoke] [--features N] [--samples N] [--pg postgres://…] [--skip-pglite] [--skip-pg]
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { login, percentiles, request, root, startServer, stopServer } from './lib.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const smoke = args.includes('--smoke');
const features = Number(flag('--features', smoke ? 5_000 : 100_000));
const samples = Number(flag('--samples', smoke ? 30 : 200));
const pgUrl = flag('--pg', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const password = 'Bench-Pass-2026';
const ZOOMS = [8, 10, 12, 14];
/** Quanzhou's urban core and coast, where the layers are dense (WGS84). */
const CITY = [118.35, 24.6, 118.95, 25.15];
const results = { benchmark: 'resources', smoke, features, samplesPerFigure: samples, at: new Date().toISOString(), node: process.version };

// ---- the server's own repository code, bundled for the raw baseline -------------------------
async function loadGis() {
  const dir = join(root, 'node_modules/.cache/vigil-bench');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `gis-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: `export * from './tiles.repository.ts'; export * from './gis.repository.ts'; export * from './around.repository.ts';
                 export * from './tile-math.ts'; export { encodeMvt } from './mvt-encoder.ts';`,
      resolveDir: join(root, 'apps/server/src/modules/gis'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { '@vigil/shared': join(root, 'packages/shared/src/index.ts'), '@vigil/geo': join(root, 'packages/geo/src/index.ts') },
    outfile,
    logLevel: 'warning',
  });
  const mod = await import(outfile);
  rmSync(outfile, { force: true });
  return mod;
}
const gis = await loadGis();
const { Kysely, PGliteDialect, PostgresDialect, sql } = await import('kysely');

// ---- synthetic features: N points inside Quanzhou, owned by the county they fall in ----------
/** Kind mix of a real city: many protected targets and hazard sources, fewer teams and experts. */
const KIND_OF = `(ARRAY['target','target','target','target','target','target','target','target','hazard','hazard','hazard','hazard',
  'equipment','equipment','equipment','shelter','shelter','team','warehouse','expert'])[1 + (g % 20)]`;
const LOAD_SQL = (n) => `
  WITH pts AS (
    SELECT row_number() OVER () AS g, d.geom AS p
    FROM (SELECT (ST_Dump(ST_GeneratePoints(geom, ${n}, 42))).geom FROM admin_division WHERE code = '350500') d
  ), n AS (SELECT g, p, ${KIND_OF} AS kind FROM pts)
  INSERT INTO resource (id, kind, org_id, org_path, external_code, name, status, division_code, location, attrs, source)
  SELECT gen_random_uuid(), n.kind, o.id, o.path, 'BENCH-' || n.g, '压测资源 ' || n.g,
         CASE n.kind WHEN 'team' THEN 'available' WHEN 'expert' THEN 'available' WHEN 'equipment' THEN 'available'
                     WHEN 'shelter' THEN 'open' ELSE 'active' END,
         c.code, n.p,
         CASE n.kind WHEN 'shelter' THEN '{"shelterClass":"II","indoor":true,"capacity":500,"occupancy":100}'::jsonb
                     WHEN 'expert' THEN '{"specialties":["11A01"]}'::jsonb
                     WHEN 'team' THEN '{"level":"county","headcount":30}'::jsonb ELSE '{}'::jsonb END,
         'scale'
  FROM n
  LEFT JOIN LATERAL (SELECT code FROM admin_division WHERE level = 'county' AND geom && n.p AND ST_Intersects(geom, n.p) LIMIT 1) c ON true
  JOIN LATERAL (SELECT id, path FROM org WHERE (kind = 'county' AND division_code = c.code) OR code = 'qz'
                ORDER BY (code = 'qz') LIMIT 1) o ON true`;
const STOCK_SQL = `
  INSERT INTO stock_line (id, warehouse_id, org_id, org_path, material_code, name, unit, quantity, source)
  SELECT gen_random_uuid(), r.id, r.org_id, r.org_path, CASE WHEN random() < 0.5 THEN '43B01' ELSE '43C02' END, '压测物资', '件', 100, 'scale'
  FROM resource r WHERE r.kind = 'warehouse' AND r.source = 'scale'`;

/**
 * The loaded tables settled before anything is measured: vacuumed (hint bits and visibility map
 * set) and analysed. On PostgreSQL autovacuum would otherwise start on the 100,000 new rows in the
 * middle of the measurement; a server after a bulk import gets there by itself within minutes.
 */
const SETTLE = ['VACUUM (ANALYZE) resource', 'VACUUM (ANALYZE) stock_line']; // one by one: VACUUM refuses a transaction block

// ---- reproducible random places and tiles over the city ------------------------------------
function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const place = (r) => ({ lng: CITY[0] + (CITY[2] - CITY[0]) * r(), lat: CITY[1] + (CITY[3] - CITY[1]) * r() });
const tileAt = (r, z) => {
  const p = place(r);
  return gis.tileFor(p.lng, p.lat, z);
};

/** Latencies of `n` sequential calls of fn(i) after a short warm-up. */
async function measure(n, fn) {
  for (let i = 0; i < Math.min(5, n); i++) await fn(-1 - i);
  const lat = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    lat.push(performance.now() - t);
  }
  return percentiles(lat);
}

/** Raw engine baseline: the repository functions against the engine, as the city user's scope. */
async function rawFigures(db, { scope, asMvt }) {
  const out = { tiles: {} };
  const all = ['team', 'expert', 'warehouse', 'shelter', 'equipment', 'hazard', 'target'];
  let r = rng(7);
  // The statement the API runs for a 10 km circle (resources and incidents), its JSON included.
  out.within10km = await measure(samples, () =>
    gis.featuresInCircle(db, {
      kinds: all,
      shape: { type: 'circle', center: place(r), radiusM: 10_000 },
      scope,
      limit: 100,
      incidentScope: scope,
    }),
  );
  r = rng(11);
  out.nearest10 = await measure(samples, async () => {
    const p = { center: place(r), radiusM: 10_000, limit: 10, scope };
    await gis.resourcesAround(db, p, { material: '43B01', specialty: '11A01' });
  });
  for (const z of ZOOMS) {
    r = rng(100 + z);
    out.tiles[`z${z}`] = await measure(samples, async () => {
      const t = { kind: 'target', ...tileAt(r, z), scope };
      if (asMvt) return gis.tileMvt(db, t);
      const rows = await gis.tileRows(db, t);
      return gis.encodeMvt([{ name: 'target', features: rows.map((x) => ({ x: x.px, y: x.py, properties: x })) }]);
    });
  }
  return out;
}

/** The same figures through the HTTP API with a city duty officer's session. */
async function apiFigures(baseUrl) {
  const s = await login(baseUrl, 'duty', password);
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  const out = { tiles: {}, tileBytes: {} };
  let r = rng(7);
  out.within10km = await measure(samples, () =>
    request(`${baseUrl}/api/v1/map/spatial-query`, {
      method: 'POST',
      headers,
      body: { shape: { type: 'circle', center: place(r), radiusM: 10_000 }, limitPerLayer: 100 },
    }),
  );
  r = rng(11);
  out.nearest10 = await measure(samples, () => {
    const p = place(r);
    return request(`${baseUrl}/api/v1/map/around?lng=${p.lng}&lat=${p.lat}&radiusKm=10&limit=10&material=43B01&specialty=11A01`, {
      headers,
    });
  });
  for (const z of ZOOMS) {
    r = rng(100 + z);
    let bytes = 0;
    out.tiles[`z${z}`] = await measure(samples, async (i) => {
      const t = tileAt(r, z);
      const res = await request(`${baseUrl}/api/v1/tiles/target/${t.z}/${t.x}/${t.y}.mvt`, { headers });
      if (i >= 0) bytes = Math.max(bytes, res.text.length);
    });
    out.tileBytes[`z${z}`] = bytes;
  }
  const layers = JSON.parse((await request(`${baseUrl}/api/v1/map/layers`, { headers })).text);
  out.layerCounts = Object.fromEntries(layers.map((l) => [l.id, l.count]));
  return out;
}

async function scopeOf(db) {
  const { rows } = await sql`SELECT path FROM org WHERE code = 'qz'`.execute(db);
  return [rows[0].path];
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return Math.round(performance.now() - t);
}

const serverEnv = { DEMO_PASSWORD: password, NATS_URL: '', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', SEED_DEMO: 'true' };

// ---- embedded storage ------------------------------------------------------------------------
if (!args.includes('--skip-pglite')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-gis-'));
  const env = { ...serverEnv, DATA_DIR: dataDir, DATABASE_URL: '' };
  try {
    await stopServer(await startServer(env, 900_000)); // migrate and seed, then hand the files to the raw engine
    const { PGlite } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/index.js'));
    const { postgis } = await import(join(root, 'node_modules/@electric-sql/pglite-postgis/dist/index.js'));
    const { ltree } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/contrib/ltree.js'));
    const { pg_trgm } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/contrib/pg_trgm.js'));
    const pglite = await PGlite.create({
      dataDir: join(dataDir, 'pg'),
      extensions: { postgis, ltree, pg_trgm },
      parsers: { 1700: Number },
    });
    const db = new Kysely({ dialect: new PGliteDialect({ pglite }) });
    const loadMs = await timed(async () => {
      await pglite.exec(LOAD_SQL(features));
      await pglite.exec(STOCK_SQL);
      for (const stmt of SETTLE) await pglite.exec(stmt);
    });
    const asMvt = await gis.supportsAsMvt(db);
    const raw = await rawFigures(db, { scope: await scopeOf(db), asMvt });
    await db.destroy();
    if (!pglite.closed) await pglite.close();
    const server = await startServer(env, 900_000);
    try {
      results.embedded = {
        loadMs,
        tileBuilder: asMvt ? 'ST_AsMVT' : 'TypeScript encoder',
        api: await apiFigures(server.baseUrl),
        baseline: raw,
      };
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- real PostgreSQL ---------------------------------------------------------------------------
if (!args.includes('--skip-pg')) {
  const admin = new pg.Client({ connectionString: pgUrl });
  let reachable = true;
  try {
    await admin.connect();
  } catch (err) {
    reachable = false;
    results.postgres = { skipped: `PostgreSQL not reachable at ${pgUrl}: ${err.message}` };
  }
  if (reachable) {
    const dbName = `vigil_bench_gis_${process.pid}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    try {
      const server = await startServer({ ...serverEnv, DATABASE_URL: u.toString() }, 900_000);
      try {
        const pool = new pg.Pool({ connectionString: u.toString(), max: 4, options: '-c jit=off' }); // as the server's pool
        const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
        const loadMs = await timed(async () => {
          await pool.query(LOAD_SQL(features));
          await pool.query(STOCK_SQL);
          for (const stmt of SETTLE) await pool.query(stmt);
        });
        const asMvt = await gis.supportsAsMvt(db);
        const raw = await rawFigures(db, { scope: await scopeOf(db), asMvt });
        await db.destroy();
        results.postgres = {
          loadMs,
          tileBuilder: asMvt ? 'ST_AsMVT' : 'TypeScript encoder',
          api: await apiFigures(server.baseUrl),
          baseline: raw,
        };
      } finally {
        await stopServer(server);
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const meets = (x) =>
  x?.api
    ? {
        within10kmP95: x.api.within10km.p95 < 20,
        nearest10P95: x.api.nearest10.p95 < 20,
        tilesP95: Object.fromEntries(ZOOMS.map((z) => [`z${z}`, x.api.tiles[`z${z}`].p95 < 50])),
      }
    : null;
results.targets = { within10kmP95Ms: 20, nearest10P95Ms: 20, tileP95Ms: 50, tileLayer: 'target (the largest layer, 40 % of the features)' };
results.meetsTargets = { embedded: meets(results.embedded), postgres: meets(results.postgres) };
console.log(JSON.stringify(results, null, 2));

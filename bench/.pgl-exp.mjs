import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { root, startServer, stopServer } from './lib.mjs';
const dataDir = '/tmp/pgl/data';
const fresh = !existsSync(join(dataDir, 'pg'));
if (fresh) await stopServer(await startServer({ DEMO_PASSWORD: 'x-Bench-2026', NATS_URL: '', SEED_DEMO: 'true', DATA_DIR: dataDir, DATABASE_URL: '' }, 900_000));
const { PGlite } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/index.js'));
const { postgis } = await import(join(root, 'node_modules/@electric-sql/pglite-postgis/dist/index.js'));
const { ltree } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/contrib/ltree.js'));
const { pg_trgm } = await import(join(root, 'node_modules/@electric-sql/pglite/dist/contrib/pg_trgm.js'));
const db = await PGlite.create({ dataDir: join(dataDir, 'pg'), extensions: { postgis, ltree, pg_trgm } });
if (fresh) { await db.exec(readFileSync('/tmp/load.sql', 'utf8')); }
for (const f of process.argv.slice(2)) {
  const q = readFileSync(f, 'utf8');
  const q2 = q.replace(/^EXPLAIN ANALYZE /, '');
  for (let i = 0; i < 3; i++) await db.query(q2);
  const ts = [];
  for (let i = 0; i < 12; i++) { const t = performance.now(); await db.query(q2); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(f, 'median', ts[6].toFixed(1), 'p90', ts[10].toFixed(1));
  if (process.env.PLAN) { const r = await db.query(q); console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n')); }
}
await db.close();

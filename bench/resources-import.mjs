// Bulk import target (issue: emergency resources): 10,000 rows import in under 30 s on embedded
// storage; re-importing the same file changes nothing. Measured end to end (upload → job
// finished) on embedded storage and, when reachable, on real PostgreSQL, with the raw cost of
// reading the same workbook with exceljs as the baseline.
// Usage: node bench/resources-import.mjs [--smoke] [--rows N] [--pg postgres://postgres@127.0.0.1:5432/postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { login, startServer, stopServer } from './lib.mjs';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const rows = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : smoke ? 500 : 10_000;
const pgUrl = args.includes('--pg')
  ? args[args.indexOf('--pg') + 1]
  : (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const password = 'Bench-Pass-2026';
const results = { benchmark: 'resources-import', smoke, rows, at: new Date().toISOString(), node: process.version };

const HEADER = ['外部编码', '名称', '类型代码', '状态', '经度', '纬度', '队伍级别', '人数', '救援能力（事件代码）', '装备清单', '值班电话'];
const STATUSES = ['待命', '执行任务', '休整'];
const LEVELS = ['市级', '县级', '志愿者', '企业'];

/** A teams workbook of n rows: points on a grid over central Quanzhou, all valid. */
async function teamsWorkbook(n) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('救援队伍');
  ws.addRow(HEADER);
  for (let i = 1; i <= n; i++) {
    const lng = 118.45 + (i % 100) * 0.004;
    const lat = 24.8 + Math.floor(i / 100) * 0.0025;
    ws.addRow([
      `BENCH-T${String(i).padStart(6, '0')}`,
      `压测救援队${i}`,
      '42E99',
      STATUSES[i % 3],
      lng.toFixed(6),
      lat.toFixed(6),
      LEVELS[i % 4],
      String(10 + (i % 90)),
      i % 2 ? '11A01、11B01' : '12D02',
      `冲锋舟*${1 + (i % 3)}、发电机*1`,
      `0595-2${String(1000000 + i).slice(-7)}`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Baseline: reading the same workbook with the exceljs streaming reader, nothing else. */
async function rawRead(buf) {
  const t = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
  });
  let n = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) if (row.number > 1) n++;
    break;
  }
  return { rows: n, ms: Math.round(performance.now() - t) };
}

async function importOnce(baseUrl, session, file, name) {
  const form = new FormData();
  form.append('file', new Blob([file]), name);
  const t = performance.now();
  const r = await fetch(`${baseUrl}/api/v1/imports/team`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: form,
  });
  if (r.status !== 202) throw new Error(`upload refused: ${r.status} ${await r.text()}`);
  const { id } = await r.json();
  const acceptedMs = Math.round(performance.now() - t);
  for (;;) {
    await new Promise((res) => setTimeout(res, 100));
    const job = await (await fetch(`${baseUrl}/api/v1/imports/${id}`, { headers: { cookie: session.cookie } })).json();
    if (job.status === 'succeeded' || job.status === 'failed') {
      const totalMs = Math.round(performance.now() - t);
      return {
        status: job.status,
        uploadAcceptedMs: acceptedMs,
        totalMs,
        rowsPerSecond: Math.round((rows / totalMs) * 1000),
        inserted: job.inserted,
        updated: job.updated,
        unchanged: job.unchanged,
        errorCount: job.errorCount,
        failure: job.failure,
      };
    }
  }
}

async function run(env) {
  const server = await startServer({ ...env, DEMO_PASSWORD: password, NATS_URL: '', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' });
  try {
    const session = await login(server.baseUrl, 'steward', password);
    const first = await importOnce(server.baseUrl, session, file, 'bench-teams.xlsx');
    const again = await importOnce(server.baseUrl, session, file, 'bench-teams.xlsx');
    return { first, reimport: again };
  } finally {
    await stopServer(server);
  }
}

const file = await teamsWorkbook(rows);
results.fileBytes = file.length;
results.baseline = { exceljsStreamingRead: await rawRead(file) };

{
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-import-'));
  try {
    results.embedded = await run({ DATA_DIR: dataDir, DATABASE_URL: '' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

{
  const admin = new pg.Client({ connectionString: pgUrl });
  let reachable = true;
  try {
    await admin.connect();
  } catch (err) {
    reachable = false;
    results.postgres = { skipped: `PostgreSQL not reachable at ${pgUrl}: ${err.message}` };
  }
  if (reachable) {
    const dbName = `vigil_bench_imp_${process.pid}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-import-pg-'));
    try {
      results.postgres = await run({ DATABASE_URL: u.toString(), SEED_DEMO: 'true', DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const ok = (r) =>
  r?.first?.status === 'succeeded' && r.first.inserted === rows && r.reimport.unchanged === rows && r.reimport.updated === 0;
results.targets = { embeddedTotalMs: 30_000, rows: 10_000 };
results.meetsTargets = {
  embeddedUnder30s: results.embedded.first.totalMs < 30_000,
  embeddedIdempotent: ok(results.embedded),
  postgresIdempotent: results.postgres?.first ? ok(results.postgres) : null,
};
console.log(JSON.stringify(results, null, 2));
if (!results.meetsTargets.embeddedIdempotent || results.meetsTargets.postgresIdempotent === false) process.exit(1);

// Shared helpers for benchmarks: start the built server, wait for readiness, load generation, percentiles.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts dist/main.js with env; resolves {child, baseUrl, readyMs} once /readyz answers. */
export async function startServer(env, timeoutMs = 180_000) {
  const port = await freePort();
  const t0 = performance.now();
  let out = '';
  const child = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
    cwd: root,
    // No embedded MQTT broker unless the bench asks for one (the machine's Mosquitto holds 1883).
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', MQTT_PORT: '0', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out}`);
    try {
      const r = await fetch(`${baseUrl}/readyz`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`not ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, baseUrl, readyMs: Math.round(performance.now() - t0), output: () => out };
}

export async function stopServer(s) {
  s.child.kill('SIGTERM');
  await new Promise((r) => {
    const t = setTimeout(() => {
      s.child.kill('SIGKILL');
      r();
    }, 10_000);
    s.child.on('exit', () => {
      clearTimeout(t);
      r();
    });
  });
}

export function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  const r = (x) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[s.length - 1]) };
}

/** Runs `fn` with `concurrency` workers for `durationMs`; returns latencies in ms and errors. */
export async function load(fn, { concurrency, durationMs, maxRequests = Infinity }) {
  const lat = [];
  let errors = 0;
  let sent = 0;
  const end = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < end && sent < maxRequests) {
      sent++;
      const t = performance.now();
      try {
        await fn();
        lat.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - t0) / 1000;
  return { ...percentiles(lat), errors, rps: Math.round(lat.length / secs) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Minimal keep-alive HTTP client (fetch adds too much overhead at this concurrency). */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        agent,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode >= 400) reject(new Error(`${res.statusCode} ${text.slice(0, 200)}`));
          else resolve({ status: res.statusCode, headers: res.headers, text });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

export async function login(baseUrl, username, password) {
  const r = await request(`${baseUrl}/api/v1/auth/login`, { method: 'POST', body: { username, password } });
  const cookie = String(r.headers['set-cookie']).split(';')[0];
  return { cookie, csrf: JSON.parse(r.text).csrfToken };
}

const WRK_REPORT = `done = function(summary, latency, requests)
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status
  io.write(string.format('WRK {"n":%d,"us":%d,"errors":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f}\\n',
    summary.requests, summary.duration, errs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
`;

/**
 * Drives GET load with wrk (a C load generator: on a 2-core machine a Node load generator
 * competes with the server for CPU and dominates the latency it measures). Returns null when wrk
 * is not installed (CI installs it; `apt-get install wrk`).
 */
export function wrkLoad(url, { headers = {}, concurrency, durationMs }) {
  const which = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  if (which.status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wrk-'));
  const script = join(dir, 'report.lua');
  writeFileSync(script, WRK_REPORT);
  const args = ['-t1', `-c${concurrency}`, `-d${Math.max(1, Math.round(durationMs / 1000))}s`, '--timeout', '5s', '-s', script];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  const r = spawnSync('wrk', [...args, url], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('WRK '));
  if (!line) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  const w = JSON.parse(line.slice(4));
  const round = (x) => Math.round(x * 100) / 100;
  return {
    n: w.n,
    p50: round(w.p50),
    p95: round(w.p95),
    p99: round(w.p99),
    max: round(w.max),
    errors: w.errors,
    rps: Math.round(w.n / (w.us / 1e6)),
    generator: 'wrk',
  };
}

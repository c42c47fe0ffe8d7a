import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { boot, type Runtime } from '../src/boot.js';
import { loadConfig } from '../src/config/config.js';
import type { Clock } from '../src/platform/clock.js';
import { openDatabase, type DbHandle } from '../src/platform/db/database.js';
import { silentLogger } from '../src/platform/logger.js';
import { TEST_DEMO_PASSWORD } from './seed.js';

export { TEST_DEMO_PASSWORD };

export interface TestApp extends Runtime {
  /** Signs in a (demo) user and returns a client carrying the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  /** A client without credentials. */
  anonymous(): Client;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface Client {
  cookie: string | null;
  csrf: string | null;
  stage: string | null;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

async function openTestDatabase(): Promise<DbHandle> {
  const info = inject('vigilDb');
  if (info.kind === 'pglite') {
    return openDatabase({ dataDir: '', inMemory: true, loadDataDir: new Blob([readFileSync(info.snapshot)]) });
  }
  const name = `vigil_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: info.baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${info.template}`);
  await admin.end();
  const u = new URL(info.baseUrl);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: info.baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Boots the whole server on a fresh copy of the seeded test database (demo orgs and users,
 * password TEST_DEMO_PASSWORD). Call `close()` in afterAll.
 */
export async function startTestApp(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  // A private data dir per test app: local secrets (e.g. the TOTP key file) never land in the repo.
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  // Sessions are looked up on every request unless a test turns the read cache on (tests change rows directly).
  const config = loadConfig({ SEED_DEMO: 'false', DATA_DIR: dataDir, SESSION_CACHE_MS: '0', ORG_LIST_CACHE_MS: '0', ...opts.env });
  const runtime = await boot(config, {
    log: silentLogger,
    dbHandle: handle,
    skipMigrations: true,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  await runtime.app.ready();
  const request = (o: InjectOptions) => runtime.app.inject({ remoteAddress: '10.0.0.1', ...o });

  const client = (cookie: string | null, csrf: string | null, stage: string | null): Client => {
    const h = (extra?: Record<string, string>): Record<string, string> => ({
      ...(cookie ? { cookie } : {}),
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...extra,
    });
    const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown, headers?: Record<string, string>) =>
      request({ method, url, headers: h(headers), ...(body === undefined ? {} : { payload: body as object }) });
    return {
      cookie,
      csrf,
      stage,
      get: (url, headers) => request({ method: 'GET', url, headers: h(headers) }),
      post: withBody('POST'),
      patch: withBody('PATCH'),
      put: withBody('PUT'),
      delete: (url, headers) => request({ method: 'DELETE', url, headers: h(headers) }),
    };
  };

  return {
    ...runtime,
    async close() {
      await runtime.close();
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    request,
    anonymous: () => client(null, null, null),
    async login(username: string, password = TEST_DEMO_PASSWORD) {
      const res = await request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const set = res.cookies.find((c) => c.name === 'vigil_sid');
      if (!set) throw new Error('no session cookie');
      const body = res.json<{ csrfToken: string; stage: string }>();
      return client(`vigil_sid=${set.value}`, body.csrfToken, body.stage);
    },
  };
}

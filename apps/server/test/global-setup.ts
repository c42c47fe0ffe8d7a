import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config/config.js';
import { modules } from '../src/modules.js';
import { silentLogger } from '../src/platform/logger.js';
import { migrateToLatest, openDatabase } from '../src/platform/db/database.js';
import { TEST_DEMO_PASSWORD, seedAll } from './seed.js';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    vigilDb: { kind: 'pglite'; snapshot: string } | { kind: 'postgres'; template: string; baseUrl: string };
  }
}

/**
 * Builds one migrated and seeded database for the whole run: a PGlite data-dir snapshot, or a
 * PostgreSQL template database when TEST_DATABASE_URL is set. Each test file starts from a copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  const t0 = Date.now();
  if (url) {
    const template = `vigil_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const handle = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    await migrateToLatest(handle.db);
    await seedAll(handle, loadConfig({ DATABASE_URL: u.toString(), DEMO_PASSWORD: TEST_DEMO_PASSWORD }), modules, silentLogger);
    await handle.close();
    project.provide('vigilDb', { kind: 'postgres', template, baseUrl: url });
    console.log(`[test] PostgreSQL template ${template} ready in ${Date.now() - t0} ms`);
    return async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await c.end();
    };
  }
  const handle = await openDatabase({ dataDir: '', inMemory: true });
  await migrateToLatest(handle.db);
  await seedAll(handle, loadConfig({ DEMO_PASSWORD: TEST_DEMO_PASSWORD }), modules, silentLogger);
  if (!handle.pglite) throw new Error('expected an embedded database');
  const blob = await handle.pglite.dumpDataDir('none');
  const dir = join(process.cwd(), 'node_modules', '.cache', 'vigil-test');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `snapshot-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await handle.close();
  project.provide('vigilDb', { kind: 'pglite', snapshot: file });
  console.log(`[test] PGlite snapshot ready in ${Date.now() - t0} ms`);
  return async () => {};
}

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

// int8 (counts, bigint ids) as numbers, matching PGlite.
pg.types.setTypeParser(20, Number);
// numeric as numbers: amounts and areas fit comfortably in a double.
pg.types.setTypeParser(1700, Number);

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, when embedded (snapshots in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Load a PGlite data dir snapshot (tests) instead of opening DATA_DIR. */
  loadDataDir?: Blob | File;
  /** Keep PGlite purely in memory (tests). */
  inMemory?: boolean;
  poolSize?: number;
}

/** Opens the database: PostgreSQL when a URL is given, otherwise PGlite+PostGIS under DATA_DIR. */
export async function openDatabase(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    // No JIT compilation: the application's statements run in milliseconds, and PostGIS functions
    // carry cost estimates high enough to make the planner spend tens of milliseconds compiling.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: '-c jit=off' });
    // An idle connection closed by the server (restart, failover, admin command) is dropped from
    // the pool and replaced on next use; without a listener it would crash the process.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`, 'VigilDbWarning'));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { ltree } = await import('@electric-sql/pglite/contrib/ltree');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let dataDir: string | undefined;
  if (!opts.inMemory) {
    const dir = resolve(opts.dataDir, 'pg');
    mkdirSync(dir, { recursive: true });
    dataDir = dir;
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    extensions: { postgis, ltree, pg_trgm },
    parsers: { 1700: (v: string) => Number(v) },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${err.message}`, { cause: err });
  }
  return result;
}

/** Cheap readiness probe. */
export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

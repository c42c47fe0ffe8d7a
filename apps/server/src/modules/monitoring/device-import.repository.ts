import { sql, type Insertable, type Kysely } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database, ImportJobTable, ImportRowError } from '../../platform/db/schema.js';

/** Device import jobs: rows of the shared `import_job` table with module 'monitoring'. */

const MODULE = 'monitoring';

const COLUMNS = [
  'id',
  'entity',
  'org_id',
  'org_path',
  'filename',
  'status',
  'total_rows',
  'processed_rows',
  'inserted',
  'updated',
  'unchanged',
  'error_count',
  'errors',
  'failure',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
] as const;

export interface DeviceImportJobRow {
  id: string;
  entity: string;
  org_id: string;
  org_path: string;
  filename: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total_rows: number;
  processed_rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_count: number;
  errors: ImportRowError[];
  failure: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  has_file: boolean;
}

const withFlag = sql<boolean>`file IS NOT NULL`.as('has_file');

export async function insertJob(db: Kysely<Database>, row: Omit<Insertable<ImportJobTable>, 'module'>): Promise<DeviceImportJobRow> {
  return (await db
    .insertInto('import_job')
    .values({ ...row, module: MODULE })
    .returning([...COLUMNS, withFlag])
    .executeTakeFirstOrThrow()) as DeviceImportJobRow;
}

export async function findJob(db: Kysely<Database>, id: string): Promise<DeviceImportJobRow | undefined> {
  return (await db
    .selectFrom('import_job')
    .select([...COLUMNS, withFlag])
    .where('id', '=', id)
    .where('module', '=', MODULE)
    .executeTakeFirst()) as DeviceImportJobRow | undefined;
}

/** Recent jobs in scope, newest first. */
export async function listJobs(db: Kysely<Database>, scope: readonly string[] | null, limit: number): Promise<DeviceImportJobRow[]> {
  let q = db
    .selectFrom('import_job')
    .select([...COLUMNS, withFlag])
    .where('module', '=', MODULE);
  if (scope) q = q.where(pathWithin('org_path', scope));
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()) as DeviceImportJobRow[];
}

/** Takes the oldest queued job (skipping one another worker holds) and marks it running. */
export async function claimNextJob(
  db: Kysely<Database>,
  now: Date,
): Promise<(DeviceImportJobRow & { file: Uint8Array | null }) | undefined> {
  const r = await sql<DeviceImportJobRow & { file: Uint8Array | null }>`
    UPDATE import_job SET status = 'running', started_at = ${now}, processed_rows = 0
    WHERE id = (
      SELECT id FROM import_job WHERE status = 'queued' AND module = ${MODULE}
      ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING *, true AS has_file`.execute(db);
  return r.rows[0];
}

/** Puts jobs whose worker is gone back in the queue. */
export async function requeueAbandoned(db: Kysely<Database>, startedBefore: Date): Promise<number> {
  const r = await db
    .updateTable('import_job')
    .set({ status: 'queued', processed_rows: 0, started_at: null })
    .where('module', '=', MODULE)
    .where('status', '=', 'running')
    .where('started_at', '<', startedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface JobOutcome {
  status: 'succeeded' | 'failed';
  totalRows: number;
  inserted: number;
  errors: ImportRowError[];
  failure: string | null;
  finishedAt: Date;
  /** What the job keeps afterwards: the sealed credentials of the created devices, or nothing. */
  file: Buffer | null;
}

export async function finishJob(db: Kysely<Database>, id: string, o: JobOutcome): Promise<DeviceImportJobRow> {
  return (await db
    .updateTable('import_job')
    .set({
      status: o.status,
      total_rows: o.totalRows,
      processed_rows: o.totalRows,
      inserted: o.inserted,
      updated: 0,
      unchanged: 0,
      error_count: o.errors.length,
      errors: JSON.stringify(o.errors.slice(0, 10_000)),
      failure: o.failure,
      finished_at: o.finishedAt,
      file: o.file,
    })
    .where('id', '=', id)
    .returning([...COLUMNS, withFlag])
    .executeTakeFirstOrThrow()) as DeviceImportJobRow;
}

/** Hands out the stored credentials once: the file is cleared in the same statement. */
export async function takeCredentials(db: Kysely<Database>, id: string): Promise<Uint8Array | null> {
  const r = await sql<{ file: Uint8Array }>`
    UPDATE import_job j SET file = NULL
    FROM (SELECT id, file FROM import_job WHERE id = ${id} AND module = ${MODULE} AND status = 'succeeded' AND file IS NOT NULL FOR UPDATE) old
    WHERE j.id = old.id
    RETURNING old.file`.execute(db);
  return r.rows[0]?.file ?? null;
}

export async function findUploader(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['id as user_id', 'username', 'display_name', 'org_id', 'org_path'])
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** Orgs by code and enterprises (hazard sources) by external code, for the row references. */
export async function orgsByCode(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'code', 'path'])
    .where('code', 'in', [...codes])
    .execute();
}

export async function enterprisesByCode(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('resource')
    .select(['id', 'external_code'])
    .where('kind', '=', 'hazard')
    .where('external_code', 'in', [...codes])
    .where('archived_at', 'is', null)
    .execute();
}

import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ResourceKind } from '@vigil/shared';
import type { Database, ImportJobTable, ImportRowError } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';

/**
 * SQL of bulk imports: the import_job queue (claimed with FOR UPDATE SKIP LOCKED so several
 * workers never take the same job), the reference look-ups a file is validated against, and the
 * set-based upserts that write a whole chunk of rows per statement (jsonb_to_recordset), never
 * one round trip per row.
 */

export type ImportJobRow = Omit<Selectable<ImportJobTable>, 'file'>;

const JOB_COLUMNS = [
  'id',
  'module',
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

/** `null` = everywhere (system), `[]` = nowhere. */
const inScope = (column: string, scope: readonly string[] | null) => (scope === null ? sql<boolean>`true` : pathWithin(column, scope));

export async function insertJob(tx: Kysely<Database>, row: Insertable<ImportJobTable>): Promise<ImportJobRow> {
  return tx.insertInto('import_job').values(row).returning(JOB_COLUMNS).executeTakeFirstOrThrow();
}

export async function findJob(db: Kysely<Database>, id: string): Promise<ImportJobRow | undefined> {
  return db.selectFrom('import_job').select(JOB_COLUMNS).where('id', '=', id).where('module', '=', 'resources').executeTakeFirst();
}

export interface JobListFilter {
  scope: readonly string[] | null;
  entity?: string | undefined;
  after: { at: Date; id: string } | null;
  limit: number;
}

export async function listJobs(db: Kysely<Database>, f: JobListFilter): Promise<{ rows: ImportJobRow[]; total: number }> {
  let q = db.selectFrom('import_job').where('module', '=', 'resources').where(inScope('org_path', f.scope));
  if (f.entity) q = q.where('entity', '=', f.entity);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = q.select(JOB_COLUMNS);
  if (f.after) {
    const { at, id } = f.after;
    page = page.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await page.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  return { rows, total: Number(total.n) };
}

/** Takes the oldest queued job (skipping ones another worker holds) and marks it running. */
export async function claimNextJob(db: Kysely<Database>, now: Date): Promise<(ImportJobRow & { file: Uint8Array | null }) | undefined> {
  const r = await sql<ImportJobRow & { file: Uint8Array | null }>`
    UPDATE import_job SET status = 'running', started_at = ${now}, processed_rows = 0
    WHERE id = (
      SELECT id FROM import_job WHERE status = 'queued' AND module = 'resources'
      ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING *
  `.execute(db);
  return r.rows[0];
}

/** Puts jobs whose worker is gone (running since before `startedBefore`) back in the queue. */
export async function requeueAbandoned(db: Kysely<Database>, startedBefore: Date): Promise<number> {
  const r = await db
    .updateTable('import_job')
    .set({ status: 'queued', processed_rows: 0, started_at: null })
    .where('module', '=', 'resources')
    .where('status', '=', 'running')
    .where('started_at', '<', startedBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setProgress(db: Kysely<Database>, id: string, processed: number, total: number): Promise<void> {
  await db.updateTable('import_job').set({ processed_rows: processed, total_rows: total }).where('id', '=', id).execute();
}

export interface JobOutcome {
  status: 'succeeded' | 'failed';
  totalRows: number;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: ImportRowError[];
  failure: string | null;
  finishedAt: Date;
}

/** Records how a job ended; the uploaded bytes are dropped (the error report is kept). */
export async function finishJob(tx: Kysely<Database>, id: string, o: JobOutcome): Promise<ImportJobRow> {
  return tx
    .updateTable('import_job')
    .set({
      status: o.status,
      total_rows: o.totalRows,
      processed_rows: o.processedRows,
      inserted: o.inserted,
      updated: o.updated,
      unchanged: o.unchanged,
      error_count: o.errorCount,
      errors: JSON.stringify(o.errors),
      failure: o.failure,
      finished_at: o.finishedAt,
      file: null,
    })
    .where('id', '=', id)
    .returning(JOB_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The uploader as the job runs: active users only. */
export async function findUploader(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['id as user_id', 'username', 'display_name', 'org_id', 'org_path'])
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

// ---- reference data a file is validated against ------------------------------------------

/** Every national code (all families: a few hundred rows, loaded once per import). */
export async function allCodes(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('code_table').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

export async function orgsByCode(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('org').select(['id', 'code', 'path', 'status']).where('code', 'in', codes).execute();
}

export async function orgById(db: Kysely<Database>, id: string) {
  return db.selectFrom('org').select(['id', 'code', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

export interface ExistingResource {
  id: string;
  external_code: string;
  org_path: string;
  sealed: Record<string, string> | null;
  archived_at: Date | null;
}

/** Stored resources of a kind with these external codes (any org: a clash outside scope is an error). */
export async function existingResources(db: Kysely<Database>, kind: ResourceKind, codes: readonly string[]): Promise<ExistingResource[]> {
  const out: ExistingResource[] = [];
  for (let i = 0; i < codes.length; i += 1000) {
    const part = codes.slice(i, i + 1000);
    const rows = await db
      .selectFrom('resource')
      .select(['id', 'external_code', 'org_path', 'sealed', 'archived_at'])
      .where('kind', '=', kind)
      .where('external_code', 'in', part)
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function warehousesByCode(db: Kysely<Database>, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('resource')
    .select(['id', 'external_code', 'org_id', 'org_path', 'name', 'archived_at'])
    .where('kind', '=', 'warehouse')
    .where('external_code', 'in', codes)
    .execute();
}

export interface ExistingStockLine {
  id: string;
  external_code: string;
  warehouse_id: string;
  org_path: string;
}

export async function existingStockLines(db: Kysely<Database>, codes: readonly string[]): Promise<ExistingStockLine[]> {
  const out: ExistingStockLine[] = [];
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await db
      .selectFrom('stock_line')
      .select(['id', 'external_code', 'warehouse_id', 'org_path'])
      .where('external_code', 'in', codes.slice(i, i + 1000))
      .execute();
    for (const r of rows) if (r.external_code) out.push({ ...r, external_code: r.external_code });
  }
  return out;
}

// ---- set-based writes ------------------------------------------------------------------------

/** One resource row to upsert (already validated; WGS84). */
export interface ResourceUpsertRow {
  id: string;
  hist_id: string;
  external_code: string;
  name: string;
  type_code: string | null;
  status: string;
  org_id: string;
  org_path: string;
  address: string | null;
  phone: string | null;
  lng: number;
  lat: number;
  /** GeoJSON MultiPolygon text, or null. */
  area: string | null;
  attrs: Record<string, unknown>;
  sealed: Record<string, string> | null;
  masked: Record<string, string> | null;
}

export interface UpsertOptions {
  kind: ResourceKind;
  source: 'import' | 'demo' | 'scale';
  actorId: string | null;
  now: Date;
  /** Existing rows outside these subtrees are never overwritten (null = anywhere). */
  scope: readonly string[] | null;
  /** Write resource_history rows for inserted and changed rows. */
  history: boolean;
}

/**
 * Inserts new resources and updates changed ones in one statement per chunk: ON CONFLICT on
 * (kind, external_code) updates only when a value differs, so an unchanged row costs nothing and
 * gets no new version or history. The county is found in SQL from the point. Returns counts.
 */
export async function upsertResources(
  tx: Kysely<Database>,
  rows: readonly ResourceUpsertRow[],
  o: UpsertOptions,
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const history = o.history
    ? sql`, hist AS (
        INSERT INTO resource_history (id, resource_id, version, action, snapshot, changed_by, changed_at)
        SELECT i.hist_id, u.id, u.version, CASE WHEN u.inserted THEN 'created' ELSE 'updated' END, u.snapshot, ${o.actorId}::uuid, ${o.now}
        FROM upserted u JOIN input i ON i.external_code = u.external_code
        RETURNING 1
      )`
    : sql``;
  const scopeCheck = o.scope === null ? sql`true` : pathWithin('r.org_path', o.scope);
  const r = await sql<{ inserted: number; updated: number }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id uuid, hist_id uuid, external_code text, name text, type_code text, status text, org_id uuid, org_path text,
        address text, phone text, lng double precision, lat double precision, area text, attrs jsonb, sealed jsonb, masked jsonb)
    ), located AS (
      SELECT i.*, p.geom,
        (SELECT d.code FROM admin_division d
          WHERE d.level = 'county' AND d.geom && p.geom AND ST_Contains(d.geom, p.geom) ORDER BY d.code LIMIT 1) AS division_code,
        CASE WHEN i.area IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(i.area), 4326)) END AS area_geom
      FROM input i CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(i.lng, i.lat), 4326) AS geom) p
    ), upserted AS (
      INSERT INTO resource AS r (id, kind, org_id, org_path, external_code, name, type_code, status, division_code, address, phone,
        location, area, attrs, sealed, masked, source, created_by, created_at, updated_by, updated_at)
      SELECT id, ${o.kind}, org_id, org_path::ltree, external_code, name, type_code, status, division_code, address, phone,
        geom, area_geom, attrs, sealed, masked, ${o.source}, ${o.actorId}::uuid, ${o.now}, ${o.actorId}::uuid, ${o.now}
      FROM located
      ON CONFLICT (kind, external_code) DO UPDATE SET
        org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path, name = EXCLUDED.name, type_code = EXCLUDED.type_code,
        status = EXCLUDED.status, division_code = EXCLUDED.division_code, address = EXCLUDED.address, phone = EXCLUDED.phone,
        location = EXCLUDED.location, area = EXCLUDED.area, attrs = EXCLUDED.attrs, sealed = EXCLUDED.sealed, masked = EXCLUDED.masked,
        version = r.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
      WHERE ${scopeCheck} AND (
        (r.org_id, r.name, r.type_code, r.status, r.address, r.phone, r.attrs, r.sealed, r.masked)
          IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.name, EXCLUDED.type_code, EXCLUDED.status, EXCLUDED.address, EXCLUDED.phone,
            EXCLUDED.attrs, EXCLUDED.sealed, EXCLUDED.masked)
        OR ST_AsEWKB(r.location) IS DISTINCT FROM ST_AsEWKB(EXCLUDED.location)
        OR ST_AsEWKB(r.area) IS DISTINCT FROM ST_AsEWKB(EXCLUDED.area))
      RETURNING r.id, r.version, r.external_code, (r.xmax = 0) AS inserted,
        jsonb_build_object('externalCode', r.external_code, 'name', r.name, 'typeCode', r.type_code, 'status', r.status,
          'orgId', r.org_id, 'divisionCode', r.division_code, 'address', r.address, 'phone', r.phone,
          'location', jsonb_build_object('lng', ST_X(r.location), 'lat', ST_Y(r.location)),
          'area', CASE WHEN r.area IS NULL THEN NULL ELSE ST_AsGeoJSON(r.area, 7)::jsonb END, 'attrs', r.attrs,
          'contact', r.masked, 'archivedAt', r.archived_at) AS snapshot
    )${history}
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted
  `.execute(tx);
  const c = r.rows[0]!;
  return { inserted: Number(c.inserted), updated: Number(c.updated) };
}

/** One stock line to upsert. */
export interface StockUpsertRow {
  id: string;
  movement_id: string;
  warehouse_id: string;
  org_id: string;
  org_path: string;
  external_code: string;
  material_code: string;
  name: string;
  spec: string | null;
  unit: string;
  quantity: number;
  min_quantity: number;
  batch: string | null;
  produced_on: string | null;
  expires_on: string | null;
}

export interface StockUpsertOptions {
  source: 'import' | 'demo' | 'scale';
  actorId: string | null;
  now: Date;
  reason: string;
}

/**
 * Upserts stock lines on their external code, one statement per chunk, and records every
 * quantity change (including a new line's opening quantity) as a stock-take movement. The old
 * quantities are read under row locks in the same statement, so a concurrent adjustment is
 * either before or after the import, never lost.
 */
export async function upsertStockLines(
  tx: Kysely<Database>,
  rows: readonly StockUpsertRow[],
  o: StockUpsertOptions,
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const codes = rows.map((r) => r.external_code);
  const before = await sql<{ external_code: string; quantity: string }>`
    SELECT external_code, quantity::text AS quantity FROM stock_line WHERE external_code = ANY(${codes}::text[]) FOR UPDATE
  `.execute(tx);
  const old = new Map(before.rows.map((b) => [b.external_code, Number(b.quantity)]));
  const r = await sql<{ inserted: number; updated: number }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        id uuid, movement_id uuid, warehouse_id uuid, org_id uuid, org_path text, external_code text, material_code text,
        name text, spec text, unit text, quantity numeric, min_quantity numeric, batch text, produced_on date, expires_on date)
    ), upserted AS (
      INSERT INTO stock_line AS s (id, warehouse_id, org_id, org_path, external_code, material_code, name, spec, unit, quantity,
        min_quantity, batch, produced_on, expires_on, source, created_at, updated_at)
      SELECT id, warehouse_id, org_id, org_path::ltree, external_code, material_code, name, spec, unit, quantity,
        min_quantity, batch, produced_on, expires_on, ${o.source}, ${o.now}, ${o.now}
      FROM input
      ON CONFLICT (external_code) DO UPDATE SET
        material_code = EXCLUDED.material_code, name = EXCLUDED.name, spec = EXCLUDED.spec, unit = EXCLUDED.unit,
        quantity = EXCLUDED.quantity, min_quantity = EXCLUDED.min_quantity, batch = EXCLUDED.batch,
        produced_on = EXCLUDED.produced_on, expires_on = EXCLUDED.expires_on, archived_at = NULL, updated_at = EXCLUDED.updated_at
      WHERE s.warehouse_id = EXCLUDED.warehouse_id AND (
        (s.material_code, s.name, s.spec, s.unit, s.quantity, s.min_quantity, s.batch, s.produced_on, s.expires_on, s.archived_at)
        IS DISTINCT FROM (EXCLUDED.material_code, EXCLUDED.name, EXCLUDED.spec, EXCLUDED.unit, EXCLUDED.quantity,
          EXCLUDED.min_quantity, EXCLUDED.batch, EXCLUDED.produced_on, EXCLUDED.expires_on, NULL::timestamptz))
      RETURNING s.id, s.external_code, s.warehouse_id, s.org_id, s.org_path, s.quantity, (s.xmax = 0) AS inserted
    ), moved AS (
      INSERT INTO stock_movement (id, stock_line_id, warehouse_id, org_id, org_path, kind, delta, quantity_after, reason, actor_id, at)
      SELECT i.movement_id, u.id, u.warehouse_id, u.org_id, u.org_path, 'stocktake',
        u.quantity - COALESCE((${JSON.stringify(Object.fromEntries(old))}::jsonb ->> u.external_code)::numeric, 0),
        u.quantity, ${o.reason}, ${o.actorId}::uuid, ${o.now}
      FROM upserted u JOIN input i ON i.external_code = u.external_code
      WHERE u.quantity <> COALESCE((${JSON.stringify(Object.fromEntries(old))}::jsonb ->> u.external_code)::numeric, 0)
      RETURNING 1
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted
  `.execute(tx);
  const c = r.rows[0]!;
  return { inserted: Number(c.inserted), updated: Number(c.updated) };
}

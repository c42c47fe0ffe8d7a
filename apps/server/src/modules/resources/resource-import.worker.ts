import { IMPORT_EVENTS, type ImportEntity, type ImportFinishedPayload, type ResourceKind } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn, isWithin, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { loadActor } from '../../platform/auth/authenticate.js';
import { openSecret, sealSecret } from '../../platform/auth/secret-box.js';
import { inTransaction, NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import type { ImportRowError } from '../../platform/db/schema.js';
import { BULK_WRITE_ROWS, refreshStatistics } from '../../platform/db/maintenance.js';
import { AppError } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { ImportFileError, readImportFile, sniffImportFile, type SheetData } from './import-file.js';
import {
  mapHeader,
  parseResourceRows,
  parseStockRows,
  slices,
  type HeaderMap,
  type ParsedResource,
  type ParsedStock,
} from './import-rows.js';
import { ENTITY_ZH } from './import-template.js';
import * as repo from './resource-import.repository.js';
import { maskContact } from './resource-rules.js';
import { RESOURCES_TOPIC } from './resources.events.js';
import { contactContext } from './resources.presenter.js';

/**
 * Runs one claimed import job: read the file, match the header, validate every row (progress
 * saved every 500 rows in short transactions), check the rows against the database (orgs,
 * codes owned by other orgs, warehouses), and only when no row has an error write everything
 * in one transaction as chunked set-based upserts. A failed job writes nothing but its status
 * and error list. The uploader is notified either way.
 */

const SLICE = 500;
const CHUNK = 1000;
/** Errors kept for the report (the count is always exact). */
const MAX_STORED_ERRORS = 10_000;

export type ClaimedJob = repo.ImportJobRow & { file: Uint8Array | null };

class JobFailure extends Error {
  constructor(
    message: string,
    readonly errors: ImportRowError[] = [],
    readonly total = 0,
  ) {
    super(message);
  }
}

async function uploaderOf(platform: Platform, job: ClaimedJob): Promise<Actor | null> {
  const u = await repo.findUploader(platform.db, job.created_by);
  return u ? loadActor(platform.db, u, {}) : null;
}

/** Ends a job in one transaction: the writes (if any), the job row, audit, event and notification. */
async function finish(
  platform: Platform,
  job: ClaimedJob,
  actor: Actor,
  write: ((ctx: Ctx) => Promise<repo.JobOutcome>) | repo.JobOutcome,
) {
  await inTransaction(platform, actor, NO_META, async (ctx) => {
    const outcome = typeof write === 'function' ? await write(ctx) : write;
    const row = await repo.finishJob(ctx.tx, job.id, outcome);
    const ok = outcome.status === 'succeeded';
    await recordAudit(ctx, {
      action: ok ? 'import.completed' : 'import.failed',
      entity: 'import_job',
      entityId: job.id,
      result: ok ? 'ok' : 'failed',
      after: {
        entity: job.entity,
        fileName: job.filename,
        totalRows: outcome.totalRows,
        inserted: outcome.inserted,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        errorCount: outcome.errorCount,
        failure: outcome.failure,
      },
    });
    const payload: ImportFinishedPayload = {
      jobId: job.id,
      entity: job.entity as ImportEntity,
      status: outcome.status,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      errorCount: outcome.errorCount,
    };
    await emit(ctx, IMPORT_EVENTS.finished, payload, { topic: RESOURCES_TOPIC, orgPath: row.org_path, permission: 'resource.read' });
    const what = ENTITY_ZH[job.entity as ImportEntity] ?? job.entity;
    await notify(ctx, {
      userIds: [job.created_by],
      title: ok ? `${what}导入完成：${job.filename}` : `${what}导入失败：${job.filename}`,
      body: ok
        ? `共 ${outcome.totalRows} 行：新增 ${outcome.inserted}，更新 ${outcome.updated}，未变化 ${outcome.unchanged}`
        : (outcome.failure ?? `${outcome.errorCount} 处错误，未写入任何数据，请下载错误报告修改后重新导入`),
      link: `/resources/imports/${job.id}`,
      severity: ok ? 'info' : 'warning',
    });
  });
}

function failedOutcome(f: JobFailure, now: Date): repo.JobOutcome {
  return {
    status: 'failed',
    totalRows: f.total,
    processedRows: f.total,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errorCount: f.errors.length,
    errors: [...f.errors].sort((a, b) => a.row - b.row).slice(0, MAX_STORED_ERRORS),
    failure: f.errors.length > 0 ? null : f.message,
    finishedAt: now,
  };
}

async function readSheet(job: ClaimedJob): Promise<{ sheet: SheetData; map: HeaderMap }> {
  const buf = Buffer.from(job.file ?? new Uint8Array());
  const type = sniffImportFile(buf);
  if (!type) throw new JobFailure('文件不是有效的 Excel 或 CSV 文件');
  let sheet: SheetData;
  try {
    sheet = await readImportFile(buf, type);
  } catch (e) {
    if (e instanceof ImportFileError) throw new JobFailure(e.message);
    throw e;
  }
  const mapped = mapHeader(job.entity as ImportEntity, sheet.header);
  if ('failure' in mapped) throw new JobFailure(mapped.failure);
  if (sheet.rows.length === 0) throw new JobFailure('文件中没有数据行（第 1 行为表头）');
  return { sheet, map: mapped.map };
}

/** Parses all rows in slices, saving progress after each slice. */
async function parseAll<T>(
  platform: Platform,
  job: ClaimedJob,
  sheet: SheetData,
  parse: (rows: SheetData['rows']) => { parsed: T[]; errors: ImportRowError[] },
): Promise<{ parsed: T[]; errors: ImportRowError[] }> {
  const parsed: T[] = [];
  const errors: ImportRowError[] = [];
  let done = 0;
  for (const part of slices(sheet, SLICE)) {
    const r = parse(part);
    parsed.push(...r.parsed);
    errors.push(...r.errors);
    done += part.length;
    await repo.setProgress(platform.db, job.id, done, sheet.rows.length);
  }
  return { parsed, errors };
}

// ---- resources -------------------------------------------------------------------------------

async function planResources(platform: Platform, job: ClaimedJob, actor: Actor, kind: ResourceKind, parsed: ParsedResource[]) {
  const errors: ImportRowError[] = [];
  const db = platform.db;
  const orgCodes = [...new Set(parsed.flatMap((p) => (p.orgCode ? [p.orgCode] : [])))];
  const orgs = new Map((await repo.orgsByCode(db, orgCodes)).map((o) => [o.code, o]));
  const existing = new Map(
    (
      await repo.existingResources(
        db,
        kind,
        parsed.map((p) => p.value.externalCode),
      )
    ).map((e) => [e.external_code, e]),
  );
  const rows: repo.ResourceUpsertRow[] = [];
  for (const p of parsed) {
    let org = { id: job.org_id, path: job.org_path };
    if (p.orgCode) {
      const o = orgs.get(p.orgCode);
      if (!o || o.status !== 'active' || !isWithin(o.path, job.org_path) || !hasPermissionIn(actor, 'resource.manage', o.path)) {
        errors.push({ row: p.row, column: '所属单位编码', reason: `单位编码 ${p.orgCode} 不存在或不在本单位管辖范围内` });
        continue;
      }
      org = { id: o.id, path: o.path };
    }
    const old = existing.get(p.value.externalCode);
    if (old && !hasPermissionIn(actor, 'resource.manage', old.org_path)) {
      errors.push({ row: p.row, column: '外部编码', reason: `外部编码 ${p.value.externalCode} 已被其他单位的记录使用` });
      continue;
    }
    const id = old?.id ?? newId();
    const v = p.value;
    let sealed: Record<string, string> | null = null;
    let masked: Record<string, string> | null = null;
    if (v.contact) {
      sealed = {};
      for (const field of ['phone', 'idNumber'] as const) {
        const plain = v.contact[field];
        if (!plain) continue;
        const ctxName = contactContext(id, field);
        const prev = old?.sealed?.[field];
        let same = false;
        if (prev) {
          try {
            same = openSecret(platform.config, prev, ctxName) === plain;
          } catch {
            same = false;
          }
        }
        // An unchanged contact keeps its sealed value, so the row compares equal and stays unchanged.
        sealed[field] = same && prev ? prev : sealSecret(platform.config, plain, ctxName);
      }
      masked = maskContact(v.contact);
    }
    rows.push({
      id,
      hist_id: newId(),
      external_code: v.externalCode,
      name: v.name,
      type_code: v.typeCode,
      status: v.status,
      org_id: org.id,
      org_path: org.path,
      address: v.address,
      phone: v.phone,
      lng: v.location.lng,
      lat: v.location.lat,
      area: v.area ? JSON.stringify(v.area) : null,
      attrs: v.attrs,
      sealed,
      masked,
    });
  }
  return { rows, errors };
}

// ---- stock -----------------------------------------------------------------------------------

async function planStock(platform: Platform, job: ClaimedJob, actor: Actor, parsed: ParsedStock[]) {
  const errors: ImportRowError[] = [];
  const db = platform.db;
  const warehouses = new Map(
    (await repo.warehousesByCode(db, [...new Set(parsed.map((p) => p.warehouseCode))])).map((w) => [w.external_code, w]),
  );
  const existing = new Map(
    (
      await repo.existingStockLines(
        db,
        parsed.map((p) => p.externalCode),
      )
    ).map((e) => [e.external_code, e]),
  );
  const rows: repo.StockUpsertRow[] = [];
  for (const p of parsed) {
    const w = warehouses.get(p.warehouseCode);
    if (!w || w.archived_at || !hasPermissionIn(actor, 'resource.read', w.org_path)) {
      errors.push({ row: p.row, column: '储备库外部编码', reason: `储备库 ${p.warehouseCode} 不存在或已归档` });
      continue;
    }
    if (!hasPermissionIn(actor, 'resource.manage', w.org_path)) {
      errors.push({ row: p.row, column: '储备库外部编码', reason: `没有管理储备库 ${p.warehouseCode} 的权限` });
      continue;
    }
    const old = existing.get(p.externalCode);
    if (old && old.warehouse_id !== w.id) {
      errors.push({ row: p.row, column: '物资外部编码', reason: `物资外部编码 ${p.externalCode} 已属于其他储备库，请使用调拨` });
      continue;
    }
    rows.push({
      id: old?.id ?? newId(),
      movement_id: newId(),
      warehouse_id: w.id,
      org_id: w.org_id,
      org_path: w.org_path,
      external_code: p.externalCode,
      material_code: p.materialCode,
      name: p.name,
      spec: p.spec,
      unit: p.unit,
      quantity: p.quantity,
      min_quantity: p.minQuantity,
      batch: p.batch,
      produced_on: p.producedOn,
      expires_on: p.expiresOn,
    });
  }
  return { rows, errors };
}

// ---- the run ---------------------------------------------------------------------------------

async function validateAndWrite(platform: Platform, job: ClaimedJob, actor: Actor): Promise<void> {
  const { sheet, map } = await readSheet(job);
  const total = sheet.rows.length;
  await repo.setProgress(platform.db, job.id, 0, total);
  const codes = await repo.allCodes(platform.db);
  const seen = new Map<string, number>();
  const entity = job.entity as ImportEntity;
  const counts = { inserted: 0, updated: 0 };
  let write: (ctx: Ctx) => Promise<void>;
  if (entity === 'stock') {
    const { parsed, errors } = await parseAll(platform, job, sheet, (rows) => parseStockRows(rows, map, codes, seen));
    const plan = await planStock(platform, job, actor, parsed);
    errors.push(...plan.errors);
    if (errors.length > 0) throw new JobFailure('', errors, total);
    write = async (ctx) => {
      for (let i = 0; i < plan.rows.length; i += CHUNK) {
        const c = await repo.upsertStockLines(ctx.tx, plan.rows.slice(i, i + CHUNK), {
          source: 'import',
          actorId: actor.userId,
          now: ctx.now,
          reason: `批量导入：${job.filename}`,
        });
        counts.inserted += c.inserted;
        counts.updated += c.updated;
      }
    };
  } else {
    const { parsed, errors } = await parseAll(platform, job, sheet, (rows) => parseResourceRows(entity, rows, map, codes, seen));
    const plan = await planResources(platform, job, actor, entity, parsed);
    errors.push(...plan.errors);
    if (errors.length > 0) throw new JobFailure('', errors, total);
    const scope = actor.grants.filter((g) => g.permissions.has('resource.manage')).map((g) => g.scopePath);
    write = async (ctx) => {
      for (let i = 0; i < plan.rows.length; i += CHUNK) {
        const c = await repo.upsertResources(ctx.tx, plan.rows.slice(i, i + CHUNK), {
          kind: entity,
          source: 'import',
          actorId: actor.userId,
          now: ctx.now,
          scope,
          history: true,
        });
        counts.inserted += c.inserted;
        counts.updated += c.updated;
      }
    };
  }
  await finish(platform, job, actor, async (ctx) => {
    await write(ctx);
    return {
      status: 'succeeded',
      totalRows: total,
      processedRows: total,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: total - counts.inserted - counts.updated,
      errorCount: 0,
      errors: [],
      failure: null,
      finishedAt: ctx.now,
    };
  });
  if (counts.inserted + counts.updated >= BULK_WRITE_ROWS) {
    await refreshStatistics(platform.db, entity === 'stock' ? 'stock_line' : 'resource').catch((err: unknown) =>
      platform.log.warn({ err, jobId: job.id }, 'could not refresh planner statistics after the import'),
    );
  }
}

/** Runs one claimed job to its end; never throws (a failure is recorded on the job). */
export async function runImportJob(platform: Platform, job: ClaimedJob): Promise<void> {
  const actor = await uploaderOf(platform, job);
  try {
    if (!actor || !hasPermissionIn(actor, 'resource.manage', job.org_path))
      throw new JobFailure('上传人已停用或不再拥有本单位的应急资源管理权限，导入未执行');
    await validateAndWrite(platform, job, actor);
  } catch (err) {
    const f =
      err instanceof JobFailure
        ? err
        : new JobFailure(err instanceof AppError ? `写入失败：${err.message}` : '导入过程中发生内部错误，未写入任何数据，请稍后重试');
    if (!(err instanceof JobFailure)) platform.log.error({ err, jobId: job.id }, 'import job failed');
    await finish(platform, job, actor ?? SYSTEM_ACTOR, failedOutcome(f, platform.clock.now()));
  }
}

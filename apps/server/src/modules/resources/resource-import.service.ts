import { IMPORT_EVENTS, type ImportEntity, type ImportJobDto, type ImportListQuery, type PageOf } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { extensionType, IMPORT_MAX_BYTES, sniffImportFile } from './import-file.js';
import { presentImportJob } from './import-job.presenter.js';
import { ENTITY_ZH, errorReportXlsx, templateCsv, templateXlsx } from './import-template.js';
import * as repo from './resource-import.repository.js';
import { resourceScope } from './resources.policy.js';
import { RESOURCES_TOPIC } from './resources.events.js';

/** A received upload: its bytes (already limited to IMPORT_MAX_BYTES + 1) and the client's file name. */
export interface ImportUpload {
  data: Buffer;
  fileName: string;
  truncated: boolean;
}

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(when.getTime())) invalid('cursor', '游标无效');
  return { at: when, id };
}

const fileError = (code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE', message: string) =>
  new AppError(code, message, { errors: [{ field: 'file', message }] });

/** A display name safe to store and echo: no path, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .trim()
    .slice(-200);
  return base || 'import';
}

/**
 * Accepts an import file: at most 20 MB (413), an .xlsx workbook or a CSV text file by its bytes
 * and its name (400 on `file` otherwise). The file is stored with the queued job in this
 * transaction, audited, and the worker is woken by `import.queued` after commit.
 */
export async function queueImport(ctx: Ctx, entity: ImportEntity, up: ImportUpload): Promise<ImportJobDto> {
  const { actor } = ctx;
  if (!actor.userId || !actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN', '只有登录用户可以导入数据');
  if (!hasPermissionIn(actor, 'resource.manage', actor.orgPath)) throw new AppError('FORBIDDEN', '缺少本单位的应急资源管理权限');
  if (up.truncated || up.data.length > IMPORT_MAX_BYTES) throw fileError('PAYLOAD_TOO_LARGE', '文件过大：导入文件不能超过 20 MB');
  if (up.data.length === 0) throw fileError('VALIDATION', '文件为空');
  const fileName = cleanName(up.fileName);
  const byName = extensionType(fileName);
  const byContent = sniffImportFile(up.data);
  if (!byName || !byContent || byName !== byContent)
    throw fileError('VALIDATION', '文件不是有效的 Excel 或 CSV 文件（请使用 .xlsx 或 .csv，可下载模板）');
  const job = await repo.insertJob(ctx.tx, {
    id: newId(),
    module: 'resources',
    entity,
    org_id: actor.orgId,
    org_path: actor.orgPath,
    filename: fileName,
    file: up.data,
    status: 'queued',
    created_by: actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'import.queued',
    entity: 'import_job',
    entityId: job.id,
    after: { entity, fileName, bytes: up.data.length, type: byContent },
  });
  await emit(ctx, IMPORT_EVENTS.queued, { jobId: job.id, entity }, { topic: RESOURCES_TOPIC, permission: 'resource.read' });
  return presentImportJob(job);
}

/** Import jobs of the orgs the actor may read resources of, newest first. */
export async function listImports(ctx: Ctx, q: ImportListQuery): Promise<PageOf<ImportJobDto>> {
  const after = decodeCursor(q.cursor);
  const { rows, total } = await repo.listJobs(ctx.tx, {
    scope: resourceScope(ctx.actor, 'resource.read'),
    entity: q.entity,
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentImportJob),
    nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.created_at), last.id) : null,
    total,
  };
}

async function loadJob(ctx: Ctx, id: string, perm: 'resource.read' | 'resource.manage') {
  return authorizeRow(ctx, perm, 'import_job', id, await repo.findJob(ctx.tx, id), 'resource.read');
}

/** One import job (progress while it runs). */
export async function getImport(ctx: Ctx, id: string): Promise<ImportJobDto> {
  return presentImportJob(await loadJob(ctx, id, 'resource.read'));
}

/** The error report (行号, 列, 原因) of a failed job as .xlsx. */
export async function importErrorReport(ctx: Ctx, id: string): Promise<{ fileName: string; data: Buffer }> {
  const job = await loadJob(ctx, id, 'resource.manage');
  if (job.status !== 'failed') invalid('id', job.status === 'succeeded' ? '该导入已成功，没有错误报告' : '导入尚未完成');
  const base = job.filename.replace(/\.[a-z0-9]+$/i, '');
  return { fileName: `${base}-错误报告.xlsx`, data: await errorReportXlsx(job.errors, job.failure, job.filename) };
}

/** The import template of an entity. */
export async function importTemplate(entity: ImportEntity, format: 'xlsx' | 'csv'): Promise<{ fileName: string; data: Buffer }> {
  const fileName = `${ENTITY_ZH[entity]}导入模板.${format}`;
  return { fileName, data: format === 'xlsx' ? await templateXlsx(entity) : templateCsv(entity) };
}

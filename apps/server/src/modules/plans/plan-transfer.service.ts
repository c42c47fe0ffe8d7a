import { PlanExportDocument, type PlanDto, type PlanImportErrorDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import { loadPlan } from './plan-access.js';
import { ownerOrg } from './plan-content.js';
import { buildPlanWorkbook, looksLikeXlsx, readPlanWorkbook } from './plan-xlsx.js';
import { contentOf, exportDocument } from './plans.presenter.js';
import { insertNewPlan, presentOne } from './plans.service.js';

async function auditExport(ctx: Ctx, id: string, format: 'json' | 'xlsx'): Promise<void> {
  await recordAudit(ctx, { action: 'plan.exported', entity: 'plan', entityId: id, after: { format } });
}

/** `GET /plans/:id/export.json`: the version's content as a self-describing JSON document (audited). */
export async function exportPlanJson(ctx: Ctx, id: string): Promise<{ doc: PlanExportDocument; fileName: string }> {
  const p = await loadPlan(ctx, id);
  await auditExport(ctx, id, 'json');
  return { doc: exportDocument(p, ctx.now), fileName: `${p.name}-v${p.version_no}.json` };
}

/** `GET /plans/:id/export.xlsx`: the structured workbook (基本信息, 响应分级, 任务清单), audited. */
export async function exportPlanXlsx(ctx: Ctx, id: string): Promise<{ data: Buffer; fileName: string }> {
  const p = await loadPlan(ctx, id);
  await auditExport(ctx, id, 'xlsx');
  const data = await buildPlanWorkbook(contentOf(p), { orgName: p.org_name, versionNo: p.version_no, status: p.status });
  return { data, fileName: `${p.name}-v${p.version_no}.xlsx` };
}

/** The upload: a JSON value (body or uploaded .json) or the bytes of a workbook. */
export type PlanUpload = { kind: 'json'; value: unknown; field: string } | { kind: 'file'; data: Buffer };

function rowErrors(errors: PlanImportErrorDto[]): never {
  throw new AppError('VALIDATION', `导入失败：共 ${errors.length} 处错误，未导入预案`, {
    errors: errors.map((e) => ({
      field: `${e.sheet || 'file'}${e.row ? `!${e.row}` : ''}${e.column ? `.${e.column}` : ''}`,
      message: `${e.sheet ? `“${e.sheet}”` : ''}${e.row ? `第 ${e.row} 行` : ''}${e.column ? `“${e.column}”` : ''}${e.sheet || e.row || e.column ? '：' : ''}${e.message}`,
    })),
    extra: { rowErrors: errors },
  });
}

function parseJson(value: unknown, field: string): PlanExportDocument {
  const r = PlanExportDocument.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ field: i.path.length ? i.path.map(String).join('.') : field, message: i.message }));
  throw new AppError('VALIDATION', `预案文件无效：${errors[0]!.message}`, { errors });
}

/**
 * `POST /plans/import`: creates a draft (version 1, a new plan) from an exported JSON document or
 * a plan workbook. Nothing is written unless the whole content is valid; workbook problems are
 * reported per sheet, row and column.
 */
export async function importPlan(ctx: Ctx, orgId: string | undefined, upload: PlanUpload): Promise<PlanDto> {
  const org = await ownerOrg(ctx, orgId);
  let content;
  if (upload.kind === 'file' && looksLikeXlsx(upload.data)) {
    const read = await readPlanWorkbook(upload.data);
    if ('errors' in read) rowErrors(read.errors);
    content = read.content;
  } else {
    let value = upload.kind === 'json' ? upload.value : undefined;
    if (upload.kind === 'file') {
      try {
        value = JSON.parse(upload.data.toString('utf8')) as unknown;
      } catch {
        throw new AppError('VALIDATION', '文件既不是 Excel（.xlsx）也不是有效的 JSON 预案文件', {
          errors: [{ field: 'file', message: '无法识别的文件格式，请上传导出的 .xlsx 或 .json 预案文件' }],
        });
      }
    }
    content = parseJson(value, upload.kind === 'json' ? upload.field : 'file').plan;
  }
  return presentOne(ctx, await insertNewPlan(ctx, org, content, 'import'));
}

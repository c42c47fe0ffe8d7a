import type { DeviceCredentialsDto, DeviceImportJobDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import { openSecret } from '../../platform/auth/secret-box.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { DEVICES_TOPIC } from './device.events.js';
import { DEVICE_IMPORT_MAX_BYTES, sniffFile, typeByName } from './device-import.file.js';
import * as repo from './device-import.repository.js';
import { errorReportXlsx, templateCsv, templateXlsx } from './device-import.template.js';
import { listDeviceTypes } from './device-types.service.js';
import { monitoringScope } from './monitoring.policy.js';

export const DEVICE_IMPORT_QUEUED = 'device_import.queued';
export const DEVICE_IMPORT_FINISHED = 'device_import.finished';

/** The context the credentials of a job are sealed under. */
export const credentialsContext = (jobId: string) => `device-import-credentials:${jobId}`;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentDeviceImport(r: repo.DeviceImportJobRow): DeviceImportJobDto {
  return {
    id: r.id,
    filename: r.filename,
    status: r.status,
    totalRows: Number(r.total_rows),
    inserted: Number(r.inserted),
    errorCount: Number(r.error_count),
    errors: (r.errors ?? []).slice(0, 50),
    failure: r.failure,
    credentialsReady: r.status === 'succeeded' && r.has_file,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
  };
}

/** A display name safe to store and echo. */
function cleanName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .trim()
    .slice(-200);
  return base || 'devices.xlsx';
}

const fileError = (code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE', message: string) =>
  new AppError(code, message, { errors: [{ field: 'file', message }] });

/**
 * Accepts a device import file (.xlsx or .csv by bytes and name, ≤ 5 MB) as a queued job in this
 * transaction; the worker validates every row and creates the devices all-or-nothing.
 */
export async function queueDeviceImport(ctx: Ctx, up: { data: Buffer; fileName: string; truncated: boolean }): Promise<DeviceImportJobDto> {
  const { actor } = ctx;
  if (!actor.userId || !actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN', '只有登录用户可以导入设备');
  if (!hasPermissionIn(actor, 'monitoring.manage', actor.orgPath)) throw new AppError('FORBIDDEN', '缺少本单位的监测设备管理权限');
  if (up.truncated || up.data.length > DEVICE_IMPORT_MAX_BYTES) throw fileError('PAYLOAD_TOO_LARGE', '文件过大：设备导入文件不能超过 5 MB');
  if (up.data.length === 0) throw fileError('VALIDATION', '文件为空');
  const fileName = cleanName(up.fileName);
  const byContent = sniffFile(up.data);
  if (!byContent || typeByName(fileName) !== byContent)
    throw fileError('VALIDATION', '文件不是有效的 Excel 或 CSV 文件（请使用 .xlsx 或 .csv，可下载模板）');
  const job = await repo.insertJob(ctx.tx, {
    id: newId(),
    entity: 'device',
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
    after: { entity: 'device', fileName, bytes: up.data.length },
  });
  await emit(ctx, DEVICE_IMPORT_QUEUED, { jobId: job.id }, { topic: DEVICES_TOPIC, permission: 'monitoring.read' });
  return presentDeviceImport(job);
}

async function loadJob(ctx: Ctx, id: string, perm: 'monitoring.read' | 'monitoring.manage') {
  return authorizeRow(ctx, perm, 'import_job', id, await repo.findJob(ctx.tx, id), 'monitoring.read');
}

export async function getDeviceImport(ctx: Ctx, id: string): Promise<DeviceImportJobDto> {
  return presentDeviceImport(await loadJob(ctx, id, 'monitoring.read'));
}

export async function listDeviceImports(ctx: Ctx): Promise<DeviceImportJobDto[]> {
  return (await repo.listJobs(ctx.tx, monitoringScope(ctx.actor), 20)).map(presentDeviceImport);
}

/** The error report (行号, 列, 原因) of a failed job. */
export async function deviceImportErrors(ctx: Ctx, id: string): Promise<{ fileName: string; data: Buffer }> {
  const job = await loadJob(ctx, id, 'monitoring.manage');
  if (job.status !== 'failed') invalid('id', job.status === 'succeeded' ? '该导入已成功，没有错误报告' : '导入尚未完成');
  return { fileName: `${job.filename.replace(/\.[a-z0-9]+$/i, '')}-错误报告.xlsx`, data: await errorReportXlsx(job.errors, job.failure) };
}

/**
 * The secrets of the devices a job created, handed out once and only to the uploader; the
 * download is audited and the sealed copy erased in the same statement.
 */
export async function takeDeviceCredentials(ctx: Ctx, id: string): Promise<DeviceCredentialsDto> {
  const job = await loadJob(ctx, id, 'monitoring.manage');
  if (job.created_by !== ctx.actor.userId) throw new AppError('FORBIDDEN', '只有导入人可以下载设备密钥');
  const sealed = await repo.takeCredentials(ctx.tx, id);
  if (!sealed) conflict('设备密钥已下载过或导入未成功；如需密钥请逐台更换');
  const items = JSON.parse(
    openSecret(ctx.platform.config, Buffer.from(sealed).toString('utf8'), credentialsContext(id)),
  ) as DeviceCredentialsDto['items'];
  await recordAudit(ctx, { action: 'device.credentials_downloaded', entity: 'import_job', entityId: id, after: { devices: items.length } });
  return { items };
}

/** The import template. */
export async function deviceImportTemplate(ctx: Ctx, format: 'xlsx' | 'csv'): Promise<{ fileName: string; data: Buffer }> {
  if (format === 'csv') return { fileName: '设备导入模板.csv', data: templateCsv() };
  return { fileName: '设备导入模板.xlsx', data: await templateXlsx(await listDeviceTypes(ctx)) };
}

import { DEVICE_EVENTS } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { loadActor } from '../../platform/auth/authenticate.js';
import { sealSecret } from '../../platform/auth/secret-box.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import type { ImportRowError } from '../../platform/db/schema.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import type { Job, ModuleEventHandler } from '../../platform/module.js';
import { notify } from '../notifications/index.js';
import { DEVICES_TOPIC } from './device.events.js';
import { ImportFileError, readSheet, sniffFile } from './device-import.file.js';
import * as repo from './device-import.repository.js';
import { DEVICE_COLUMNS, mapHeader, parseDeviceRow, type ParsedDevice } from './device-import.rows.js';
import { credentialsContext, DEVICE_IMPORT_FINISHED, DEVICE_IMPORT_QUEUED } from './device-import.service.js';
import { hashDeviceSecret, newDeviceSecret } from './device-secret.js';
import { listDeviceTypes } from './device-types.repository.js';
import * as devices from './devices.repository.js';
import { insertDeviceRows, insertPointRows } from './device-demo.repository.js';
import { locationOrThrow } from './device-rules.js';
import { pointsFromDefaults, type NewPoint } from './points.repository.js';

/**
 * Runs one claimed device import: read the sheet, validate every row's fields, check the
 * references (device type, owning org where the uploader manages monitoring, enterprise, codes
 * unused in the file and the database), and only when no row has an error create every device
 * with its points in one transaction. Each device gets a random secret; the secrets are kept,
 * sealed, for one download by the uploader. A failed job writes nothing but its error list.
 */

type Claimed = repo.DeviceImportJobRow & { file: Uint8Array | null };

class JobFailure extends Error {
  constructor(
    message: string,
    readonly errors: ImportRowError[] = [],
    readonly total = 0,
  ) {
    super(message);
  }
}

const col = (key: string) => DEVICE_COLUMNS.find((c) => c.key === key)!.header;

async function validate(
  platform: Platform,
  job: Claimed,
  actor: Actor,
): Promise<{ rows: ParsedDevice[]; orgs: Map<string, { id: string; path: string }>; enterprises: Map<string, string> }> {
  const buf = Buffer.from(job.file ?? new Uint8Array());
  const type = sniffFile(buf);
  if (!type) throw new JobFailure('文件不是有效的 Excel 或 CSV 文件');
  let sheet;
  try {
    sheet = await readSheet(buf, type);
  } catch (e) {
    if (e instanceof ImportFileError) throw new JobFailure(e.message);
    throw e;
  }
  const mapped = mapHeader(sheet.header);
  if ('failure' in mapped) throw new JobFailure(mapped.failure);
  const errors: ImportRowError[] = [];
  const rows: ParsedDevice[] = [];
  for (const r of sheet.rows) {
    const p = parseDeviceRow(r, mapped.map);
    if ('errors' in p) errors.push(...p.errors);
    else rows.push(p.value);
  }
  const db = platform.db;
  const types = new Set((await listDeviceTypes(db)).map((t) => t.code));
  const orgs = new Map(
    (await repo.orgsByCode(db, [...new Set(rows.flatMap((r) => (r.orgCode ? [r.orgCode] : [])))])).map((o) => [
      o.code,
      { id: o.id, path: o.path },
    ]),
  );
  const enterprises = new Map(
    (await repo.enterprisesByCode(db, [...new Set(rows.flatMap((r) => (r.enterpriseCode ? [r.enterpriseCode] : [])))])).map((e) => [
      e.external_code,
      e.id,
    ]),
  );
  const existing = await devices.deviceIdsByCode(
    db,
    rows.map((r) => r.input.code),
  );
  const seen = new Map<string, number>();
  for (const r of rows) {
    const err = (key: string, reason: string) => errors.push({ row: r.row, column: col(key), reason });
    if (!types.has(r.input.typeCode)) err('typeCode', `设备类型 ${r.input.typeCode} 不存在`);
    if (existing.has(r.input.code)) err('code', `设备编码 ${r.input.code} 已存在`);
    const first = seen.get(r.input.code);
    if (first !== undefined) err('code', `设备编码与第 ${first} 行重复`);
    else seen.set(r.input.code, r.row);
    const org = r.orgCode ? orgs.get(r.orgCode) : { id: actor.orgId!, path: actor.orgPath! };
    if (!org) err('orgCode', `单位编码 ${r.orgCode} 不存在`);
    else if (!hasPermissionIn(actor, 'monitoring.manage', org.path)) err('orgCode', '无权在该单位登记设备');
    if (r.enterpriseCode && !enterprises.has(r.enterpriseCode)) err('enterpriseCode', `企业 ${r.enterpriseCode} 不存在或已归档`);
  }
  if (errors.length > 0) throw new JobFailure(`${errors.length} 处错误`, errors, sheet.rows.length);
  return { rows, orgs, enterprises };
}

async function runJob(platform: Platform, job: Claimed): Promise<void> {
  const u = await repo.findUploader(platform.db, job.created_by);
  const actor = u ? await loadActor(platform.db, u, {}) : null;
  let outcome!: repo.JobOutcome;
  let created: { id: string; code: string; name: string; secret: string }[] = [];
  const now = platform.clock.now();
  let plan: Awaited<ReturnType<typeof validate>> | null = null;
  try {
    if (!actor) throw new JobFailure('导入人账号已停用');
    plan = await validate(platform, job, actor);
  } catch (e) {
    if (!(e instanceof JobFailure)) throw e;
    outcome = {
      status: 'failed',
      totalRows: e.total,
      inserted: 0,
      errors: e.errors.sort((a, b) => a.row - b.row),
      failure: e.errors.length ? null : e.message,
      finishedAt: now,
      file: null,
    };
  }
  await inTransaction(platform, actor ?? SYSTEM_ACTOR, NO_META, async (ctx) => {
    if (plan) {
      const types = new Map((await listDeviceTypes(ctx.tx)).map((t) => [t.code, t]));
      const deviceRows: Parameters<typeof insertDeviceRows>[1][number][] = [];
      const points: NewPoint[] = [];
      created = plan.rows.map((r) => ({ id: newId(), code: r.input.code, name: r.input.name, secret: newDeviceSecret() }));
      plan.rows.forEach((r, i) => {
        const org = r.orgCode ? plan!.orgs.get(r.orgCode)! : { id: actor!.orgId!, path: actor!.orgPath! };
        const c = created[i]!;
        deviceRows.push({
          id: c.id,
          code: c.code,
          type_code: r.input.typeCode,
          name: r.input.name,
          vendor: r.input.vendor ?? null,
          model: r.input.model ?? null,
          org_id: org.id,
          org_path: org.path,
          enterprise_id: r.enterpriseCode ? plan!.enterprises.get(r.enterpriseCode)! : null,
          site: r.input.site ?? null,
          address: r.input.address ?? null,
          location: locationOrThrow(r.input.location),
          install_date: r.input.installDate ?? null,
          status: r.input.status ?? 'active',
          secret_hash: hashDeviceSecret(c.secret),
        });
        points.push(...pointsFromDefaults(c.id, types.get(r.input.typeCode)!.points, ctx.now));
      });
      await insertDeviceRows(ctx.tx, deviceRows, ctx.now, 'import');
      await insertPointRows(ctx.tx, points);
      for (const d of deviceRows)
        await emit(
          ctx,
          DEVICE_EVENTS.created,
          { deviceId: d.id, code: d.code, orgId: d.org_id, status: d.status, version: 1 },
          { topic: DEVICES_TOPIC, orgPath: d.org_path, permission: 'monitoring.read' },
        );
      const secrets = created.map((c) => ({ code: c.code, name: c.name, secret: c.secret }));
      const sealed = sealSecret(ctx.platform.config, JSON.stringify(secrets), credentialsContext(job.id));
      outcome = {
        status: 'succeeded',
        totalRows: created.length,
        inserted: created.length,
        errors: [],
        failure: null,
        finishedAt: ctx.now,
        file: Buffer.from(sealed, 'utf8'),
      };
    }
    const row = await repo.finishJob(ctx.tx, job.id, outcome);
    const ok = outcome.status === 'succeeded';
    await recordAudit(ctx, {
      action: ok ? 'import.completed' : 'import.failed',
      entity: 'import_job',
      entityId: job.id,
      result: ok ? 'ok' : 'failed',
      after: {
        entity: 'device',
        fileName: job.filename,
        totalRows: outcome.totalRows,
        inserted: outcome.inserted,
        errorCount: outcome.errors.length,
        failure: outcome.failure,
        devices: created.map((c) => c.code),
      },
    });
    await emit(
      ctx,
      DEVICE_IMPORT_FINISHED,
      { jobId: job.id, status: outcome.status, inserted: outcome.inserted, errorCount: outcome.errors.length },
      { topic: DEVICES_TOPIC, orgPath: row.org_path, permission: 'monitoring.read' },
    );
    await notify(ctx, {
      userIds: [job.created_by],
      title: ok ? `设备导入完成：${job.filename}` : `设备导入失败：${job.filename}`,
      body: ok
        ? `新增设备 ${outcome.inserted} 台，请及时下载设备密钥（仅可下载一次）`
        : (outcome.failure ?? `${outcome.errors.length} 处错误，未写入任何数据，请下载错误报告修改后重新导入`),
      link: '/monitoring/devices',
      severity: ok ? 'info' : 'warning',
    });
  });
}

const draining = new WeakMap<Platform, Promise<number>>();
const started = new WeakSet<Platform>();

/** Processes queued device imports until none is left; concurrent calls share the run. */
export function drainDeviceImports(platform: Platform): Promise<number> {
  const current = draining.get(platform);
  if (current) return current.then(() => drainDeviceImports(platform));
  const run = (async () => {
    let n = 0;
    try {
      const now = platform.clock.now();
      // At start-up, a job still marked running was left by a process that is gone.
      await repo.requeueAbandoned(platform.db, started.has(platform) ? new Date(now.getTime() - 3_600_000) : now);
      started.add(platform);
      for (let job = await repo.claimNextJob(platform.db, now); job; job = await repo.claimNextJob(platform.db, platform.clock.now())) {
        await runJob(platform, job);
        n++;
      }
    } finally {
      draining.delete(platform);
    }
    return n;
  })();
  draining.set(platform, run);
  return run;
}

export const deviceImportJobs: Job[] = [
  { name: 'monitoring.device-imports', everyMs: 5_000, run: async (p) => void (await drainDeviceImports(p)) },
];

export const deviceImportHandlers: Record<string, ModuleEventHandler> = {
  [DEVICE_IMPORT_QUEUED]: (_e, platform) => {
    drainDeviceImports(platform).catch((err: unknown) => platform.log.error({ err }, 'device import worker failed'));
  },
};

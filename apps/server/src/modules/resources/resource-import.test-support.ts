import ExcelJS from 'exceljs';
import type { ImportJobDto } from '@vigil/shared';
import type { LightMyRequestResponse } from 'fastify';
import type { Client, TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { drainImportJobs } from './resource-import.jobs.js';

/** A multipart/form-data body with one `file` part. */
export function multipart(fileName: string, data: Buffer, field = 'file') {
  const boundary = `----vigil${newId().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file for import as a signed-in client. */
export async function uploadImport(
  t: TestApp,
  who: Client,
  entity: string,
  fileName: string,
  data: Buffer,
): Promise<LightMyRequestResponse> {
  const body = multipart(fileName, data);
  return t.request({
    method: 'POST',
    url: `/api/v1/imports/${entity}`,
    headers: { ...(who.cookie ? { cookie: who.cookie } : {}), ...(who.csrf ? { 'x-csrf-token': who.csrf } : {}), ...body.headers },
    payload: body.payload,
  });
}

/** An .xlsx with a header row and data rows (all cells as text, as a user would type them). */
export async function sheetXlsx(header: string[], rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads, runs the worker until the queue is empty, and returns the finished job. */
export async function importAndWait(t: TestApp, who: Client, entity: string, fileName: string, data: Buffer): Promise<ImportJobDto> {
  const r = await uploadImport(t, who, entity, fileName, data);
  if (r.statusCode !== 202) throw new Error(`upload refused: ${r.statusCode} ${r.body}`);
  const id = r.json<ImportJobDto>().id;
  for (let i = 0; i < 600; i++) {
    await drainImportJobs(t.platform);
    const job = (await who.get(`/api/v1/imports/${id}`)).json<ImportJobDto>();
    if (job.status === 'succeeded' || job.status === 'failed') {
      await t.dispatcher.flush();
      return job;
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

/** A finished (failed) import job owned by an org, for scope tests. */
export async function fixtureImportJob(t: TestApp, orgCode: string): Promise<string> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const user = await db.selectFrom('app_user').select('id').where('org_id', '=', org.id).executeTakeFirst();
  const anyUser = user ?? (await db.selectFrom('app_user').select('id').executeTakeFirstOrThrow());
  const id = newId();
  await db
    .insertInto('import_job')
    .values({
      id,
      module: 'resources',
      entity: 'team',
      org_id: org.id,
      org_path: org.path,
      filename: 'teams.xlsx',
      file: null,
      status: 'failed',
      errors: JSON.stringify([{ row: 2, column: '名称', reason: '必填' }]),
      error_count: 1,
      created_by: anyUser.id,
      created_at: new Date(),
      finished_at: new Date(),
    })
    .execute();
  return id;
}

/** Adds a user of an org holding a built-in role there (password as the demo users'). */
export async function addUserWithRole(t: TestApp, username: string, orgCode: string, roleId: string): Promise<void> {
  const db = t.platform.db;
  const o = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const { password_hash } = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'duty')
    .executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto('app_user')
    .values({
      id,
      username,
      display_name: username,
      org_id: o.id,
      org_path: o.path,
      phone: null,
      email: null,
      password_hash,
      password_changed_at: new Date(),
      must_change_password: false,
      locked_until: null,
      totp_secret: null,
      totp_last_step: null,
      last_login_at: null,
    })
    .execute();
  await db
    .insertInto('user_role')
    .values({ user_id: id, role_id: roleId, scope_org_id: o.id, scope_path: o.path, granted_by: null })
    .execute();
}

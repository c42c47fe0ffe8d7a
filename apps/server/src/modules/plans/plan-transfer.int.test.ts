import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';
import { draftPlan, planBody, type Json } from './plans.test-support.js';

let t: TestApp;
let author: Client;
let viewer: Client;
let jinjiang: Client;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart/form-data body with one file part. */
function multipart(data: Buffer, fileName: string, type: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----vigil-plan-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(c: Client, data: Buffer, fileName = 'plan.xlsx', type = XLSX) {
  const { payload, headers } = multipart(data, fileName, type);
  return t.request({
    method: 'POST',
    url: '/api/v1/plans/import',
    payload,
    headers: { ...headers, cookie: c.cookie!, 'x-csrf-token': c.csrf! },
  });
}

const planCount = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('plan' as never)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

let source: Json;

beforeAll(async () => {
  t = await startTestApp();
  author = await userWithPermissions(t, 'x-author', ['plan.read', 'plan.manage']);
  viewer = await t.login('viewer');
  jinjiang = await t.login('duty-jinjiang');
  source = await draftPlan(author, planBody({ name: '导出测试预案' }));
});
afterAll(async () => t?.close());

describe('JSON', () => {
  it('exports a self-describing document and imports it back as a new draft with the same content', async () => {
    const r = await viewer.get(`/api/v1/plans/${source.id}/export.json`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toContain('attachment');
    const doc = r.json();
    expect(doc).toMatchObject({ format: 'vigil.plan', formatVersion: 1, source: { planId: source.id, versionNo: 1 } });
    expect(await auditRows(t, 'plan.exported', source.id)).toHaveLength(1);

    const imported = await author.post('/api/v1/plans/import', doc);
    expect(imported.statusCode, imported.body).toBe(201);
    const p = imported.json();
    expect(p.id).not.toBe(source.id);
    expect(p).toMatchObject({
      status: 'draft',
      versionNo: 1,
      name: '导出测试预案',
      eventCodes: source.eventCodes,
      summary: source.summary,
    });
    expect(p.levels).toEqual(source.levels);
    expect(await auditRows(t, 'plan.imported', p.id)).toHaveLength(1);
  });

  it('accepts the JSON document as an uploaded file too', async () => {
    const doc = (await viewer.get(`/api/v1/plans/${source.id}/export.json`)).json();
    const r = await upload(author, Buffer.from(JSON.stringify(doc)), 'plan.json', 'application/json');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().levels).toEqual(source.levels);
  });

  it('refuses an invalid document with the field path, writing nothing', async () => {
    const doc = (await viewer.get(`/api/v1/plans/${source.id}/export.json`)).json();
    doc.plan.levels[0].start.conditions[0] = { kind: 'dead', min: -1 };
    const before = await planCount();
    const r = await author.post('/api/v1/plans/import', doc);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors.map((e: Json) => e.field)).toContain('plan.levels.0.start.conditions.0.min');
    const wrong = await author.post('/api/v1/plans/import', { ...doc, format: 'other' });
    expect(wrong.json().errors.map((e: Json) => e.field)).toContain('format');
    expect(await planCount()).toBe(before);
  });

  it('keeps exports in scope: another org’s plan is a 404', async () => {
    expect((await jinjiang.get(`/api/v1/plans/${source.id}/export.json`)).statusCode).toBe(404);
    expect((await jinjiang.get(`/api/v1/plans/${source.id}/export.xlsx`)).statusCode).toBe(404);
  });
});

describe('Excel', () => {
  const exportXlsx = async () => {
    const r = await viewer.get(`/api/v1/plans/${source.id}/export.xlsx`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    return r.rawPayload;
  };

  it('writes the sheets 基本信息, 响应分级 and 任务清单', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基本信息', '响应分级', '任务清单']);
    expect(wb.getWorksheet('基本信息')!.getRow(2).values).toEqual([undefined, '预案名称', '导出测试预案']);
    const levels = wb.getWorksheet('响应分级')!;
    expect(levels.getRow(2).values).toEqual([undefined, 'III', '任一满足', '预警级别', '黄色']);
    expect(levels.rowCount).toBe(5);
    const tasks = wb.getWorksheet('任务清单')!;
    expect(tasks.getRow(2).getCell(2).value).toBe('转移群众');
    expect(tasks.getRow(2).getCell(7).value).toBe('避难场所//20/避灾点');
  });

  it('round-trips: the imported draft holds the same content', async () => {
    const r = await upload(author, await exportXlsx());
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ status: 'draft', name: '导出测试预案', level: 'city', type: 'special', eventCodes: ['11B01'] });
    expect(p.levels).toEqual(source.levels);
  });

  it('reports bad rows with sheet, row, column and a Chinese message, writing nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx()) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('基本信息')!.getRow(3).getCell(2).value = '省级';
    wb.getWorksheet('响应分级')!.getRow(3).getCell(4).value = '很多';
    wb.getWorksheet('任务清单')!.addRow(['V', '额外任务', '', '', '处置', 30, '']);
    wb.getWorksheet('任务清单')!.addRow(['IV', '坏时限', '', '', '处置', -5, '']);
    const before = await planCount();
    const r = await upload(author, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.statusCode, r.body).toBe(400);
    const body = r.json();
    expect(body.rowErrors.map((e: Json) => [e.sheet, e.row, e.column])).toEqual([
      ['基本信息', 3, '预案层级'],
      ['响应分级', 3, '阈值'],
      ['任务清单', 4, '响应级别'],
      ['任务清单', 5, '时限（分钟）'],
    ]);
    expect(body.errors.map((e: Json) => e.field)).toContain('响应分级!3.阈值');
    expect(body.errors.find((e: Json) => e.field === '响应分级!3.阈值').message).toContain('第 3 行');
    expect(await planCount()).toBe(before);
  });

  it('refuses a file that is neither a workbook nor JSON', async () => {
    const r = await upload(author, Buffer.from('not a plan'), 'plan.txt', 'text/plain');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('file');
  });
});

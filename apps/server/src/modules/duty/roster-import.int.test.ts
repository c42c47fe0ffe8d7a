import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditOf, bj, bjDate, directory, utc } from './duty.test-support.js';
import { ROSTER_COLUMNS } from './roster-rows.js';

const clock = new ManualClock(bj(0, '09:00'));
let t: TestApp;
let commander: Client;
let duty: Client;
let ids: Awaited<ReturnType<typeof directory>>;

type Row = Partial<Record<(typeof ROSTER_COLUMNS)[number], unknown>>;

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排班表');
  ws.addRow([...ROSTER_COLUMNS]);
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file part. */
function multipart(data: Buffer, fileName = 'roster.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----vigil-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(c: Client, orgId: string, data: Buffer, fileName?: string) {
  const { payload, headers } = multipart(data, fileName);
  return t.request({
    method: 'POST',
    url: `/api/v1/duty/shifts/import?orgId=${orgId}`,
    payload,
    headers: { ...headers, cookie: c.cookie!, 'x-csrf-token': c.csrf! },
  });
}

const shiftRows = () =>
  t.platform.db
    .selectFrom('duty_shift')
    .selectAll()
    .where('org_id', '=', ids.org.qz_fengze!)
    .where('source', '<>', 'demo')
    .orderBy('starts_at')
    .execute();

const good: Row[] = [
  {
    日期: bjDate(3),
    班次: '白班',
    带班领导: '陈志强',
    领导电话: '13905950001',
    值班员: '林海、吴敏',
    值班员电话: '13805950001、13805950002',
  },
  {
    日期: bjDate(3),
    班次: '夜班',
    带班领导: '陈志强',
    领导电话: '13905950001',
    值班员: '黄磊',
    值班员电话: '13805950003',
    备注: '夜间值守',
  },
  { 日期: bjDate(4), 班次: '24小时', 开始时间: '08:30', 结束时间: '08:30', 带班领导: '郑伟', 值班员: '林海', 值班员电话: '13805950001' },
];

beforeAll(async () => {
  t = await startTestApp({ clock });
  ids = await directory(t);
  commander = await t.login('commander');
  duty = await t.login('duty');
});
afterAll(async () => t?.close());

describe('roster import', () => {
  it('serves the template with the nine columns', async () => {
    const r = await duty.get('/api/v1/duty/shifts/template.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual([...ROSTER_COLUMNS]);
  });

  it('imports a valid file and changes nothing when the same file is imported again', async () => {
    const file = await workbook(good);
    const r = await upload(commander, ids.org.qz_fengze!, file);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    const rows = await shiftRows();
    expect(rows.map((s) => [s.kind, s.starts_at.toISOString(), s.ends_at.toISOString(), s.source])).toEqual([
      ['day', utc(3, '08:00'), utc(3, '18:00'), 'import'],
      ['night', utc(3, '18:00'), utc(4, '08:00'), 'import'],
      ['24h', utc(4, '08:30'), utc(5, '08:30'), 'import'],
    ]);
    const again = await upload(commander, ids.org.qz_fengze!, file);
    expect(again.json()).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    expect((await shiftRows()).map((s) => s.id)).toEqual(rows.map((s) => s.id));
    const shift = (await commander.get(`/api/v1/duty/shifts/${rows[0]!.id}`)).json();
    expect(shift.officers.map((o: { name: string; phone: string }) => `${o.name} ${o.phone}`)).toEqual([
      '林海 13805950001',
      '吴敏 13805950002',
    ]);
    expect((await auditOf(t, 'duty.roster_imported')).map((a) => (a.after as { created: number }).created)).toEqual([3, 0]);
  });

  it('updates a shift whose people changed in a re-import', async () => {
    const changed = good.map((r, i) => (i === 1 ? { ...r, 值班员: '黄磊、周杰', 值班员电话: '13805950003、13805950004' } : r));
    const r = await upload(commander, ids.org.qz_fengze!, await workbook(changed));
    expect(r.json()).toEqual({ rows: 3, created: 0, updated: 1, unchanged: 2 });
  });

  it('rejects the whole file when any row is wrong, listing row and column, with a downloadable report', async () => {
    const before = await shiftRows();
    const bad: Row[] = [
      { 日期: bjDate(7), 班次: '白班', 值班员: '林海' },
      { 日期: '2026-02-30', 班次: '白班', 值班员: '林海' },
      { 日期: bjDate(8), 班次: '早班', 值班员: '林海' },
      { 日期: bjDate(8), 班次: '白班', 值班员: '林海、吴敏', 值班员电话: '13805950001' },
      { 日期: bjDate(3), 班次: '白班', 开始时间: '12:00', 结束时间: '20:00', 带班领导: '陈志强', 领导电话: '13905950001', 值班员: '许强' },
    ];
    const r = await upload(commander, ids.org.qz_fengze!, await workbook(bad), '三月排班.xlsx');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const body = r.json();
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '日期'],
      [4, '班次'],
      [5, '值班员电话'],
      [6, '带班领导'],
    ]);
    expect(body.errors[3].message).toContain('陈志强 已在');
    expect((await shiftRows()).map((s) => s.id)).toEqual(before.map((s) => s.id));
    const report = await commander.get(body.errorReportUrl);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, 3, '日期', expect.stringContaining('2026-02-30')]);
    expect(ws.getRow(6).getCell(3).value).toBe('三月排班.xlsx');
    expect((await auditOf(t, 'duty.roster_import_rejected')).at(-1)).toMatchObject({ result: 'failed', entity_id: body.errorReportId });
    expect((await duty.get(body.errorReportUrl)).statusCode).toBe(403);
  });

  it('flags people overlapping between rows of the same file', async () => {
    const rows: Row[] = [
      { 日期: bjDate(9), 班次: '白班', 值班员: '林海', 值班员电话: '13805950001' },
      { 日期: bjDate(9), 班次: '24小时', 开始时间: '12:00', 结束时间: '12:00', 值班员: '林海', 值班员电话: '13805950001' },
    ];
    const r = await upload(commander, ids.org.qz_fengze!, await workbook(rows));
    expect(r.json().errors).toEqual([{ row: 3, column: '值班员', field: 'row3.值班员', message: '林海 与第 2 行的班次时间重叠' }]);
  });

  it('checks the file by its bytes, its size and the request form', async () => {
    const csv = await upload(commander, ids.org.qz_fengze!, Buffer.from('日期,班次\n2026-06-01,白班\n'), 'roster.xlsx');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().errors[0].field).toBe('file');
    const huge = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(6 * 1024 * 1024)]);
    const big = await upload(commander, ids.org.qz_fengze!, huge);
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    const json = await commander.post(`/api/v1/duty/shifts/import?orgId=${ids.org.qz_fengze}`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].field).toBe('file');
    expect((await upload(duty, ids.org.qz_fengze!, await workbook(good))).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/duty/shifts/import' })).statusCode).toBe(401);
  });
});

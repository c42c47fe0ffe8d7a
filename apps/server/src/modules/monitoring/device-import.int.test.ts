import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { drainDeviceImports } from './device-import.worker.js';
import { findDeviceForIngest, verifyDeviceSecret } from './index.js';

let t: TestApp;
let analyst: Client;
let duty: Client;

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.login('analyst');
  duty = await t.login('duty');
}, 600_000);
afterAll(async () => t?.close());

const HEADER = [
  '设备编码*',
  '设备名称*',
  '设备类型编码*',
  '厂商',
  '所属单位编码',
  '安装场所',
  '经度*',
  '纬度*',
  '坐标系',
  '安装日期',
  '状态',
];

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('设备');
  s.addRow(HEADER);
  for (const r of rows) s.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(file: Buffer, name: string): { body: Buffer; type: string } {
  const boundary = '----vigil-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(c: Client, file: Buffer, name = 'devices.xlsx') {
  const m = multipart(file, name);
  return t.request({
    method: 'POST',
    url: '/api/v1/monitoring/device-imports',
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': m.type },
    payload: m.body,
  });
}

describe('device import', () => {
  it('serves the template with the columns and the device types', async () => {
    const r = await analyst.get('/api/v1/monitoring/device-imports/template?format=xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect((wb.getWorksheet('设备')!.getRow(1).values as string[]).slice(1, 4)).toEqual(['设备编码*', '设备名称*', '设备类型编码*']);
    const types = wb.getWorksheet('设备类型')!.getColumn(1).values.slice(2);
    expect(types).toContain('rain_gauge');
    const csv = await analyst.get('/api/v1/monitoring/device-imports/template?format=csv');
    expect(csv.body.split('\r\n')[0]).toContain('设备编码*');
  });

  it('creates every device of a valid file with points and secrets handed out once', async () => {
    const file = await workbook([
      ['IMP-RG-001', '导入雨量站一号', 'rain_gauge', '某厂', 'qz_jinjiang', '安海镇', 118.681491, 24.912767, 'WGS84', '2024-03-01', '运行'],
      ['IMP-LEL-001', '导入可燃气体探测器', 'combustible_gas_detector', '', '', '泉港', 118.9, 25.12, '', '', ''],
    ]);
    const r = await upload(analyst, file);
    expect(r.statusCode, r.body).toBe(202);
    const jobId = r.json().id as string;
    expect(r.json()).toMatchObject({ status: 'queued', credentialsReady: false });
    await drainDeviceImports(t.platform);
    const job = (await analyst.get(`/api/v1/monitoring/device-imports/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', totalRows: 2, inserted: 2, errorCount: 0, credentialsReady: true });

    const rg = await findDeviceForIngest(t.platform.db, 'IMP-RG-001');
    expect(rg).toMatchObject({ typeCode: 'rain_gauge', divisionCode: '350582' });
    expect(rg!.points.map((p) => p.metric)).toEqual(['rain_1h', 'rain_24h']);
    const jj = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow();
    expect(rg!.orgId).toBe(jj.id);

    expect((await duty.post(`/api/v1/monitoring/device-imports/${jobId}/credentials`, {})).statusCode).toBe(403);
    const creds = await analyst.post(`/api/v1/monitoring/device-imports/${jobId}/credentials`, {});
    expect(creds.statusCode, creds.body).toBe(200);
    const items = creds.json().items as { code: string; secret: string }[];
    expect(items.map((i) => i.code)).toEqual(['IMP-RG-001', 'IMP-LEL-001']);
    expect(verifyDeviceSecret(items[0]!.secret, rg!.secretHash)).toBe(true);
    const again = await analyst.post(`/api/v1/monitoring/device-imports/${jobId}/credentials`, {});
    expect(again.statusCode).toBe(409);
    expect((await analyst.get(`/api/v1/monitoring/device-imports/${jobId}`)).json().credentialsReady).toBe(false);
    expect(await auditRows(t, 'device.credentials_downloaded', jobId)).toHaveLength(1);
    const done = await auditRows(t, 'import.completed', jobId);
    expect(done[0]!.after).toMatchObject({ inserted: 2, devices: ['IMP-RG-001', 'IMP-LEL-001'] });
    expect(JSON.stringify(done[0])).not.toContain(items[0]!.secret);
  });

  it('writes nothing when a row is wrong, and reports row, column and reason', async () => {
    const before = (await duty.get('/api/v1/monitoring/devices?limit=1')).json().total as number;
    const file = await workbook([
      ['IMP-OK-001', '正确的一行', 'rain_gauge', '', '', '', 118.6, 24.9, '', '', ''],
      ['IMP-RG-001', '已存在的编码', 'rain_gauge', '', '', '', 118.6, 24.9, '', '', ''],
      ['IMP-BAD-001', '类型错误', 'no_such_type', '', '', '', 118.6, 24.9, '', '', ''],
      ['IMP-BAD-002', '坐标填反', 'rain_gauge', '', '', '', 24.9, 118.6, '', '', ''],
      ['IMP-BAD-003', '状态错误', 'rain_gauge', '', 'no_such_org', '', 118.6, 24.9, 'BD09', '2024-02-30', '坏了'],
      ['IMP-OK-001', '重复编码', 'rain_gauge', '', '', '', 118.6, 24.9, '', '', ''],
    ]);
    const r = await upload(analyst, file);
    expect(r.statusCode, r.body).toBe(202);
    await drainDeviceImports(t.platform);
    const job = (await analyst.get(`/api/v1/monitoring/device-imports/${r.json().id}`)).json();
    expect(job).toMatchObject({ status: 'failed', inserted: 0, credentialsReady: false });
    const errors = job.errors as { row: number; column: string; reason: string }[];
    expect(errors).toContainEqual({ row: 3, column: '设备编码', reason: '设备编码 IMP-RG-001 已存在' });
    expect(errors).toContainEqual({ row: 4, column: '设备类型编码', reason: '设备类型 no_such_type 不存在' });
    expect(errors).toContainEqual({ row: 5, column: '纬度', reason: '坐标不在中国境内，经纬度可能填反了' });
    expect(errors).toContainEqual({ row: 6, column: '坐标系', reason: '坐标系应为 WGS84 或 GCJ02' });
    expect(errors).toContainEqual({ row: 6, column: '状态', reason: '状态应为 运行、维护、停用 或 报废' });
    expect(errors).toContainEqual({ row: 7, column: '设备编码', reason: '设备编码与第 2 行重复' });
    expect((await duty.get('/api/v1/monitoring/devices?limit=1')).json().total).toBe(before);
    expect(await findDeviceForIngest(t.platform.db, 'IMP-OK-001')).toBeUndefined();
    const report = await analyst.get(`/api/v1/monitoring/device-imports/${r.json().id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('错误报告')!.rowCount).toBeGreaterThan(6);
  });

  it('fails the whole file on a missing column or an unreadable file', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('设备').addRow(['设备编码', '设备名称']);
    wb.getWorksheet('设备')!.addRow(['A', 'B']);
    const r = await upload(analyst, Buffer.from(await wb.xlsx.writeBuffer()));
    await drainDeviceImports(t.platform);
    expect((await analyst.get(`/api/v1/monitoring/device-imports/${r.json().id}`)).json()).toMatchObject({
      status: 'failed',
      failure: '缺少必填列：设备类型编码、经度、纬度（请使用下载的模板）',
    });
    const notExcel = await upload(analyst, Buffer.from('PK\u0003\u0004garbage'), 'devices.xlsx');
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().errors[0].field).toBe('file');
    expect((await upload(duty, Buffer.from('a,b\r\n'), 'x.csv')).statusCode).toBe(403);
  });
});

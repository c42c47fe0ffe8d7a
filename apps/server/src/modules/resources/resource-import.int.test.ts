import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { ImportJobDto, ResourceDto } from '@vigil/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows, countRows, events } from '../users/test-support.js';
import { newId } from '../../platform/ids.js';
import { drainImportJobs } from './resource-import.jobs.js';
import { addUserWithRole, importAndWait, sheetXlsx, uploadImport } from './resource-import.test-support.js';

const TEAM_HEADER = ['外部编码', '名称', '类型代码', '状态', '经度', '纬度', '队伍级别', '人数', '救援能力（事件代码）', '装备清单'];
const FENGZE = { lng: '118.7327', lat: '25.0229' };
const JINJIANG = { lng: '118.5775', lat: '24.7863' };

const team = (code: string, over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = {
    外部编码: code,
    名称: `测试救援队${code}`,
    类型代码: '42E16',
    状态: '待命',
    经度: FENGZE.lng,
    纬度: FENGZE.lat,
    队伍级别: '市级',
    人数: '25',
    '救援能力（事件代码）': '11B01',
    装备清单: '冲锋舟*2、发电机*1',
    ...over,
  };
  return TEAM_HEADER.map((h) => v[h] ?? '');
};

let t: TestApp;
let steward: Client;
let viewer: Client;

const resourcesByCode = (codes: string[]) =>
  t.platform.db.selectFrom('resource').selectAll().where('kind', '=', 'team').where('external_code', 'in', codes).execute();
const historyCount = () => countRows(t, 'resource_history');

beforeAll(async () => {
  t = await startTestApp();
  steward = await t.login('steward');
  viewer = await t.login('viewer');
  await addUserWithRole(t, 'imp-jj', 'qz_jinjiang', 'data_steward');
});
afterAll(async () => t?.close());

describe('restart', () => {
  it('runs a job a previous process left running (nothing accepted is lost)', async () => {
    const user = await t.platform.db
      .selectFrom('app_user')
      .select(['id', 'org_id', 'org_path'])
      .where('username', '=', 'steward')
      .executeTakeFirstOrThrow();
    const id = newId();
    const started = new Date(Date.now() - 60_000);
    await t.platform.db
      .insertInto('import_job')
      .values({
        id,
        module: 'resources',
        entity: 'team',
        org_id: user.org_id,
        org_path: user.org_path,
        filename: 'left-running.xlsx',
        file: await sheetXlsx(TEAM_HEADER, [team('IMP-R1')]),
        status: 'running',
        processed_rows: 1,
        created_by: user.id,
        created_at: started,
        started_at: started,
      })
      .execute();
    // The first worker run of this process puts it back in the queue and runs it.
    await drainImportJobs(t.platform);
    const job = (await steward.get(`/api/v1/imports/${id}`)).json<ImportJobDto>();
    expect(job).toMatchObject({ status: 'succeeded', inserted: 1, processedRows: 1 });
    expect(await resourcesByCode(['IMP-R1'])).toHaveLength(1);
    const stored = await t.platform.db.selectFrom('import_job').select('file').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.file).toBeNull();
  });
});

describe('templates', () => {
  it('offers an .xlsx template with the Chinese header, an example row and a 说明 sheet', async () => {
    const r = await steward.get('/api/v1/imports/templates/team?format=xlsx');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('救援队伍导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['外部编码', '名称', '状态', '经度', '纬度', '队伍级别', '人数', '所属单位编码']));
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('TEAM-0001');
    const help = wb.getWorksheet('说明')!;
    const lines: string[] = [];
    help.eachRow((row) => lines.push([1, 2, 3].map((c) => row.getCell(c).text).join('|')));
    expect(lines).toContain('外部编码|是|唯一，重复导入按此更新');
    expect(lines.some((l) => l.startsWith('状态|是|待命/执行任务/休整'))).toBe(true);
  });

  it('offers a CSV template with a BOM, and refuses users who may not manage resources', async () => {
    const r = await steward.get('/api/v1/imports/templates/stock?format=csv');
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.body.split('\r\n')[0]).toBe(
      '\uFEFF储备库外部编码,物资外部编码,物资类别代码,物资名称,规格型号,单位,数量,最低库存,批次,生产日期,有效期至',
    );
    expect((await viewer.get('/api/v1/imports/templates/team')).statusCode).toBe(403);
  });
});

describe('importing teams', () => {
  const codes = ['IMP-T1', 'IMP-T2', 'IMP-T3'];

  it('fails a file with one bad row, reports row/column/reason and writes nothing', async () => {
    const history = await historyCount();
    const file = await sheetXlsx(TEAM_HEADER, [team(codes[0]!), team(codes[1]!, { 经度: FENGZE.lat, 纬度: FENGZE.lng }), team(codes[2]!)]);
    const job = await importAndWait(t, steward, 'team', '队伍.xlsx', file);
    expect(job).toMatchObject({ status: 'failed', totalRows: 3, errorCount: 1, inserted: 0 });
    expect(await resourcesByCode(codes)).toHaveLength(0);
    expect(await historyCount()).toBe(history);

    const report = await steward.get(`/api/v1/imports/${job.id}/errors.xlsx`);
    expect(report.statusCode, report.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', '列', '原因']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([3, '纬度', '坐标不在中国境内，经纬度可能填反了']);
    const note = await t.platform.db
      .selectFrom('notification')
      .select(['title', 'body'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(note.title).toBe('救援队伍导入失败：队伍.xlsx');
  });

  it('imports the fixed file in one go: rows in the county, history and one audit row with the counts', async () => {
    const history = await historyCount();
    const file = await sheetXlsx(TEAM_HEADER, [team(codes[0]!), team(codes[1]!), team(codes[2]!, { 状态: '休整' })]);
    const job = await importAndWait(t, steward, 'team', '队伍.xlsx', file);
    expect(job).toMatchObject({
      status: 'succeeded',
      totalRows: 3,
      processedRows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      errorCount: 0,
    });
    const rows = await resourcesByCode(codes);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.division_code === '350503' && r.source === 'import')).toBe(true);
    expect(rows.find((r) => r.external_code === 'IMP-T3')!.status).toBe('resting');
    expect(rows[0]!.attrs).toMatchObject({
      level: 'city',
      headcount: 25,
      equipment: [
        { name: '冲锋舟', quantity: 2 },
        { name: '发电机', quantity: 1 },
      ],
    });
    expect(await historyCount()).toBe(history + 3);
    const audit = await auditRows(t, 'import.completed', job.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, totalRows: 3 });
    const finished = (await events(t, 'import.finished')).filter((e) => (e.payload as { jobId: string }).jobId === job.id);
    expect(finished.map((e) => e.payload)).toEqual([
      { jobId: job.id, entity: 'team', status: 'succeeded', inserted: 3, updated: 0, unchanged: 0, errorCount: 0 },
    ]);
    const note = await t.platform.db
      .selectFrom('notification')
      .select(['title', 'body'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ title: '救援队伍导入完成：队伍.xlsx', body: '共 3 行：新增 3，更新 0，未变化 0' });
    const list = await steward.get('/api/v1/resources/team?q=IMP-T&limit=10');
    expect(
      list
        .json<{ items: ResourceDto[] }>()
        .items.map((i) => i.externalCode)
        .sort(),
    ).toEqual(codes);
  });

  it('re-importing the same file changes nothing: all unchanged, no new version or history', async () => {
    const history = await historyCount();
    const file = await sheetXlsx(TEAM_HEADER, [team(codes[0]!), team(codes[1]!), team(codes[2]!, { 状态: '休整' })]);
    const job = await importAndWait(t, steward, 'team', '队伍.xlsx', file);
    expect(job).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 3 });
    expect(await historyCount()).toBe(history);
    expect((await resourcesByCode(codes)).every((r) => r.version === 1)).toBe(true);
  });

  it('updates only the changed rows when a row differs', async () => {
    const file = await sheetXlsx(TEAM_HEADER, [team(codes[0]!, { 人数: '40' }), team(codes[1]!), team(codes[2]!, { 状态: '休整' })]);
    const job = await importAndWait(t, steward, 'team', '队伍.xlsx', file);
    expect(job).toMatchObject({ status: 'succeeded', inserted: 0, updated: 1, unchanged: 2 });
    const changed = (await resourcesByCode([codes[0]!]))[0]!;
    expect(changed).toMatchObject({ version: 2, attrs: expect.objectContaining({ headcount: 40 }) });
  });

  it('reports a duplicate external code on its second row', async () => {
    const file = await sheetXlsx(TEAM_HEADER, [team('IMP-D1'), team('IMP-D2'), team('IMP-D1')]);
    const job = await importAndWait(t, steward, 'team', 'dup.xlsx', file);
    expect(job.status).toBe('failed');
    const stored = await t.platform.db.selectFrom('import_job').select('errors').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(stored.errors).toEqual([{ row: 4, column: '外部编码', reason: '外部编码 IMP-D1 与第 2 行重复' }]);
    expect(await resourcesByCode(['IMP-D1', 'IMP-D2'])).toHaveLength(0);
  });

  it('fails a file whose header lacks a required column or names an unknown one', async () => {
    const file = await sheetXlsx(['外部编码', '名称', '颜色'], [['X1', '某队', '红']]);
    const job = await importAndWait(t, steward, 'team', 'bad-header.xlsx', file);
    expect(job.status).toBe('failed');
    expect(job.failure).toContain('缺少必填列：状态、经度、纬度、队伍级别、人数');
    expect(job.failure).toContain('无法识别的列：颜色');
  });

  it('imports CSV (UTF-8 with BOM and GB18030), quoted fields included', async () => {
    const lines = [
      TEAM_HEADER.join(','),
      ['IMP-C1', '"晋江市蓝天救援队, 一分队"', '42E99', '待命', JINJIANG.lng, JINJIANG.lat, '志愿者', '12', '', ''].join(','),
    ];
    const utf8 = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    const job = await importAndWait(t, steward, 'team', 'teams.csv', utf8);
    expect(job).toMatchObject({ status: 'succeeded', inserted: 1 });
    const row = (await resourcesByCode(['IMP-C1']))[0]!;
    expect(row).toMatchObject({ name: '晋江市蓝天救援队, 一分队', division_code: '350582' });

    const gbText = `${TEAM_HEADER.join(',')}\n${['IMP-C2', '南安市救援队', '42E99', '待命', '118.3866', '24.9603', '县级', '8', '', ''].join(',')}\n`;
    const encoded = encodeGb18030(gbText);
    expect(encoded.equals(Buffer.from(gbText, 'utf8'))).toBe(false);
    const job2 = await importAndWait(t, steward, 'team', 'teams-gbk.csv', encoded);
    expect(job2, JSON.stringify(job2)).toMatchObject({ status: 'succeeded', inserted: 1 });
    expect((await resourcesByCode(['IMP-C2']))[0]!.name).toBe('南安市救援队');
  });

  it('puts a county user’s rows into their org, and refuses an org outside their subtree', async () => {
    const jj = await t.login('imp-jj');
    const file = await sheetXlsx(TEAM_HEADER, [team('IMP-JJ1', { 经度: JINJIANG.lng, 纬度: JINJIANG.lat })]);
    const job = await importAndWait(t, jj, 'team', 'jj.xlsx', file);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const row = (await resourcesByCode(['IMP-JJ1']))[0]!;
    expect(row.org_path).toBe('fj.qz.qz_jinjiang');

    const other = await sheetXlsx([...TEAM_HEADER, '所属单位编码'], [[...team('IMP-JJ2'), 'qz_fengze']]);
    const failed = await importAndWait(t, jj, 'team', 'jj2.xlsx', other);
    expect(failed.status).toBe('failed');
    const stored = await t.platform.db.selectFrom('import_job').select('errors').where('id', '=', failed.id).executeTakeFirstOrThrow();
    expect(stored.errors[0]).toMatchObject({ row: 2, column: '所属单位编码' });
    // A code already used by another org's record is not taken over.
    const clash = await importAndWait(t, jj, 'team', 'jj3.xlsx', await sheetXlsx(TEAM_HEADER, [team('IMP-T1')]));
    expect(clash.status).toBe('failed');
    expect((await resourcesByCode(['IMP-T1']))[0]!.org_path).toBe('fj.qz');
    // The city sees the county's jobs; the county does not see the city's.
    const cityList = (await steward.get('/api/v1/imports?limit=100')).json<{ items: ImportJobDto[] }>();
    expect(cityList.items.map((j) => j.id)).toContain(job.id);
    const countyList = (await jj.get('/api/v1/imports?limit=100')).json<{ items: ImportJobDto[]; total: number }>();
    expect(countyList.items.every((j) => ['jj.xlsx', 'jj2.xlsx', 'jj3.xlsx'].includes(j.filename))).toBe(true);
    expect(countyList.total).toBe(3);
  });
});

describe('refused uploads', () => {
  it('refuses a 50 MB file (413) and a text file renamed .xlsx (400), recording nothing', async () => {
    const jobs = await countRows(t, 'import_job');
    const big = await uploadImport(
      t,
      steward,
      'team',
      'big.xlsx',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(50 * 1024 * 1024)]),
    );
    expect(big.statusCode, big.body).toBe(413);
    expect(big.json()).toMatchObject({ errors: [{ field: 'file', message: '文件过大：导入文件不能超过 20 MB' }] });
    const fake = await uploadImport(t, steward, 'team', 'teams.xlsx', Buffer.from('外部编码,名称\nA,B\n', 'utf8'));
    expect(fake.statusCode, fake.body).toBe(400);
    expect(fake.headers['content-type']).toContain('application/problem+json');
    expect(fake.json().errors[0]).toMatchObject({ field: 'file', message: expect.stringContaining('文件不是有效的 Excel 或 CSV 文件') });
    const exe = await uploadImport(t, steward, 'team', 'teams.csv', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]));
    expect(exe.statusCode).toBe(400);
    expect(await countRows(t, 'import_job')).toBe(jobs);
  });

  it('refuses users who may not manage resources', async () => {
    const r = await uploadImport(t, viewer, 'team', 'teams.xlsx', await sheetXlsx(TEAM_HEADER, [team('IMP-V1')]));
    expect(r.statusCode).toBe(403);
  });
});

describe('stock and experts', () => {
  const STOCK_HEADER = ['储备库外部编码', '物资外部编码', '物资类别代码', '物资名称', '单位', '数量', '最低库存', '生产日期', '有效期至'];
  const WH_HEADER = ['外部编码', '名称', '类型代码', '状态', '经度', '纬度'];

  it('imports stock lines against warehouses, checks quantities and dates, records stock-take movements', async () => {
    const wh = await importAndWait(
      t,
      steward,
      'warehouse',
      'wh.xlsx',
      await sheetXlsx(WH_HEADER, [['IMP-WH1', '丰泽储备库', '43C00', '在用', FENGZE.lng, FENGZE.lat]]),
    );
    expect(wh.status).toBe('succeeded');
    const linesBefore = await countRows(t, 'stock_line');
    const bad = await sheetXlsx(STOCK_HEADER, [
      ['IMP-WH1', 'IMP-S1', '43C06', '帐篷', '顶', '-1', '10', '2026-01-01', '2027-01-01'],
      ['IMP-WH1', 'IMP-S2', '43C05', '饮用水', '箱', '100', '10', '2026-05-01', '2026-04-01'],
      ['IMP-NOPE', 'IMP-S3', '43C05', '饮用水', '箱', '100', '10', '', ''],
    ]);
    const failed = await importAndWait(t, steward, 'stock', 'stock.xlsx', bad);
    expect(failed.status).toBe('failed');
    const stored = await t.platform.db.selectFrom('import_job').select('errors').where('id', '=', failed.id).executeTakeFirstOrThrow();
    expect(stored.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '数量'],
      [3, '有效期至'],
      [4, '储备库外部编码'],
    ]);
    expect(await countRows(t, 'stock_line')).toBe(linesBefore);

    const good = [
      ['IMP-WH1', 'IMP-S1', '43C06', '帐篷', '顶', '50', '10', '2026-01-01', '2027-01-01'],
      ['IMP-WH1', 'IMP-S2', '43C05', '饮用水', '箱', '100', '10', new Date(Date.UTC(2026, 4, 1)), '2027/5/1'],
    ];
    const ok = await importAndWait(t, steward, 'stock', 'stock.xlsx', await sheetXlsx(STOCK_HEADER, good));
    expect(ok, JSON.stringify(ok)).toMatchObject({ status: 'succeeded', inserted: 2 });
    const line = await t.platform.db.selectFrom('stock_line').selectAll().where('external_code', '=', 'IMP-S2').executeTakeFirstOrThrow();
    expect(String(line.produced_on instanceof Date ? line.produced_on.toISOString().slice(0, 10) : line.produced_on)).toBe('2026-05-01');
    const again = await importAndWait(t, steward, 'stock', 'stock.xlsx', await sheetXlsx(STOCK_HEADER, good));
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 });

    good[0]![5] = '30';
    const counted = await importAndWait(t, steward, 'stock', 'stock.xlsx', await sheetXlsx(STOCK_HEADER, good));
    expect(counted, JSON.stringify(counted)).toMatchObject({ updated: 1, unchanged: 1 });
    const s1 = await t.platform.db.selectFrom('stock_line').select('id').where('external_code', '=', 'IMP-S1').executeTakeFirstOrThrow();
    const moves = await t.platform.db
      .selectFrom('stock_movement')
      .select(['kind', 'delta', 'quantity_after'])
      .where('stock_line_id', '=', s1.id)
      .orderBy('at')
      .execute();
    expect(moves.map((m) => [m.kind, Number(m.delta), Number(m.quantity_after)])).toEqual([
      ['stocktake', 50, 50],
      ['stocktake', -20, 30],
    ]);
  });

  it('seals expert contacts and keeps a re-imported expert unchanged', async () => {
    const header = ['外部编码', '名称', '类型代码', '状态', '经度', '纬度', '专长（事件代码）', '手机号', '身份证号'];
    const rows = [['IMP-E1', '王专家', '42A02', '可联络', FENGZE.lng, FENGZE.lat, '12D02', '13812345678', '350502199001011234']];
    const first = await importAndWait(t, steward, 'expert', 'experts.xlsx', await sheetXlsx(header, rows));
    expect(first).toMatchObject({ status: 'succeeded', inserted: 1 });
    const row = await t.platform.db.selectFrom('resource').selectAll().where('external_code', '=', 'IMP-E1').executeTakeFirstOrThrow();
    expect(JSON.stringify(row.sealed)).not.toContain('13812345678');
    expect(row.masked).toEqual({ phone: '138****5678', idNumber: '350502********1234' });
    const again = await importAndWait(t, steward, 'expert', 'experts.xlsx', await sheetXlsx(header, rows));
    expect(again).toMatchObject({ status: 'succeeded', unchanged: 1 });
  });
});

describe('planner statistics', () => {
  it('refreshes the table statistics after an import of 1,000 rows (embedded storage has no autoanalyze)', async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => team(`IMP-S${String(i).padStart(4, '0')}`));
    const job = await importAndWait(t, steward, 'team', 'bulk.xlsx', await sheetXlsx(TEAM_HEADER, rows));
    expect(job).toMatchObject({ status: 'succeeded', inserted: 1_000 });
    const stats = await sql<{ reltuples: number }>`SELECT reltuples FROM pg_class WHERE relname = 'resource'`.execute(t.platform.db);
    expect(Number(stats.rows[0]!.reltuples)).toBe(await countRows(t, 'resource'));
  });
});

/** GB18030 bytes of a text (TextEncoder only writes UTF-8): a reverse map of the two-byte range, built with the decoder. */
function encodeGb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) map.set(dec.decode(new Uint8Array([hi, lo])), [hi, lo]);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else out.push(...map.get(ch)!);
  }
  return Buffer.from(out);
}

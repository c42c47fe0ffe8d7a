import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS } from './roster-rows.js';
import { looksLikeXlsx, readRosterWorkbook, rosterTemplate } from './roster-xlsx.js';

async function book(rows: unknown[][], header: string[] = [...ROSTER_COLUMNS]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排班表');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster workbook', () => {
  it('reads the template back: nine columns and the example rows', async () => {
    const tpl = await rosterTemplate();
    expect(looksLikeXlsx(tpl)).toBe(true);
    const read = await readRosterWorkbook(tpl);
    if (!('rows' in read)) throw new Error(JSON.stringify(read));
    expect(read.rows).toHaveLength(2);
    expect(read.rows[0]).toMatchObject({ row: 2, 日期: '2026-06-01', 班次: '白班', 值班员: '李明、王芳' });
  });

  it('reads Excel date, time and number cells as the text people typed', async () => {
    const date = new Date(Date.UTC(2026, 5, 3));
    const time = new Date(Date.UTC(1899, 11, 30, 18, 30));
    const read = await readRosterWorkbook(await book([[date, '夜班', time, 0.3333333, '张三', 13905951234, '李四', '', '']]));
    if (!('rows' in read)) throw new Error(JSON.stringify(read));
    expect(read.rows[0]).toMatchObject({ 日期: '2026-06-03', 开始时间: '18:30', 结束时间: '08:00', 领导电话: '13905951234' });
  });

  it('skips blank rows and finds columns by header name in any order', async () => {
    const header = [...ROSTER_COLUMNS].reverse();
    const read = await readRosterWorkbook(await book([[], ['备注x', '', '李四', '', '', '', '', '白班', '2026-06-01']], header));
    if (!('rows' in read)) throw new Error(JSON.stringify(read));
    expect(read.rows).toEqual([expect.objectContaining({ row: 3, 日期: '2026-06-01', 班次: '白班', 值班员: '李四', 备注: '备注x' })]);
  });

  it('reports a missing column, an empty sheet and a file that is not a workbook', async () => {
    const missing = await readRosterWorkbook(
      await book(
        [],
        ROSTER_COLUMNS.filter((c) => c !== '班次'),
      ),
    );
    expect(missing).toEqual({ fileErrors: [{ row: 1, column: '班次', message: expect.stringContaining('缺少') }] });
    expect(await readRosterWorkbook(await book([]))).toEqual({ fileErrors: [expect.objectContaining({ message: '文件中没有排班数据' })] });
    const zipNotXlsx = Buffer.from('PK\u0003\u0004 not really a zip file');
    expect(looksLikeXlsx(zipNotXlsx)).toBe(true);
    expect(await readRosterWorkbook(zipNotXlsx)).toEqual({ fileErrors: [expect.objectContaining({ column: '文件' })] });
    expect(looksLikeXlsx(Buffer.from('日期,班次\n2026-06-01,白班'))).toBe(false);
  });
});

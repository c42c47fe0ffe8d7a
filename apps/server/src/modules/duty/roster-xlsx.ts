import ExcelJS from 'exceljs';
import type { RosterImportError } from '@vigil/shared';
import { ROSTER_COLUMNS, type RawRosterRow, type RosterColumn } from './roster-rows.js';

/** The most data rows one import may hold. */
export const MAX_IMPORT_ROWS = 2000;

const TIME_COLUMNS = new Set<RosterColumn>(['开始时间', '结束时间']);
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Whether the bytes start like an .xlsx (a ZIP local file header), whatever the file is called. */
export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Date and time cells are written as Beijing wall-clock values: Excel keeps them zone-less, exceljs reads them as UTC. */
function dateCellText(d: Date, column: RosterColumn): string {
  if (TIME_COLUMNS.has(column)) return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return d.toISOString().slice(0, 10);
}

function numberCellText(n: number, column: RosterColumn): string {
  if (TIME_COLUMNS.has(column) && n >= 0 && n < 1) return dateCellText(new Date(EXCEL_EPOCH_MS + Math.round(n * 86_400) * 1000), column);
  if (column === '日期' && n > 20_000 && n < 80_000) return dateCellText(new Date(EXCEL_EPOCH_MS + Math.round(n) * 86_400_000), column);
  return String(n);
}

/** A cell's value as text, whatever Excel stored (text, number, date, rich text, formula result, hyperlink). */
export function cellText(value: ExcelJS.CellValue, column: RosterColumn): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateCellText(value, column);
  if (typeof value === 'number') return numberCellText(value, column);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue, column);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
  }
  return '';
}

/** Reads the first sheet: headers located by name, blank rows skipped. Throws a file-level error list on a bad layout. */
export async function readRosterWorkbook(buf: Buffer): Promise<{ rows: RawRosterRow[] } | { fileErrors: RosterImportError[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    return { fileErrors: [{ row: 0, column: '文件', message: '无法读取 Excel 文件，请使用下载的模板（.xlsx）' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { fileErrors: [{ row: 0, column: '文件', message: '文件中没有工作表' }] };
  const header = ws.getRow(1);
  const index = new Map<RosterColumn, number>();
  header.eachCell((cell, col) => {
    const name = cellText(cell.value, '备注') as RosterColumn;
    if ((ROSTER_COLUMNS as readonly string[]).includes(name)) index.set(name, col);
  });
  const missing = ROSTER_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) return { fileErrors: missing.map((c) => ({ row: 1, column: c, message: `缺少“${c}”列，请使用下载的模板` })) };
  const rows: RawRosterRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = { row: r } as RawRosterRow;
    for (const c of ROSTER_COLUMNS) raw[c] = cellText(row.getCell(index.get(c)!).value, c);
    if (ROSTER_COLUMNS.every((c) => raw[c] === '')) continue;
    rows.push(raw);
    if (rows.length > MAX_IMPORT_ROWS)
      return { fileErrors: [{ row: r, column: '文件', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` }] };
  }
  if (rows.length === 0) return { fileErrors: [{ row: 2, column: '日期', message: '文件中没有排班数据' }] };
  return { rows };
}

const EXAMPLES: Record<RosterColumn, string>[] = [
  {
    日期: '2026-06-01',
    班次: '白班',
    开始时间: '08:00',
    结束时间: '18:00',
    带班领导: '张建国',
    领导电话: '13905951234',
    值班员: '李明、王芳',
    值班员电话: '13805951111、13805952222',
    备注: '示例行，导入前请删除',
  },
  {
    日期: '2026-06-01',
    班次: '夜班',
    开始时间: '18:00',
    结束时间: '08:00',
    带班领导: '陈志强',
    领导电话: '0595-22581234',
    值班员: '林海',
    值班员电话: '13805953333',
    备注: '结束时间早于开始时间表示次日',
  },
];

/** The roster import template: the nine columns as text cells, two example rows and an explanation sheet. */
export async function rosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet('排班表', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c, key: c, width: c === '值班员' || c === '值班员电话' || c === '备注' ? 28 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS) ws.getColumn(c).numFmt = '@';
  for (const e of EXAMPLES) ws.addRow(e);
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '说明', key: 'text', width: 100 }];
  for (const text of [
    '日期：2026-06-01；班次：白班、夜班或24小时；时间：HH:mm，北京时间，结束早于开始表示次日。',
    '开始/结束时间留空时按默认：白班 08:00–18:00，夜班 18:00–次日08:00，24小时 08:00–次日08:00。',
    '带班领导、值班员：本单位用户填用户名或姓名（自动关联账户），其他人员填姓名并填写电话。',
    '多名值班员及其电话用顿号“、”分隔，顺序一一对应。',
    '同一单位同一开始和结束时间的班次重复导入时会更新而不会重复创建；任一行有错误时整个文件都不会导入。',
  ])
    help.addRow({ text });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The error report of a rejected import: one row per problem. */
export async function importErrorReport(errors: RosterImportError[], fileName: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet('导入错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 14 },
    { header: '错误说明', key: 'message', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow(e);
  if (fileName) ws.addRow({ row: null, column: '文件', message: fileName });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

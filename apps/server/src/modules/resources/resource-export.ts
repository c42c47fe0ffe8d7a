import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, ColumnDef } from './resource-columns.js';

/** The most rows one export holds. */
export const EXPORT_CAP = 50_000;

/** Writes rows as an .xlsx (one sheet, Chinese headers, frozen header row) with exceljs' streaming writer. */
export async function rowsToXlsx<R>(sheet: string, columns: readonly ColumnDef<R>[], rows: Iterable<R>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Vigil';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows) ws.addRow(columns.map((c) => c.read(r) ?? null)).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function csvCell(v: CellValue): string {
  if (v === null) return '';
  let s = String(v);
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as CSV with a UTF-8 BOM (so Excel opens Chinese text correctly). */
export function rowsToCsv<R>(columns: readonly ColumnDef<R>[], rows: Iterable<R>): Buffer {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.read(r))).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** `yyyyMMddHHmm` in Asia/Shanghai, for file names. */
export function fileStamp(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

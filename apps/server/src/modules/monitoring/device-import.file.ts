import ExcelJS from 'exceljs';

/**
 * Reading a device import file: the first sheet of an .xlsx workbook or a CSV text (UTF-8 with or
 * without BOM, else GB18030 as saved by Excel on a Chinese Windows). Cells become trimmed text.
 */

export const DEVICE_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const DEVICE_IMPORT_MAX_ROWS = 5_000;

export interface SheetRow {
  /** 1-based row number in the sheet (the header is row 1). */
  row: number;
  cells: string[];
}

export class ImportFileError extends Error {}

/** What the bytes are: an .xlsx workbook (a ZIP holding xl/workbook.xml), text, or neither. */
export function sniffFile(buf: Buffer): 'xlsx' | 'csv' | null {
  if (buf.length === 0) return null;
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return buf.includes('xl/workbook.xml') ? 'xlsx' : null;
  return buf.subarray(0, 64 * 1024).includes(0) ? null : 'csv';
}

/** The type a file name announces. */
export function typeByName(name: string): 'xlsx' | 'csv' | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : null;
}

function decode(buf: Buffer): string {
  const bytes = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 records with the line each starts on. */
export function csvRecords(text: string): SheetRow[] {
  const out: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ row: start, cells });
      cells = [];
      cell = '';
      start = ++line;
    } else cell += c;
  }
  if (quoted) throw new ImportFileError(`第 ${start} 行的引号没有闭合，请检查 CSV 文件`);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ row: start, cells });
  }
  return out;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
  if ('result' in o) return cellText(o.result);
  return typeof o.text === 'string' ? o.text : '';
}

/** The header (spaces removed) and the non-blank data rows of the file. */
export async function readSheet(buf: Buffer, type: 'xlsx' | 'csv'): Promise<{ header: string[]; rows: SheetRow[] }> {
  let records: SheetRow[];
  if (type === 'csv') records = csvRecords(decode(buf));
  else {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw new ImportFileError('无法读取 Excel 文件，请使用下载的模板（.xlsx）');
    }
    records = [];
    wb.worksheets[0]?.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values as unknown[];
      records.push({ row: n, cells: values.slice(1).map(cellText) });
    });
  }
  const trimmed = records.map((r) => ({ row: r.row, cells: r.cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ''));
  const [head, ...rows] = trimmed;
  if (!head) throw new ImportFileError('文件是空的：没有表头行');
  if (rows.length === 0) throw new ImportFileError('文件中没有数据行（第 1 行为表头）');
  if (rows.length > DEVICE_IMPORT_MAX_ROWS) throw new ImportFileError(`一次最多导入 ${DEVICE_IMPORT_MAX_ROWS} 台设备，请分批导入`);
  return { header: head.cells.map((c) => c.replace(/\s+/g, '').replace(/\*$/, '')), rows };
}

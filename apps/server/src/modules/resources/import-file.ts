import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Reading an uploaded import file: an Excel workbook (.xlsx, first sheet, read with the streaming
 * reader) or a CSV file (RFC 4180, UTF-8 with or without BOM, GB18030 as written by Excel on a
 * Chinese Windows). Everything becomes text cells; the row parser interprets them per column.
 */

export type ImportFileType = 'xlsx' | 'csv';

/** The largest accepted upload. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** The most data rows one file may hold. */
export const IMPORT_MAX_ROWS = 50_000;

/** One data row: its 1-based row number in the sheet (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface SheetData {
  header: string[];
  rows: SheetRow[];
}

/** A file that cannot be read as a whole (the job fails with this reason). */
export class ImportFileError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * What the bytes are, whatever the file is called: an Office Open XML workbook (a ZIP that holds
 * `xl/workbook.xml`), text (no NUL bytes, no binary signature), or null for anything else.
 */
export function sniffImportFile(buf: Buffer): ImportFileType | null {
  if (buf.length === 0) return null;
  if (ZIP_MAGIC.every((b, i) => buf[i] === b)) return buf.includes('xl/workbook.xml') ? 'xlsx' : null;
  const head = buf.subarray(0, 64 * 1024);
  if (head.includes(0)) return null;
  // Other binary formats that are not NUL-free in practice are caught above; legacy .xls (OLE) has NULs.
  return 'csv';
}

/** The type the file name announces, or null when it names neither. */
export function extensionType(fileName: string): ImportFileType | null {
  const m = /\.([a-z0-9]+)$/i.exec(fileName.trim());
  const ext = m?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  return null;
}

/** Decodes CSV bytes: UTF-8 (BOM stripped) when valid, else GB18030. */
export function decodeText(buf: Buffer): string {
  const bytes = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas, records by CRLF or LF,
 * double-quoted fields may hold commas, line breaks and doubled quotes. Returns each record with
 * the line it starts on.
 */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    out.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new ImportFileError(`第 ${startLine} 行的引号没有闭合，请检查 CSV 文件`);
  if (field !== '' || fields.length > 0) endRecord();
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's value as text, whatever Excel stored (text, number, date, rich text, formula result, hyperlink). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates are zone-less; exceljs reads them as UTC. A time of day is kept when present.
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const secs = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    return secs === 0 ? date : `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e9) / 1e9);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text: string }[])
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if ('error' in v) return '';
    if (typeof v.text === 'string') return v.text.trim();
  }
  return '';
}

function collect(records: Iterable<{ row: number; cells: string[] }>): SheetData {
  let header: string[] | null = null;
  const rows: SheetRow[] = [];
  for (const r of records) {
    const cells = r.cells.map((c) => c.trim());
    if (!header) {
      if (cells.every((c) => c === '')) continue;
      header = cells.map((c) => c.replace(/\s+/g, ''));
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    rows.push({ row: r.row, cells });
    if (rows.length > IMPORT_MAX_ROWS) throw new ImportFileError(`一次最多导入 ${IMPORT_MAX_ROWS} 行，请分批导入`);
  }
  if (!header) throw new ImportFileError('文件是空的：没有表头行');
  return { header, rows };
}

async function* xlsxRecords(buf: Buffer): AsyncGenerator<{ row: number; cells: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    // Only the first worksheet holds data; the template's second sheet explains the columns.
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
      yield { row: row.number, cells };
    }
    return;
  }
}

/** Reads an import file into its header and non-blank data rows; throws ImportFileError when unreadable. */
export async function readImportFile(buf: Buffer, type: ImportFileType): Promise<SheetData> {
  if (type === 'csv') {
    const records = parseCsv(decodeText(buf));
    return collect(records.map((r) => ({ row: r.line, cells: r.fields })));
  }
  const records: { row: number; cells: string[] }[] = [];
  try {
    for await (const r of xlsxRecords(buf)) {
      records.push(r);
      if (records.length > IMPORT_MAX_ROWS + 10) break;
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('无法读取 Excel 文件，请使用下载的模板（.xlsx）');
  }
  return collect(records);
}

/** Writes a CSV field, quoted when it must be. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

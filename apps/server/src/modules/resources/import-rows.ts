import { StockLineInput, type ImportEntity, type ResourceKind } from '@vigil/shared';
import type { ImportRowError } from '../../platform/db/schema.js';
import type { SheetData, SheetRow } from './import-file.js';
import { columnForField, draftFromCells, RESOURCE_COLUMNS, STOCK_COLUMNS, type ColumnDef } from './resource-columns.js';
import { checkResourceInput, type NormalizedResource } from './resource-rules.js';

/**
 * Turning spreadsheet rows into validated records, without a database: the header is matched
 * by the Chinese column names of the template (the registry's export columns are accepted and
 * ignored), each row is read through the column definitions and checked by the same rules as
 * the HTTP API. Every problem is reported as (row, column, reason).
 */

/** Import-only column: the code of the org (in the uploader's subtree) the row belongs to. */
export const ORG_CODE_HEADER = '所属单位编码';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the column lists differ only in the row type of `read`
type AnyColumn = ColumnDef<any>;

export function columnsOf(entity: ImportEntity): readonly AnyColumn[] {
  return entity === 'stock' ? STOCK_COLUMNS : RESOURCE_COLUMNS[entity];
}

/** Where each writable column sits in the file. */
export interface HeaderMap {
  index: Map<string, number>;
  orgCode: number | null;
}

/** Matches the header row; a missing required column or an unknown column fails the whole file. */
export function mapHeader(entity: ImportEntity, header: readonly string[]): { map: HeaderMap } | { failure: string } {
  const columns = columnsOf(entity);
  const byHeader = new Map(columns.map((c) => [c.header.replace(/\s+/g, ''), c]));
  const index = new Map<string, number>();
  let orgCode: number | null = null;
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((h, i) => {
    if (!h) return;
    if (h === ORG_CODE_HEADER && entity !== 'stock') {
      if (orgCode !== null) repeated.push(h);
      orgCode = i;
      return;
    }
    const c = byHeader.get(h);
    if (!c) return unknown.push(h);
    if (!c.write) return;
    if (index.has(c.key)) repeated.push(h);
    index.set(c.key, i);
  });
  const missing = columns.filter((c) => c.required && c.write && !index.has(c.key)).map((c) => c.header);
  const problems: string[] = [];
  if (missing.length) problems.push(`缺少必填列：${missing.join('、')}`);
  if (unknown.length) problems.push(`无法识别的列：${unknown.join('、')}`);
  if (repeated.length) problems.push(`列重复：${repeated.join('、')}`);
  if (problems.length) return { failure: `${problems.join('；')}。请使用下载的模板（第 1 行为表头）` };
  return { map: { index, orgCode } };
}

function readRow(columns: readonly AnyColumn[], map: HeaderMap, r: SheetRow) {
  const textOf = (c: AnyColumn) => {
    const i = map.index.get(c.key);
    return i === undefined ? undefined : r.cells[i];
  };
  const errors: ImportRowError[] = [];
  for (const c of columns) if (c.required && c.write && !textOf(c)?.trim()) errors.push({ row: r.row, column: c.header, reason: '必填' });
  const { draft, errors: cellErrors } = draftFromCells(columns, textOf);
  for (const e of cellErrors) errors.push({ row: r.row, column: e.column, reason: e.message });
  return { draft, errors };
}

/** Keeps one error per (row, column): the first is the most useful. */
function pushUnique(out: ImportRowError[], errs: ImportRowError[]): void {
  const seen = new Set<string>();
  for (const e of errs) {
    const k = `${e.row}|${e.column ?? ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
}

function duplicateCheck(seen: Map<string, number>, code: string | undefined, row: number, column: string): ImportRowError | null {
  if (!code) return null;
  const first = seen.get(code);
  if (first !== undefined) return { row, column, reason: `外部编码 ${code} 与第 ${first} 行重复` };
  seen.set(code, row);
  return null;
}

export interface ParsedResource {
  row: number;
  value: NormalizedResource;
  orgCode: string | null;
}

/**
 * Reads and checks resource rows (a slice of the file; `seen` carries external codes across
 * slices so a duplicate is reported on its second row).
 */
export function parseResourceRows(
  kind: ResourceKind,
  rows: readonly SheetRow[],
  map: HeaderMap,
  knownCodes: ReadonlySet<string>,
  seen: Map<string, number>,
): { parsed: ParsedResource[]; errors: ImportRowError[] } {
  const columns = RESOURCE_COLUMNS[kind];
  const parsed: ParsedResource[] = [];
  const errors: ImportRowError[] = [];
  for (const r of rows) {
    const { draft, errors: rowErrors } = readRow(columns, map, r);
    const code = typeof draft.externalCode === 'string' ? draft.externalCode.trim() : undefined;
    const dup = duplicateCheck(seen, code, r.row, '外部编码');
    if (dup) rowErrors.push(dup);
    if (!draft.location || typeof draft.location !== 'object') draft.location = {};
    const result = checkResourceInput(kind, draft, { knownCodes });
    if (result.errors) {
      for (const e of result.errors)
        rowErrors.push({ row: r.row, column: columnForField(columns, e.field)?.header ?? null, reason: e.message });
    }
    if (rowErrors.length > 0 || !result.value) {
      pushUnique(errors, rowErrors);
      continue;
    }
    const orgCode = map.orgCode === null ? '' : (r.cells[map.orgCode] ?? '').trim();
    parsed.push({ row: r.row, value: result.value, orgCode: orgCode || null });
  }
  return { parsed, errors };
}

export interface ParsedStock {
  row: number;
  warehouseCode: string;
  externalCode: string;
  materialCode: string;
  name: string;
  spec: string | null;
  unit: string;
  quantity: number;
  minQuantity: number;
  batch: string | null;
  producedOn: string | null;
  expiresOn: string | null;
}

/** `2026/6/1`, `2026.6.1` → `2026-06-01` (dates typed into a CSV); anything else is left to the schema. */
export function isoDate(text: string): string {
  const m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

/** Reads and checks stock rows: quantities ≥ 0, expiry not before production, known 43… material codes. */
export function parseStockRows(
  rows: readonly SheetRow[],
  map: HeaderMap,
  knownCodes: ReadonlySet<string>,
  seen: Map<string, number>,
): { parsed: ParsedStock[]; errors: ImportRowError[] } {
  const parsed: ParsedStock[] = [];
  const errors: ImportRowError[] = [];
  for (const r of rows) {
    const { draft, errors: rowErrors } = readRow(STOCK_COLUMNS, map, r);
    const { warehouseCode, ...input } = draft;
    for (const k of ['producedOn', 'expiresOn'] as const) if (typeof input[k] === 'string') input[k] = isoDate(input[k]);
    const code = typeof input.externalCode === 'string' ? input.externalCode.trim() : undefined;
    const dup = duplicateCheck(seen, code, r.row, '物资外部编码');
    if (dup) rowErrors.push(dup);
    const result = StockLineInput.safeParse(input);
    if (!result.success) {
      for (const i of result.error.issues) {
        const field = i.path.map(String).join('.');
        rowErrors.push({ row: r.row, column: columnForField(STOCK_COLUMNS, field)?.header ?? null, reason: i.message });
      }
    } else if (!knownCodes.has(result.data.materialCode)) {
      rowErrors.push({ row: r.row, column: '物资类别代码', reason: `未知的物资类别代码 ${result.data.materialCode}` });
    } else if (!result.data.materialCode.startsWith('43')) {
      rowErrors.push({ row: r.row, column: '物资类别代码', reason: '物资类别应为 43 开头的应急物资代码' });
    }
    if (rowErrors.length > 0 || !result.success) {
      pushUnique(errors, rowErrors);
      continue;
    }
    const v = result.data;
    parsed.push({
      row: r.row,
      warehouseCode: String(warehouseCode).trim(),
      externalCode: v.externalCode!,
      materialCode: v.materialCode,
      name: v.name,
      spec: v.spec || null,
      unit: v.unit,
      quantity: v.quantity,
      minQuantity: v.minQuantity,
      batch: v.batch || null,
      producedOn: v.producedOn || null,
      expiresOn: v.expiresOn || null,
    });
  }
  return { parsed, errors };
}

/** The data rows of a sheet in slices (progress is reported between slices). */
export function* slices(sheet: SheetData, size: number): Generator<SheetRow[]> {
  for (let i = 0; i < sheet.rows.length; i += size) yield sheet.rows.slice(i, i + size);
}

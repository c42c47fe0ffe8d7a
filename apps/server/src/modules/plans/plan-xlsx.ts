/**
 * The structured Excel form of a plan version (预案 Excel): sheet 基本信息 (one field per row),
 * sheet 响应分级 (one start condition per row) and sheet 任务清单 (one task template per row).
 * Reading turns a workbook back into plan content with row-level Chinese errors.
 */
import ExcelJS from 'exceljs';
import {
  PLAN_CONDITION_KINDS,
  PLAN_CONDITION_ZH,
  PLAN_LEVEL_ZH,
  PLAN_LEVELS,
  PLAN_RESOURCE_KIND_ZH,
  PLAN_RESOURCE_KINDS,
  PLAN_STATUS_ZH,
  PLAN_TYPE_ZH,
  PLAN_TYPES,
  PlanCondition,
  PlanContent,
  PlanTaskTemplate,
  RESPONSE_LEVELS,
  WARNING_COLOURS,
  type PlanImportErrorDto,
  type PlanResponseLevel,
  type PlanStatus,
  type ResponseLevel,
} from '@vigil/shared';

export const SHEET_INFO = '基本信息';
export const SHEET_LEVELS = '响应分级';
export const SHEET_TASKS = '任务清单';

const INFO_FIELDS = ['预案名称', '预案层级', '预案类型', '适用事件类型', '概述'] as const;
const LEVEL_COLUMNS = ['响应级别', '条件关系', '条件类型', '阈值', '级别说明'] as const;
const TASK_COLUMNS = ['响应级别', '任务名称', '责任单位ID', '责任岗位', '工作内容', '时限（分钟）', '资源需求'] as const;
const COLOUR_ZH: Record<(typeof WARNING_COLOURS)[number], string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
const MODE_ZH = { any: '任一满足', all: '全部满足' } as const;

/** The most rows read from one sheet. */
export const MAX_SHEET_ROWS = 2000;

/** Whether the bytes start like an .xlsx (a ZIP local file header), whatever the file is called. */
export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

function thresholdText(c: PlanCondition): string | number {
  switch (c.kind) {
    case 'incidentGrade':
      return c.min;
    case 'warningColour':
      return COLOUR_ZH[c.min];
    case 'eventCode':
      return c.codes.join('、');
    default:
      return c.min;
  }
}

function resourcesText(t: PlanTaskTemplate): string {
  return t.resources
    .map((r) => [PLAN_RESOURCE_KIND_ZH[r.kind], r.code ?? '', r.quantity ?? '', r.note ?? ''].join('/').replace(/\/+$/, ''))
    .join('；');
}

function header(ws: ExcelJS.Worksheet, columns: readonly string[], widths: number[]): void {
  ws.addRow([...columns]).font = { bold: true };
  columns.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 16));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Builds the workbook of a version. `meta` adds read-only rows (owner, version, status) to 基本信息. */
export async function buildPlanWorkbook(c: PlanContent, meta: { orgName: string; versionNo: number; status: PlanStatus }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Vigil';
  const info = wb.addWorksheet(SHEET_INFO);
  header(info, ['项目', '内容'], [16, 80]);
  info.addRow(['预案名称', c.name]);
  info.addRow(['预案层级', PLAN_LEVEL_ZH[c.level]]);
  info.addRow(['预案类型', PLAN_TYPE_ZH[c.type]]);
  info.addRow(['适用事件类型', c.eventCodes.join('、')]);
  info.addRow(['概述', c.summary ?? null]);
  info.addRow(['所属单位（只读）', meta.orgName]);
  info.addRow(['版本（只读）', `第 ${meta.versionNo} 版`]);
  info.addRow(['状态（只读）', PLAN_STATUS_ZH[meta.status]]);

  const levels = wb.addWorksheet(SHEET_LEVELS);
  header(levels, LEVEL_COLUMNS, [10, 12, 16, 24, 40]);
  for (const l of c.levels)
    l.start.conditions.forEach((k, i) =>
      levels.addRow([l.level, MODE_ZH[l.start.mode], PLAN_CONDITION_ZH[k.kind], thresholdText(k), i === 0 && l.note ? l.note : null]),
    );

  const tasks = wb.addWorksheet(SHEET_TASKS);
  header(tasks, TASK_COLUMNS, [10, 30, 38, 16, 60, 12, 40]);
  for (const l of c.levels)
    for (const t of l.tasks)
      tasks.addRow([
        l.level,
        t.title,
        t.responsibleOrgId ?? null,
        t.responsibleRole ?? null,
        t.action,
        t.deadlineMinutes,
        resourcesText(t),
      ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell's value as text, whatever Excel stored (text, number, rich text, formula result, hyperlink). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
  }
  return '';
}

/** Looks a value up by its Chinese label or its code. */
function lookup<T extends string>(text: string, codes: readonly T[], zh: Record<T, string>): T | undefined {
  const t = text.trim();
  return codes.find((c) => c === t || zh[c] === t || zh[c].replace(/应急预案$/, '') === t);
}

const LEVEL_ALIASES: Record<string, ResponseLevel> = {
  I: 'I',
  II: 'II',
  III: 'III',
  IV: 'IV',
  Ⅰ: 'I',
  Ⅱ: 'II',
  Ⅲ: 'III',
  Ⅳ: 'IV',
  一级: 'I',
  二级: 'II',
  三级: 'III',
  四级: 'IV',
};

function levelOf(text: string): ResponseLevel | undefined {
  const t = text
    .replace(/\s/g, '')
    .replace(/(级响应|响应|级)$/, '')
    .toUpperCase();
  return LEVEL_ALIASES[t] ?? LEVEL_ALIASES[`${t}级`];
}

const splitCodes = (s: string) =>
  s
    .split(/[\s,，、;；]+/)
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

interface Rows {
  rows: { row: number; cells: Record<string, string> }[];
}

/** Reads a sheet by header names; a missing sheet or column is a file-level error. */
function readSheet(wb: ExcelJS.Workbook, name: string, columns: readonly string[], errors: PlanImportErrorDto[]): Rows | null {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    errors.push({ sheet: name, row: 0, column: '', message: `缺少工作表“${name}”，请使用导出的预案文件作为模板` });
    return null;
  }
  const index = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = cellText(cell.value);
    if (columns.includes(h)) index.set(h, col);
  });
  const missing = columns.filter((c) => !index.has(c));
  if (missing.length) {
    for (const c of missing) errors.push({ sheet: name, row: 1, column: c, message: `缺少“${c}”列` });
    return null;
  }
  const out: Rows = { rows: [] };
  for (let r = 2; r <= Math.min(ws.rowCount, MAX_SHEET_ROWS + 1); r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    for (const c of columns) cells[c] = cellText(row.getCell(index.get(c)!).value);
    if (columns.every((c) => cells[c] === '')) continue;
    out.rows.push({ row: r, cells });
  }
  if (ws.rowCount > MAX_SHEET_ROWS + 1)
    errors.push({ sheet: name, row: MAX_SHEET_ROWS + 2, column: '', message: `每张表最多 ${MAX_SHEET_ROWS} 行` });
  return out;
}

function firstIssue(r: { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): {
  path: string;
  message: string;
} {
  const i = r.error.issues[0]!;
  return { path: i.path.map(String).join('.'), message: i.message };
}

function parseThreshold(kind: PlanCondition['kind'], text: string): unknown {
  switch (kind) {
    case 'incidentGrade':
      return levelOf(text) ?? text;
    case 'warningColour':
      return WARNING_COLOURS.find((c) => c === text.toLowerCase() || COLOUR_ZH[c] === text || COLOUR_ZH[c][0] === text) ?? text;
    case 'eventCode':
      return splitCodes(text);
    default:
      return /^\d+$/.test(text) ? Number(text) : text;
  }
}

function readLevels(sheet: Rows, errors: PlanImportErrorDto[]): Map<ResponseLevel, PlanResponseLevel> {
  const out = new Map<ResponseLevel, PlanResponseLevel>();
  const err = (row: number, column: string, message: string) => errors.push({ sheet: SHEET_LEVELS, row, column, message });
  for (const { row, cells } of sheet.rows) {
    const level = levelOf(cells['响应级别']!);
    if (!level) {
      err(row, '响应级别', `响应级别“${cells['响应级别']}”无效，应为 I、II、III 或 IV`);
      continue;
    }
    const modeText = cells['条件关系']!;
    const mode =
      modeText === ''
        ? undefined
        : modeText.startsWith('全部') || modeText === 'all'
          ? 'all'
          : modeText.startsWith('任一') || modeText === 'any'
            ? 'any'
            : null;
    if (mode === null) {
      err(row, '条件关系', `条件关系“${modeText}”无效，应为“任一满足”或“全部满足”`);
      continue;
    }
    const kind = lookup(cells['条件类型']!, PLAN_CONDITION_KINDS, PLAN_CONDITION_ZH);
    if (!kind) {
      err(row, '条件类型', `条件类型“${cells['条件类型']}”无效，可选：${PLAN_CONDITION_KINDS.map((k) => PLAN_CONDITION_ZH[k]).join('、')}`);
      continue;
    }
    const raw =
      kind === 'eventCode' ? { kind, codes: parseThreshold(kind, cells['阈值']!) } : { kind, min: parseThreshold(kind, cells['阈值']!) };
    const parsed = PlanCondition.safeParse(raw);
    if (!parsed.success) {
      err(row, '阈值', `阈值“${cells['阈值']}”无效：${firstIssue(parsed).message}`);
      continue;
    }
    const l = out.get(level) ?? { level, start: { mode: mode ?? 'any', conditions: [] }, tasks: [] };
    if (mode && l.start.conditions.length > 0 && l.start.mode !== mode) {
      err(row, '条件关系', `同一响应级别的条件关系须一致（${level}级已为“${MODE_ZH[l.start.mode]}”）`);
      continue;
    }
    if (mode) l.start.mode = mode;
    l.start.conditions.push(parsed.data);
    if (cells['级别说明'] && !l.note) l.note = cells['级别说明'];
    out.set(level, l);
  }
  return out;
}

const TASK_FIELD_COLUMN: Record<string, string> = {
  title: '任务名称',
  responsibleOrgId: '责任单位ID',
  responsibleRole: '责任岗位',
  action: '工作内容',
  deadlineMinutes: '时限（分钟）',
  resources: '资源需求',
};

function parseResources(text: string): unknown[] | string {
  if (!text) return [];
  const out: unknown[] = [];
  for (const entry of text
    .split(/[;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [kindText = '', code = '', qty = '', ...note] = entry.split('/').map((x) => x.trim());
    const kind = lookup(kindText, PLAN_RESOURCE_KINDS, PLAN_RESOURCE_KIND_ZH);
    if (!kind) return `资源类别“${kindText}”无效，可选：${PLAN_RESOURCE_KINDS.map((k) => PLAN_RESOURCE_KIND_ZH[k]).join('、')}`;
    if (qty && !/^\d+$/.test(qty)) return `资源数量“${qty}”须为正整数`;
    out.push({
      kind,
      ...(code ? { code } : {}),
      ...(qty ? { quantity: Number(qty) } : {}),
      ...(note.join('/') ? { note: note.join('/') } : {}),
    });
  }
  return out;
}

function readTasks(sheet: Rows, levels: Map<ResponseLevel, PlanResponseLevel>, errors: PlanImportErrorDto[]): void {
  const err = (row: number, column: string, message: string) => errors.push({ sheet: SHEET_TASKS, row, column, message });
  for (const { row, cells } of sheet.rows) {
    const level = levelOf(cells['响应级别']!);
    if (!level) {
      err(row, '响应级别', `响应级别“${cells['响应级别']}”无效，应为 I、II、III 或 IV`);
      continue;
    }
    const l = levels.get(level);
    if (!l) {
      err(row, '响应级别', `${level}级在“${SHEET_LEVELS}”表中没有启动条件，请先填写`);
      continue;
    }
    const resources = parseResources(cells['资源需求']!);
    if (typeof resources === 'string') {
      err(row, '资源需求', resources);
      continue;
    }
    const minutes = cells['时限（分钟）']!;
    const parsed = PlanTaskTemplate.safeParse({
      title: cells['任务名称'],
      ...(cells['责任单位ID'] ? { responsibleOrgId: cells['责任单位ID'] } : {}),
      ...(cells['责任岗位'] ? { responsibleRole: cells['责任岗位'] } : {}),
      action: cells['工作内容'],
      deadlineMinutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes === '' ? undefined : minutes,
      resources,
    });
    if (!parsed.success) {
      const issue = firstIssue(parsed);
      const column = TASK_FIELD_COLUMN[issue.path.split('.')[0]!] ?? '';
      err(row, column, `${column ? `${column}：` : ''}${issue.message}`);
      continue;
    }
    l.tasks.push(parsed.data);
  }
}

const INFO_FIELD_OF: Record<string, string> = {
  name: '预案名称',
  level: '预案层级',
  type: '预案类型',
  eventCodes: '适用事件类型',
  summary: '概述',
};

/** Reads a plan workbook: the content, or every problem found with its sheet, row and column. */
export async function readPlanWorkbook(buf: Buffer): Promise<{ content: PlanContent } | { errors: PlanImportErrorDto[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    return { errors: [{ sheet: '', row: 0, column: '', message: '无法读取 Excel 文件，请上传 .xlsx 格式的预案文件' }] };
  }
  const errors: PlanImportErrorDto[] = [];
  const info = readSheet(wb, SHEET_INFO, ['项目', '内容'], errors);
  const levelRows = readSheet(wb, SHEET_LEVELS, LEVEL_COLUMNS, errors);
  const taskRows = readSheet(wb, SHEET_TASKS, TASK_COLUMNS, errors);
  if (!info || !levelRows || !taskRows) return { errors };

  const fields = new Map<string, { row: number; value: string }>();
  for (const { row, cells } of info.rows)
    if ((INFO_FIELDS as readonly string[]).includes(cells['项目']!)) fields.set(cells['项目']!, { row, value: cells['内容']! });
  const rowOf = (f: string) => fields.get(f)?.row ?? 0;
  const infoErr = (f: string, message: string) => errors.push({ sheet: SHEET_INFO, row: rowOf(f), column: f, message });
  const levelText = fields.get('预案层级')?.value ?? '';
  const typeText = fields.get('预案类型')?.value ?? '';
  const level = lookup(levelText, PLAN_LEVELS, PLAN_LEVEL_ZH);
  const type = lookup(typeText, PLAN_TYPES, PLAN_TYPE_ZH);
  if (!level) infoErr('预案层级', `预案层级“${levelText}”无效，可选：市级、县级、企业`);
  if (!type) infoErr('预案类型', `预案类型“${typeText}”无效，可选：${PLAN_TYPES.map((x) => PLAN_TYPE_ZH[x]).join('、')}`);

  const levels = readLevels(levelRows, errors);
  readTasks(taskRows, levels, errors);
  if (errors.length) return { errors };

  const summary = fields.get('概述')?.value;
  const parsed = PlanContent.safeParse({
    name: fields.get('预案名称')?.value ?? '',
    level,
    type,
    eventCodes: splitCodes(fields.get('适用事件类型')?.value ?? ''),
    ...(summary ? { summary } : {}),
    levels: RESPONSE_LEVELS.filter((l) => levels.has(l)).map((l) => levels.get(l)!),
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const f = INFO_FIELD_OF[String(i.path[0])];
      if (f) infoErr(f, `${f}：${i.message}`);
      else errors.push({ sheet: SHEET_LEVELS, row: 0, column: '', message: i.message });
    }
    return { errors };
  }
  return { content: parsed.data };
}

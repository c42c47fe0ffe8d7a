import {
  PLAN_RESOURCE_KIND_ZH,
  PLAN_RESOURCE_KINDS,
  RESPONSE_LEVELS,
  type CreatePlanInput,
  type PlanCondition,
  type PlanConditionKind,
  type PlanDto,
  type PlanLevel,
  type PlanResourceKind,
  type PlanResourceNeed,
  type PlanResponseLevel,
  type PlanStatus,
  type PlanTaskTemplate,
  type PlanType,
  type ResponseLevel,
  type WarningColour,
} from '@vigil/shared';
import { ApiError, fieldPath } from '../../lib/api-error';
import { resourceText } from './plan-format';

/** Values of the list's filter form. */
export interface PlanFilterValues {
  q?: string;
  status?: PlanStatus;
  level?: PlanLevel;
  type?: PlanType;
  eventCode?: string;
}

/** The query of `GET /plans` without paging (blanks left out). */
export type PlanFilters = PlanFilterValues;

/** The filter form → the list query: text trimmed, the event code upper-cased, blanks dropped. */
export function toPlanFilters(v: PlanFilterValues): PlanFilters {
  const out: PlanFilters = {};
  const q = v.q?.trim();
  if (q) out.q = q;
  if (v.status) out.status = v.status;
  if (v.level) out.level = v.level;
  if (v.type) out.type = v.type;
  const code = v.eventCode?.trim().toUpperCase();
  if (code) out.eventCode = code;
  return out;
}

/** One start condition row: a count, a grade or a colour goes in `min`; event codes in `codes`. */
export interface ConditionRow {
  kind?: PlanConditionKind;
  min?: number | string | null;
  codes?: string[];
}

/** One task template row; resources are written as `类别/代码/数量/备注` entries separated by `；`. */
export interface TaskRow {
  title?: string;
  responsibleOrgId?: string | null;
  responsibleRole?: string;
  action?: string;
  deadlineMinutes?: number | null;
  resources?: string;
}

export interface LevelValues {
  level?: ResponseLevel;
  mode?: 'any' | 'all';
  note?: string;
  conditions?: ConditionRow[];
  tasks?: TaskRow[];
}

/** Values of the plan editor. */
export interface PlanFormValues {
  name?: string;
  orgId?: string | null;
  level?: PlanLevel;
  type?: PlanType;
  eventCodes?: string[];
  summary?: string;
  levels?: LevelValues[];
}

/** The body shared by `POST /plans` and `PUT /plans/:id` (the latter adds `revision`, the former may add `orgId`). */
export type PlanRequest = Omit<CreatePlanInput, 'orgId'>;

const blank = (v: string | null | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

const KIND_BY_NAME = new Map<string, PlanResourceKind>([
  ...PLAN_RESOURCE_KINDS.map((k) => [k, k] as const),
  ...PLAN_RESOURCE_KINDS.map((k) => [PLAN_RESOURCE_KIND_ZH[k], k] as const),
  ['队伍', 'team'],
  ['救援队', 'team'],
]);

/** Result of reading the resources text of a task row. */
export type ResourcesParse = { ok: true; resources: PlanResourceNeed[] } | { ok: false; error: string };

/**
 * Reads a task's resources written as `类别/代码/数量/备注` entries separated by `；` (or `;`, a line
 * break): `救援队伍/XFJY/20/消防救援队伍；车辆//10`. The kind is a Chinese name or an API name.
 */
export function parseResources(text: string | undefined): ResourcesParse {
  const entries = (text ?? '')
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const resources: PlanResourceNeed[] = [];
  for (const [i, entry] of entries.entries()) {
    const [kindText = '', code = '', qty = '', ...rest] = entry.split('/').map((s) => s.trim());
    const kind = KIND_BY_NAME.get(kindText) ?? KIND_BY_NAME.get(kindText.toLowerCase());
    if (!kind)
      return {
        ok: false,
        error: `第 ${i + 1} 项资源的类别“${kindText}”无法识别，应为：${Object.values(PLAN_RESOURCE_KIND_ZH).join('、')}`,
      };
    const r: PlanResourceNeed = { kind };
    if (code) {
      if (!/^[0-9A-Za-z_.-]{1,40}$/.test(code))
        return { ok: false, error: `第 ${i + 1} 项资源的代码“${code}”只能包含字母、数字、点、下划线和短横线` };
      r.code = code;
    }
    if (qty) {
      const n = Number(qty);
      if (!Number.isInteger(n) || n < 1) return { ok: false, error: `第 ${i + 1} 项资源的数量“${qty}”须为大于 0 的整数` };
      r.quantity = n;
    }
    const note = rest.join('/').trim();
    if (note) r.note = note;
    resources.push(r);
  }
  return { ok: true, resources };
}

/** Resources → the editable text (the inverse of `parseResources`). */
export function formatResources(list: readonly PlanResourceNeed[]): string {
  return list
    .map((r) => [PLAN_RESOURCE_KIND_ZH[r.kind], r.code ?? '', r.quantity ?? '', r.note ?? ''].join('/').replace(/\/+$/, ''))
    .join('；');
}

/** Readable resources for tables: one entry per line. */
export const resourcesLines = (list: readonly PlanResourceNeed[]): string[] => list.map(resourceText);

/** A condition row → the contract's condition (the editor's validation makes sure the needed value is there). */
export function toCondition(row: ConditionRow): PlanCondition {
  switch (row.kind) {
    case 'incidentGrade':
      return { kind: 'incidentGrade', min: row.min as ResponseLevel };
    case 'warningColour':
      return { kind: 'warningColour', min: row.min as WarningColour };
    case 'eventCode':
      return { kind: 'eventCode', codes: (row.codes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean) };
    case 'dead':
    case 'injured':
    case 'missing':
    case 'evacuated':
      return { kind: row.kind, min: Number(row.min) };
    default:
      throw new Error(`unknown condition kind: ${String(row.kind)}`);
  }
}

/** A condition → its editor row. */
export function toConditionRow(c: PlanCondition): ConditionRow {
  return c.kind === 'eventCode' ? { kind: c.kind, codes: [...c.codes] } : { kind: c.kind, min: c.min };
}

function toTask(row: TaskRow): PlanTaskTemplate {
  const parsed = parseResources(row.resources);
  const task: PlanTaskTemplate = {
    title: row.title?.trim() ?? '',
    action: row.action?.trim() ?? '',
    deadlineMinutes: row.deadlineMinutes ?? 0,
    resources: parsed.ok ? parsed.resources : [],
  };
  if (row.responsibleOrgId) task.responsibleOrgId = row.responsibleOrgId;
  const role = blank(row.responsibleRole);
  if (role) task.responsibleRole = role;
  return task;
}

/** The editor → the API body: text trimmed, blanks left out, levels in the order they were edited. */
export function toPlanRequest(v: PlanFormValues): PlanRequest {
  const levels: PlanResponseLevel[] = (v.levels ?? []).map((l) => {
    const out: PlanResponseLevel = {
      level: l.level!,
      start: { mode: l.mode ?? 'any', conditions: (l.conditions ?? []).map(toCondition) },
      tasks: (l.tasks ?? []).map(toTask),
    };
    const note = blank(l.note);
    if (note) out.note = note;
    return out;
  });
  const out: PlanRequest = {
    name: v.name?.trim() ?? '',
    level: v.level!,
    type: v.type!,
    eventCodes: (v.eventCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean),
    levels,
  };
  const summary = blank(v.summary);
  if (summary) out.summary = summary;
  return out;
}

/** A stored plan → the editor's values. */
export function toPlanFormValues(p: PlanDto): PlanFormValues {
  return {
    name: p.name,
    orgId: p.orgId,
    level: p.level,
    type: p.type,
    eventCodes: [...p.eventCodes],
    summary: p.summary ?? undefined,
    levels: p.levels.map((l) => ({
      level: l.level,
      mode: l.start.mode,
      note: l.note,
      conditions: l.start.conditions.map(toConditionRow),
      tasks: l.tasks.map((t) => ({
        title: t.title,
        responsibleOrgId: t.responsibleOrgId ?? null,
        responsibleRole: t.responsibleRole,
        action: t.action,
        deadlineMinutes: t.deadlineMinutes,
        resources: formatResources(t.resources),
      })),
    })),
  };
}

/** The first response level not yet in the editor (I first), for “add a level”; null when all four are there. */
export function nextFreeLevel(levels: readonly (LevelValues | undefined)[] | undefined): ResponseLevel | null {
  const used = new Set((levels ?? []).map((l) => l?.level));
  return RESPONSE_LEVELS.find((l) => !used.has(l)) ?? null;
}

/** A new level for the editor: one empty condition row, no tasks. */
export const emptyLevel = (level: ResponseLevel): LevelValues => ({ level, mode: 'any', conditions: [{ kind: 'dead' }], tasks: [] });

const TOP = new Set(['name', 'orgId', 'level', 'type', 'eventCodes', 'summary']);

/**
 * Where a server field error belongs on the editor: `levels.0.start.conditions.1.min` → that row's
 * threshold, `levels.0.start.mode` → the level's mode, `levels.0.tasks.2.resources.0.code` → the
 * task's resources text, `eventCodes.1` → the event codes. Null for what the form has no field for
 * (`revision`, `levels` as a whole, the body).
 */
export function planFormFieldOf(serverField: string): (string | number)[] | null {
  const path = fieldPath(serverField);
  const [first, i, section, j, field] = path;
  if (typeof first !== 'string') return null;
  if (TOP.has(first)) return [first];
  if (first !== 'levels' || typeof i !== 'number') return null;
  if (section === 'level' || section === 'note') return ['levels', i, section];
  if (section === 'start') {
    // levels.0.start.conditions.1.min
    const [, , , what, k, leaf] = path;
    if (what === 'mode') return ['levels', i, 'mode'];
    if (what === 'conditions' && typeof k === 'number') {
      if (leaf === 'codes') return ['levels', i, 'conditions', k, 'codes'];
      if (leaf === 'kind') return ['levels', i, 'conditions', k, 'kind'];
      return ['levels', i, 'conditions', k, 'min'];
    }
    return null;
  }
  if (section === 'tasks' && typeof j === 'number') {
    if (
      field === 'title' ||
      field === 'responsibleOrgId' ||
      field === 'responsibleRole' ||
      field === 'action' ||
      field === 'deadlineMinutes'
    )
      return ['levels', i, 'tasks', j, field];
    if (field === 'resources') return ['levels', i, 'tasks', j, 'resources'];
    return ['levels', i, 'tasks', j, 'title'];
  }
  return null;
}

/** The server's field errors grouped by editor field, ready for antd `form.setFields`. */
export function planFieldErrors(err: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of err.fieldErrors) {
    const name = planFormFieldOf(e.field);
    if (!name) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(e.message)) entry.errors.push(e.message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/** One row of an Excel import's problems (`rowErrors` of the 400 problem). */
export interface ImportRowError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** The row errors of a failed import: `rowErrors` of a workbook, else the field errors of a JSON document. */
export function importRowErrors(err: unknown): ImportRowError[] {
  if (!(err instanceof ApiError)) return [];
  const rows = err.extra.rowErrors;
  if (Array.isArray(rows)) {
    return rows.flatMap((r: unknown): ImportRowError[] => {
      if (typeof r !== 'object' || r === null) return [];
      const o = r as Record<string, unknown>;
      return [
        {
          sheet: typeof o.sheet === 'string' ? o.sheet : '',
          row: typeof o.row === 'number' ? o.row : 0,
          column: typeof o.column === 'string' ? o.column : '',
          message: typeof o.message === 'string' ? o.message : '',
        },
      ];
    });
  }
  return err.fieldErrors.map((e) => ({ sheet: '', row: 0, column: e.field, message: e.message }));
}

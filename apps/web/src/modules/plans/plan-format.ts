import type { PlanChangeDto, PlanCondition, PlanResourceNeed, PlanStatus, ResponseLevel, WarningColour } from '@vigil/shared';
import { PLAN_CONDITION_ZH, PLAN_RESOURCE_KIND_ZH, RESPONSE_LEVELS } from '@vigil/shared';

const RESPONSE_LEVEL_LIST: readonly ResponseLevel[] = RESPONSE_LEVELS;

export type Lang = 'zh' | 'en';

/** Tag colours of the plan statuses. */
export const PLAN_STATUS_TAG: Record<PlanStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  active: 'success',
  retired: 'warning',
};

/** Roman numerals of the response levels (Ⅰ is the highest). */
export const LEVEL_ROMAN: Record<ResponseLevel, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

/** An incident grade 1–4 as its numeral (Ⅰ … Ⅳ); null when not graded. */
export function gradeText(grade: number | null): string | null {
  const level = grade ? RESPONSE_LEVEL_LIST[grade - 1] : undefined;
  return level ? LEVEL_ROMAN[level] : null;
}

/** Incident grades by letter: I 特别重大 … IV 一般. */
const GRADE_ZH: Record<ResponseLevel, string> = { I: '特别重大', II: '重大', III: '较大', IV: '一般' };
const GRADE_EN: Record<ResponseLevel, string> = { I: 'particularly serious', II: 'serious', III: 'major', IV: 'general' };
const COLOUR_ZH: Record<WarningColour, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

const COUNT_ZH = { dead: '死亡', injured: '受伤', missing: '失踪', evacuated: '紧急转移' } as const;
const COUNT_EN = { dead: 'Deaths', injured: 'Injured', missing: 'Missing', evacuated: 'Evacuated' } as const;

/**
 * A start condition as a plain sentence: `{kind: 'dead', min: 3}` → “死亡 ≥ 3 人”,
 * `{kind: 'incidentGrade', min: 'II'}` → “事件等级 ≥ Ⅱ级（重大）”, a colour → “预警 ≥ 橙色”.
 */
export function conditionText(c: PlanCondition, lang: Lang = 'zh'): string {
  switch (c.kind) {
    case 'dead':
    case 'injured':
    case 'missing':
    case 'evacuated':
      return lang === 'zh' ? `${COUNT_ZH[c.kind]} ≥ ${c.min} 人` : `${COUNT_EN[c.kind]} ≥ ${c.min}`;
    case 'incidentGrade':
      return lang === 'zh' ? `事件等级 ≥ ${LEVEL_ROMAN[c.min]}级（${GRADE_ZH[c.min]}）` : `Incident grade ≥ ${c.min} (${GRADE_EN[c.min]})`;
    case 'warningColour':
      return lang === 'zh' ? `预警 ≥ ${COLOUR_ZH[c.min]}` : `Warning ≥ ${c.min}`;
    case 'eventCode':
      return lang === 'zh' ? `事件类型属于 ${c.codes.join('、')}` : `Event type in ${c.codes.join(', ')}`;
  }
}

/** “任一条件满足即启动” / “全部条件满足方启动”. */
export function modeText(mode: 'any' | 'all', lang: Lang = 'zh'): string {
  if (lang === 'en') return mode === 'any' ? 'Any condition starts the response' : 'All conditions must hold';
  return mode === 'any' ? '满足任一条件即启动' : '全部条件满足方启动';
}

/** A resource need as one line: “救援队伍 XFJY × 20（备注）”. */
export function resourceText(r: PlanResourceNeed): string {
  const parts = [PLAN_RESOURCE_KIND_ZH[r.kind]];
  if (r.code) parts.push(r.code);
  let s = parts.join(' ');
  if (r.quantity !== undefined) s += ` × ${r.quantity}`;
  if (r.note) s += `（${r.note}）`;
  return s;
}

/** A deadline in minutes as “30 分钟”, “4 小时”, “1 天 2 小时”. */
export function deadlineText(minutes: number, lang: Lang = 'zh'): string {
  if (minutes === 0) return lang === 'zh' ? '立即' : 'At once';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const out: string[] = [];
  if (lang === 'zh') {
    if (d) out.push(`${d} 天`);
    if (h) out.push(`${h} 小时`);
    if (m) out.push(`${m} 分钟`);
  } else {
    if (d) out.push(`${d} d`);
    if (h) out.push(`${h} h`);
    if (m) out.push(`${m} min`);
  }
  return out.join(' ');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const KINDS = new Set(Object.keys(PLAN_CONDITION_ZH));

/** A `before` / `after` value of a diff change as text: conditions as sentences, lists joined, tasks by title; none → “—”. */
export function changeValueText(v: unknown, lang: Lang = 'zh'): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => changeValueText(x, lang)).join(lang === 'zh' ? '、' : ', ') : '—';
  if (isRecord(v)) {
    if (typeof v.kind === 'string' && KINDS.has(v.kind)) return conditionText(v as PlanCondition, lang);
    if (typeof v.title === 'string') {
      const deadline = typeof v.deadlineMinutes === 'number' ? `（${deadlineText(v.deadlineMinutes, lang)}）` : '';
      return `${v.title}${deadline}`;
    }
    if (typeof v.level === 'string' && isRecord(v.start)) return `${v.level}`;
  }
  return JSON.stringify(v);
}

/** The diff's changes grouped as the diff view shows them: plan fields first, then each response level I → IV. */
export function groupChanges(changes: readonly PlanChangeDto[]): { level: ResponseLevel | null; changes: PlanChangeDto[] }[] {
  const order: (ResponseLevel | null)[] = [null, 'I', 'II', 'III', 'IV'];
  return order.map((level) => ({ level, changes: changes.filter((c) => (c.level ?? null) === level) })).filter((g) => g.changes.length > 0);
}

import type { DeadlineKind } from '@vigil/shared';

/** One row of `deadline_rule`: how long an org has for one kind of report, per category and grade. */
export interface DeadlineRule {
  id: string;
  /** A national event code (`12000`, `12H00`, `12H01`) matched as a prefix of the event type; null = any. */
  category: string | null;
  /** Applies to grades 1..minGrade (1 = 特别重大); null = any grade, ungraded included. */
  minGrade: number | null;
  kind: DeadlineKind;
  offsetMinutes: number;
  repeatMinutes: number | null;
  description: string;
}

const DAY = 1440;

/**
 * Defaults from 国务院令493号 and 原安监总局令21号 (standards-cn.md §2.3–2.4). Seeded once; the
 * bureau may change the rows afterwards (seeding never overwrites an existing rule).
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  rule('first_phone', null, 3, 'first_phone', 30, null, '较大及以上事件：接报后 30 分钟内电话报告'),
  rule('first', null, null, 'first', 60, null, '接报后 1 小时内书面首报'),
  rule('forward', null, null, 'forward', 120, null, '收到下级报告后 2 小时内逐级上报'),
  rule('forward_province', null, 3, 'forward_province', 120, null, '较大及以上事件：市级收到报告后 2 小时内报送省应急管理厅'),
  rule('followup', null, null, 'followup', DAY, DAY, '处置期间至少每日续报一次'),
  rule('followup_major', null, 2, 'followup', 720, 720, '重大及以上事件：处置期间每日至少续报两次'),
  rule('supplement', null, null, 'supplement', 30 * DAY, DAY, '事发之日起 30 日内伤亡人数发生变化的，应当日补报'),
  rule('supplement_road', '12H00', null, 'supplement', 7 * DAY, DAY, '道路交通事故：事发之日起 7 日内伤亡人数发生变化的，应当日补报'),
  rule('supplement_fire', '12G00', null, 'supplement', 7 * DAY, DAY, '火灾事故：事发之日起 7 日内伤亡人数发生变化的，应当日补报'),
  rule('final', null, null, 'final', DAY, null, '事件结束后 24 小时内终报'),
  rule('instruction_feedback', null, null, 'instruction_feedback', 120, null, '领导批示：2 小时内反馈办理情况'),
];

function rule(
  id: string,
  category: string | null,
  minGrade: number | null,
  kind: DeadlineKind,
  offsetMinutes: number,
  repeatMinutes: number | null,
  description: string,
): DeadlineRule {
  return { id, category, minGrade, kind, offsetMinutes, repeatMinutes, description };
}

/**
 * The prefix a code stands for in the 5-character scheme: `10000` → `1`, `12000` → `12`,
 * `12H00` → `12H`, `12H01` → `12H01`.
 */
export function codePrefix(code: string): string {
  if (code.slice(1) === '0000') return code.slice(0, 1);
  if (code.slice(2) === '000') return code.slice(0, 2);
  if (code.slice(3) === '00') return code.slice(0, 3);
  return code;
}

function applies(r: DeadlineRule, eventType: string, grade: number | null): boolean {
  if (r.category !== null && !eventType.startsWith(codePrefix(r.category))) return false;
  if (r.minGrade !== null && (grade === null || grade > r.minGrade)) return false;
  return true;
}

/**
 * The rule for one kind of deadline: among those matching the event type and grade, the one with
 * the most specific category, then the narrowest grade band. Undefined = nothing required.
 */
export function pickRule(
  rules: readonly DeadlineRule[],
  kind: DeadlineKind,
  eventType: string,
  grade: number | null,
): DeadlineRule | undefined {
  const specificity = (r: DeadlineRule) => [
    r.category === null ? 0 : codePrefix(r.category).length,
    r.minGrade === null ? 0 : 5 - r.minGrade,
  ];
  return rules
    .filter((r) => r.kind === kind && applies(r, eventType, grade))
    .sort((a, b) => {
      const [ca, ga] = specificity(a);
      const [cb, gb] = specificity(b);
      return cb! - ca! || gb! - ga! || a.id.localeCompare(b.id);
    })[0];
}

/** `at` plus whole minutes. */
export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/**
 * Plan matching (预案匹配), pure: which active plans apply to an incident, and the highest
 * response level whose start conditions hold, with the conditions that held and those that did
 * not for every level. No database: the caller loads the incident's facts and the plans.
 */
import {
  PLAN_COLOUR_ORDER,
  RESPONSE_LEVELS,
  type ConditionResultDto,
  type EventMatch,
  type IncidentFacts,
  type LevelMatchDto,
  type PlanCondition,
  type PlanLevel,
  type PlanMatchDto,
  type PlanResponseLevel,
  type PlanType,
  type ResponseLevel,
  type WarningColour,
} from '@vigil/shared';

/** What matching needs of an active plan version. */
export interface MatchablePlan {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  level: PlanLevel;
  type: PlanType;
  versionNo: number;
  eventCodes: readonly string[];
  levels: readonly PlanResponseLevel[];
}

const GRADE_OF: Record<ResponseLevel, 1 | 2 | 3 | 4> = { I: 1, II: 2, III: 3, IV: 4 };
const LETTER_OF: Record<1 | 2 | 3 | 4, ResponseLevel> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };
const COLOUR_ZH: Record<WarningColour, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };
const COUNT_ZH = { dead: '死亡', injured: '受伤', missing: '失踪', evacuated: '紧急转移' } as const;

/**
 * How a plan's event code covers an incident's code: the same code (`exact`), a class such as
 * 11B00 covering 11B01 (`class`), or a category such as 11000 or 10000 covering everything below
 * it (`category`); null when it does not cover it.
 */
export function codeCovers(planCode: string, incidentCode: string): EventMatch | null {
  if (planCode === incidentCode) return 'exact';
  if (/^\d0000$/.test(planCode)) return incidentCode.startsWith(planCode.slice(0, 1)) ? 'category' : null;
  if (/^\d\d000$/.test(planCode)) return incidentCode.startsWith(planCode.slice(0, 2)) ? 'category' : null;
  if (/^\d\d[0-9A-Z]00$/.test(planCode)) return incidentCode.startsWith(planCode.slice(0, 3)) ? 'class' : null;
  return null;
}

const EVENT_RANK: Record<EventMatch, number> = { exact: 3, class: 2, category: 1 };

/** The closest cover among the plan's codes, or null when the plan does not apply to the event. */
export function eventMatchOf(codes: readonly string[], incidentCode: string): EventMatch | null {
  let best: EventMatch | null = null;
  for (const c of codes) {
    const m = codeCovers(c, incidentCode);
    if (m && (!best || EVENT_RANK[m] > EVENT_RANK[best])) best = m;
  }
  return best;
}

/** Evaluates one start condition against the facts. Grades and colours count "at least as severe". */
export function evaluateCondition(c: PlanCondition, f: IncidentFacts): ConditionResultDto {
  switch (c.kind) {
    case 'incidentGrade': {
      const actual = f.grade === null ? null : LETTER_OF[f.grade];
      const met = f.grade !== null && f.grade <= GRADE_OF[c.min];
      return { condition: c, met, actual, text: `事件等级达到${c.min}级及以上（当前：${actual ? `${actual}级` : '未定级'}）` };
    }
    case 'dead':
    case 'injured':
    case 'missing':
    case 'evacuated': {
      const actual = f[c.kind];
      return { condition: c, met: actual >= c.min, actual, text: `${COUNT_ZH[c.kind]}人数 ≥ ${c.min}（当前：${actual}）` };
    }
    case 'warningColour': {
      const actual = f.warningColour;
      const met = actual !== null && PLAN_COLOUR_ORDER.indexOf(actual) >= PLAN_COLOUR_ORDER.indexOf(c.min);
      return {
        condition: c,
        met,
        actual,
        text: `区域内生效预警达到${COLOUR_ZH[c.min]}及以上（当前：${actual ? COLOUR_ZH[actual] : '无'}）`,
      };
    }
    case 'eventCode': {
      const met = c.codes.some((code) => codeCovers(code, f.eventCode) !== null);
      return { condition: c, met, actual: f.eventCode, text: `事件类型属于 ${c.codes.join('、')}（当前：${f.eventCode}）` };
    }
  }
}

/** Evaluates a response level: `all` needs every condition, `any` one of them. */
export function evaluateLevel(level: PlanResponseLevel, f: IncidentFacts): LevelMatchDto {
  const results = level.start.conditions.map((c) => evaluateCondition(c, f));
  const matched = results.filter((r) => r.met);
  const unmatched = results.filter((r) => !r.met);
  const met = results.length > 0 && (level.start.mode === 'all' ? unmatched.length === 0 : matched.length > 0);
  return { level: level.level, mode: level.start.mode, met, matched, unmatched };
}

const LEVEL_SCORE: Record<ResponseLevel, number> = { I: 40, II: 30, III: 20, IV: 10 };
const EVENT_SCORE: Record<EventMatch, number> = { exact: 300, class: 200, category: 100 };
const TYPE_SCORE: Record<PlanType, number> = { special: 3, department: 2, event: 1, overall: 0 };

/**
 * Matches one plan: null when its event codes do not cover the incident; otherwise every level
 * evaluated (I first) and the highest level that holds suggested. The score ranks the closest
 * event cover first, then the higher suggested level, then special plans before overall ones.
 */
export function matchPlan(plan: MatchablePlan, f: IncidentFacts): PlanMatchDto | null {
  const eventMatch = eventMatchOf(plan.eventCodes, f.eventCode);
  if (!eventMatch) return null;
  const levels = [...plan.levels]
    .sort((a, b) => RESPONSE_LEVELS.indexOf(a.level) - RESPONSE_LEVELS.indexOf(b.level))
    .map((l) => evaluateLevel(l, f));
  const suggestedLevel = levels.find((l) => l.met)?.level ?? null;
  const score = EVENT_SCORE[eventMatch] + (suggestedLevel ? LEVEL_SCORE[suggestedLevel] : 0) + TYPE_SCORE[plan.type];
  return {
    planId: plan.id,
    name: plan.name,
    orgId: plan.orgId,
    orgName: plan.orgName,
    level: plan.level,
    type: plan.type,
    versionNo: plan.versionNo,
    eventMatch,
    suggestedLevel,
    levels,
    score,
  };
}

/** The applicable plans, best first (score, then name for a stable order). */
export function rankPlans(plans: readonly MatchablePlan[], f: IncidentFacts): PlanMatchDto[] {
  return plans
    .map((p) => matchPlan(p, f))
    .filter((m): m is PlanMatchDto => m !== null)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN') || a.planId.localeCompare(b.planId));
}

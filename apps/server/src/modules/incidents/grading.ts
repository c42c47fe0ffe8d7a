import type { GradingCriterion, GradingRuleDto, IncidentGrade } from '@vigil/shared';

/** The numbers of an incident that grading rules can test. */
export interface GradeInputs {
  category: string;
  dead: number;
  missing: number;
  seriouslyInjured: number;
  lightlyInjured: number;
  directLossYuan: number;
  affected: number;
  evacuated: number;
}

/** The value a criterion reads from an incident. */
export function criterionValue(c: GradingCriterion, i: GradeInputs): number {
  switch (c) {
    case 'dead':
      return i.dead;
    case 'missing':
      return i.missing;
    case 'dead_missing':
      return i.dead + i.missing;
    case 'seriously_injured':
      return i.seriouslyInjured;
    case 'injured':
      return i.seriouslyInjured + i.lightlyInjured;
    case 'casualties':
      return i.dead + i.missing + i.seriouslyInjured + i.lightlyInjured;
    case 'direct_loss_yuan':
      return i.directLossYuan;
    case 'affected':
      return i.affected;
    case 'evacuated':
      return i.evacuated;
  }
}

/**
 * The grade an incident reaches under the rules of its category: every rule whose criterion is
 * at least its threshold (以上 includes the number) proposes its grade, and the most severe
 * proposal wins (1 = I 特别重大). Null when no rule applies (nothing to grade yet).
 */
export function computeGrade(rules: readonly GradingRuleDto[], incident: GradeInputs): IncidentGrade | null {
  let best: IncidentGrade | null = null;
  for (const r of rules) {
    if (r.category !== incident.category) continue;
    if (criterionValue(r.criterion, incident) < r.threshold) continue;
    if (best === null || r.grade < best) best = r.grade as IncidentGrade;
  }
  return best;
}

/**
 * The effective grade after a recomputation: a computed grade follows the rules; an override
 * stays unless the rules now reach a more severe grade (an escalation is never hidden).
 */
export function effectiveGrade(
  current: { grade: number | null; grade_source: 'computed' | 'override' },
  computed: number | null,
): { grade: number | null; source: 'computed' | 'override' } {
  if (current.grade_source === 'computed') return { grade: computed, source: 'computed' };
  if (computed !== null && (current.grade === null || computed < current.grade)) return { grade: computed, source: 'computed' };
  return { grade: current.grade, source: 'override' };
}

/**
 * Problems of a rule set as field errors: for one category and criterion a more severe grade must
 * need a strictly higher threshold, or the rules contradict each other.
 */
export function ruleSetProblems(rules: readonly GradingRuleDto[]): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  rules.forEach((r, i) => {
    const clash = rules.find(
      (o) => o !== r && o.category === r.category && o.criterion === r.criterion && o.grade > r.grade && o.threshold >= r.threshold,
    );
    if (clash)
      out.push({
        field: `rules.${i}.threshold`,
        message: `${r.category} ${r.criterion}：${r.grade} 级阈值必须高于 ${clash.grade} 级阈值（${clash.threshold}）`,
      });
  });
  return out;
}

const ladder = (category: string, criterion: GradingCriterion, t1: number | null, t2: number, t3: number): GradingRuleDto[] =>
  [
    ...(t1 === null ? [] : [{ category, criterion, grade: 1, threshold: t1 }]),
    { category, criterion, grade: 2, threshold: t2 },
    { category, criterion, grade: 3, threshold: t3 },
  ] as GradingRuleDto[];

const anyHarm = (category: string, extra: GradingCriterion[] = []): GradingRuleDto[] =>
  (['casualties', 'direct_loss_yuan', ...extra] as GradingCriterion[]).map((criterion) => ({
    category,
    criterion,
    grade: 4,
    // Grade IV as soon as anyone is hurt or missing, or any loss (in fen: 0.01 yuan) is recorded.
    threshold: criterion === 'direct_loss_yuan' ? 0.01 : 1,
  })) as GradingRuleDto[];

/**
 * The rule set installed on first start; the city bureau edits it in the app.
 *
 * - 12000 事故灾难: 国务院令第493号 art. 3 — deaths 30/10/3, serious injuries 100/50/10, direct
 *   loss 1亿/5000万/1000万 yuan for I/II/III; IV for any casualty or loss below those.
 * - 11000 自然灾害: modelled on 国家突发地质灾害应急预案 — deaths incl. missing 30/10/3, direct loss
 *   1000万/500万/100万 yuan; IV for any casualty, loss or evacuation. Typhoon/flood plans of Fujian
 *   may set other numbers: adjust locally.
 * - 13000 公共卫生事件: modelled on the food-safety accident plan — 10+ deaths → II, any death or
 *   100+ cases (injured) → III, any case → IV. I is declared by the State Council (override).
 * - 14000 社会安全事件 and 19000 其它: graded by their own plans (standards-cn §2.1); placeholders
 *   mirroring the accident death thresholds 30/10/3, IV for any casualty or loss.
 */
export const DEFAULT_GRADING_RULES: readonly GradingRuleDto[] = [
  ...ladder('12000', 'dead', 30, 10, 3),
  ...ladder('12000', 'seriously_injured', 100, 50, 10),
  ...ladder('12000', 'direct_loss_yuan', 100_000_000, 50_000_000, 10_000_000),
  ...anyHarm('12000'),
  ...ladder('11000', 'dead_missing', 30, 10, 3),
  ...ladder('11000', 'direct_loss_yuan', 10_000_000, 5_000_000, 1_000_000),
  ...anyHarm('11000', ['evacuated']),
  ...ladder('13000', 'dead', null, 10, 1),
  { category: '13000', criterion: 'injured', grade: 3, threshold: 100 },
  ...anyHarm('13000'),
  ...ladder('14000', 'dead', 30, 10, 3),
  ...anyHarm('14000'),
  ...ladder('19000', 'dead', 30, 10, 3),
  ...anyHarm('19000'),
];

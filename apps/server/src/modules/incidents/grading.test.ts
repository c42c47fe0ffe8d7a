import type { GradingRuleDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { computeGrade, DEFAULT_GRADING_RULES, effectiveGrade, ruleSetProblems, type GradeInputs } from './grading.js';

const accident = (o: Partial<GradeInputs>): GradeInputs => ({
  category: '12000',
  dead: 0,
  missing: 0,
  seriouslyInjured: 0,
  lightlyInjured: 0,
  directLossYuan: 0,
  affected: 0,
  evacuated: 0,
  ...o,
});

describe('computeGrade with 国务院令493号 (事故灾难)', () => {
  it.each([
    [0, null],
    [1, 4],
    [2, 4],
    [3, 3],
    [9, 3],
    [10, 2],
    [29, 2],
    [30, 1],
    [31, 1],
  ])('%i dead → grade %s', (dead, grade) => {
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ dead }))).toBe(grade);
  });

  it.each([
    [9, 4],
    [10, 3],
    [49, 3],
    [50, 2],
    [99, 2],
    [100, 1],
  ])('%i seriously injured → grade %s', (seriouslyInjured, grade) => {
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ seriouslyInjured }))).toBe(grade);
  });

  it.each([
    [0, null],
    [0.01, 4],
    [9_999_999, 4],
    [10_000_000, 3],
    [49_999_999.99, 3],
    [50_000_000, 2],
    [99_999_999, 2],
    [100_000_000, 1],
  ])('direct loss %d yuan → grade %s', (directLossYuan, grade) => {
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ directLossYuan }))).toBe(grade);
  });

  it('takes the most severe grade any criterion reaches', () => {
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ dead: 2, seriouslyInjured: 50 }))).toBe(2);
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ dead: 10, directLossYuan: 100_000_000 }))).toBe(1);
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ dead: 3, seriouslyInjured: 9, directLossYuan: 9_999_999 }))).toBe(3);
  });

  it('grades only with the rules of the incident category', () => {
    const onlyAccidents = DEFAULT_GRADING_RULES.filter((r) => r.category === '12000');
    expect(computeGrade(onlyAccidents, accident({ category: '11000', dead: 40 }))).toBeNull();
    // natural disasters count the missing with the dead
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ category: '11000', dead: 2, missing: 1 }))).toBe(3);
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ category: '11000', evacuated: 200 }))).toBe(4);
  });

  it('public health: any death is 较大, ten are 重大, and 特别重大 is never computed', () => {
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ category: '13000', lightlyInjured: 30 }))).toBe(4);
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ category: '13000', dead: 1 }))).toBe(3);
    expect(computeGrade(DEFAULT_GRADING_RULES, accident({ category: '13000', dead: 500 }))).toBe(2);
  });
});

describe('ruleSetProblems', () => {
  it('accepts the defaults', () => {
    expect(ruleSetProblems(DEFAULT_GRADING_RULES)).toEqual([]);
  });

  it('names a rule whose severer grade does not need a higher threshold', () => {
    const rules: GradingRuleDto[] = [
      { category: '12000', criterion: 'dead', grade: 1, threshold: 10 },
      { category: '12000', criterion: 'dead', grade: 2, threshold: 10 },
    ];
    expect(ruleSetProblems(rules).map((p) => p.field)).toEqual(['rules.0.threshold']);
  });
});

describe('effectiveGrade', () => {
  it('follows the rules while the grade is computed', () => {
    expect(effectiveGrade({ grade: 4, grade_source: 'computed' }, 3)).toEqual({ grade: 3, source: 'computed' });
    expect(effectiveGrade({ grade: 3, grade_source: 'computed' }, null)).toEqual({ grade: null, source: 'computed' });
  });

  it('keeps an override unless the rules now reach a more severe grade', () => {
    expect(effectiveGrade({ grade: 3, grade_source: 'override' }, 4)).toEqual({ grade: 3, source: 'override' });
    expect(effectiveGrade({ grade: 3, grade_source: 'override' }, 3)).toEqual({ grade: 3, source: 'override' });
    expect(effectiveGrade({ grade: 3, grade_source: 'override' }, 2)).toEqual({ grade: 2, source: 'computed' });
  });
});

import type { LevelMatchDto, PlanAbilitiesDto, PlanDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { compareTargets, defaultAgainst, matchLines, stepButtons } from './plan-actions';

const none: PlanAbilitiesDto = {
  edit: false,
  submit: false,
  approve: false,
  reject: false,
  activate: false,
  retire: false,
  newVersion: false,
};

describe('stepButtons', () => {
  it('shows only what the abilities allow, in workflow order', () => {
    expect(stepButtons(undefined)).toEqual([]);
    expect(stepButtons(none)).toEqual([]);
    expect(stepButtons({ ...none, edit: true, submit: true }).map((b) => b.step)).toEqual(['edit', 'submit']);
    const approver = stepButtons({ ...none, approve: true, reject: true });
    expect(approver.map((b) => [b.step, b.input])).toEqual([
      ['approve', 'note'],
      ['reject', 'reason'],
    ]);
    expect(stepButtons({ ...none, retire: true, newVersion: true, activate: true }).map((b) => b.step)).toEqual([
      'activate',
      'newVersion',
      'retire',
    ]);
  });
});

describe('versions to compare', () => {
  const v = (id: string, versionNo: number) => ({ id, versionNo }) as PlanDto;
  const versions = [v('c', 3), v('b', 2), v('a', 1)];
  it('offers the other versions and defaults to the one before', () => {
    expect(compareTargets(v('b', 2), versions).map((x) => x.id)).toEqual(['c', 'a']);
    expect(defaultAgainst(v('b', 2), versions)).toBe('a');
    expect(defaultAgainst(v('a', 1), versions)).toBe('c');
    expect(defaultAgainst(v('a', 1), [v('a', 1)])).toBeNull();
  });
});

describe('matchLines', () => {
  it('lists the met conditions first', () => {
    const l: LevelMatchDto = {
      level: 'II',
      mode: 'any',
      met: true,
      matched: [{ condition: { kind: 'dead', min: 3 }, met: true, actual: 5, text: '死亡 5 人 ≥ 3 人' }],
      unmatched: [{ condition: { kind: 'warningColour', min: 'orange' }, met: false, actual: null, text: '无橙色及以上预警' }],
    };
    expect(matchLines(l)).toEqual([
      { text: '死亡 5 人 ≥ 3 人', met: true, actual: 5 },
      { text: '无橙色及以上预警', met: false, actual: null },
    ]);
  });
});

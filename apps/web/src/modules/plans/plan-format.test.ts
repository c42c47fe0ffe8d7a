import type { PlanChangeDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { changeValueText, conditionText, deadlineText, groupChanges, modeText, resourceText } from './plan-format';

describe('conditionText', () => {
  it('writes casualty and evacuation thresholds in plain Chinese', () => {
    expect(conditionText({ kind: 'dead', min: 3 })).toBe('死亡 ≥ 3 人');
    expect(conditionText({ kind: 'injured', min: 10 })).toBe('受伤 ≥ 10 人');
    expect(conditionText({ kind: 'missing', min: 1 })).toBe('失踪 ≥ 1 人');
    expect(conditionText({ kind: 'evacuated', min: 10000 })).toBe('紧急转移 ≥ 10000 人');
  });

  it('writes grades, colours and event codes', () => {
    expect(conditionText({ kind: 'incidentGrade', min: 'II' })).toBe('事件等级 ≥ Ⅱ级（重大）');
    expect(conditionText({ kind: 'warningColour', min: 'orange' })).toBe('预警 ≥ 橙色');
    expect(conditionText({ kind: 'eventCode', codes: ['11B01', '11B02'] })).toBe('事件类型属于 11B01、11B02');
  });

  it('has an English form', () => {
    expect(conditionText({ kind: 'dead', min: 3 }, 'en')).toBe('Deaths ≥ 3');
    expect(conditionText({ kind: 'incidentGrade', min: 'I' }, 'en')).toBe('Incident grade ≥ I (particularly serious)');
  });
});

describe('other texts', () => {
  it('writes the mode, deadlines and resources', () => {
    expect(modeText('any')).toBe('满足任一条件即启动');
    expect(modeText('all')).toBe('全部条件满足方启动');
    expect(deadlineText(0)).toBe('立即');
    expect(deadlineText(30)).toBe('30 分钟');
    expect(deadlineText(240)).toBe('4 小时');
    expect(deadlineText(1570)).toBe('1 天 2 小时 10 分钟');
    expect(resourceText({ kind: 'team', code: 'XFJY', quantity: 20, note: '消防' })).toBe('救援队伍 XFJY × 20（消防）');
    expect(resourceText({ kind: 'vehicle', quantity: 10 })).toBe('车辆 × 10');
  });

  it('writes diff values', () => {
    expect(changeValueText(null)).toBe('—');
    expect(changeValueText('any')).toBe('any');
    expect(changeValueText(['11B01', '11B02'])).toBe('11B01、11B02');
    expect(changeValueText({ kind: 'dead', min: 10 })).toBe('死亡 ≥ 10 人');
    expect(changeValueText({ title: '渔船回港', deadlineMinutes: 240, action: 'x' })).toBe('渔船回港（4 小时）');
    expect(changeValueText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('groupChanges', () => {
  const c = (level: PlanChangeDto['level'], path: string): PlanChangeDto => ({
    scope: level ? 'condition' : 'field',
    op: 'changed',
    path,
    level,
    label: path,
    before: 1,
    after: 2,
  });
  it('puts the plan fields first and the levels in order I → IV, leaving out empty groups', () => {
    const groups = groupChanges([c('III', 'levels.III.note'), c(null, 'name'), c('I', 'levels.I')]);
    expect(groups.map((g) => g.level)).toEqual([null, 'I', 'III']);
    expect(groups[0]!.changes.map((x) => x.path)).toEqual(['name']);
  });
});

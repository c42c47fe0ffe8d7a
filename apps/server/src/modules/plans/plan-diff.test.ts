import type { PlanContent } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { diffPlans } from './plan-diff.js';

const base: PlanContent = {
  name: '泉州市防台风应急预案',
  level: 'city',
  type: 'special',
  eventCodes: ['11B01', '11B06'],
  summary: '总则',
  levels: [
    {
      level: 'IV',
      start: { mode: 'any', conditions: [{ kind: 'warningColour', min: 'blue' }] },
      tasks: [{ title: '启动值班', action: '进入值班状态', deadlineMinutes: 60, resources: [] }],
    },
    {
      level: 'III',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'yellow' },
          { kind: 'dead', min: 3 },
        ],
      },
      tasks: [{ title: '发布指引', action: '滚动发布', deadlineMinutes: 60, resources: [] }],
    },
  ],
};

const change = (c: { scope: string; op: string; path: string }) => `${c.scope} ${c.op} ${c.path}`;

describe('plan diff', () => {
  it('finds nothing between equal contents (event code order ignored)', () => {
    expect(diffPlans(base, { ...base, eventCodes: ['11B06', '11B01'] })).toEqual([]);
  });

  it('lists field changes with before and after', () => {
    const d = diffPlans(base, { ...base, name: '泉州市防台风应急预案（2026年修订）', summary: undefined });
    expect(d.map(change)).toEqual(['field changed name', 'field changed summary']);
    expect(d[0]).toMatchObject({ before: base.name, after: '泉州市防台风应急预案（2026年修订）', label: '预案名称修改' });
    expect(d[1]).toMatchObject({ before: '总则', after: null });
  });

  it('lists levels added and removed', () => {
    const d = diffPlans(base, {
      ...base,
      levels: [base.levels[0]!, { level: 'II', start: { mode: 'any', conditions: [{ kind: 'dead', min: 10 }] }, tasks: [] }],
    });
    expect(d.map(change)).toEqual(['level added levels.II', 'level removed levels.III']);
    expect(d[0]!.label).toBe('新增Ⅱ级响应');
  });

  it('lists conditions and tasks added, removed and changed inside a level', () => {
    const three = base.levels[1]!;
    const d = diffPlans(base, {
      ...base,
      levels: [
        base.levels[0]!,
        {
          ...three,
          start: {
            mode: 'all',
            conditions: [
              { kind: 'warningColour', min: 'orange' },
              { kind: 'evacuated', min: 1000 },
            ],
          },
          tasks: [
            { title: '发布指引', action: '每 3 小时发布一次', deadlineMinutes: 30, resources: [] },
            { title: '检查工地', action: '加固塔吊', deadlineMinutes: 360, resources: [] },
          ],
        },
      ],
    });
    expect(d.map(change)).toEqual([
      'condition changed levels.III.start.mode',
      'condition changed levels.III.start.conditions.warningColour',
      'condition removed levels.III.start.conditions.dead',
      'condition added levels.III.start.conditions.evacuated',
      'task changed levels.III.tasks.发布指引',
      'task added levels.III.tasks.检查工地',
    ]);
    expect(d.every((c) => c.level === 'III')).toBe(true);
    expect(d[1]).toMatchObject({ before: { kind: 'warningColour', min: 'yellow' }, after: { kind: 'warningColour', min: 'orange' } });
  });
});

import type { IncidentFacts, PlanCondition, PlanResponseLevel } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { codeCovers, evaluateCondition, evaluateLevel, matchPlan, rankPlans, type MatchablePlan } from './plan-matching.js';

const facts = (o: Partial<IncidentFacts> = {}): IncidentFacts => ({
  eventCode: '11B01',
  grade: null,
  dead: 0,
  injured: 0,
  missing: 0,
  evacuated: 0,
  warningColour: null,
  ...o,
});

const TYPHOON_LEVELS: PlanResponseLevel[] = [
  {
    level: 'IV',
    start: {
      mode: 'any',
      conditions: [
        { kind: 'warningColour', min: 'blue' },
        { kind: 'evacuated', min: 1000 },
      ],
    },
    tasks: [],
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
    tasks: [],
  },
  {
    level: 'II',
    start: {
      mode: 'any',
      conditions: [
        { kind: 'warningColour', min: 'orange' },
        { kind: 'incidentGrade', min: 'II' },
      ],
    },
    tasks: [],
  },
  {
    level: 'I',
    start: {
      mode: 'all',
      conditions: [
        { kind: 'warningColour', min: 'red' },
        { kind: 'evacuated', min: 100_000 },
      ],
    },
    tasks: [],
  },
];

const plan = (o: Partial<MatchablePlan> = {}): MatchablePlan => ({
  id: 'p1',
  name: '泉州市防台风应急预案',
  orgId: 'o',
  orgName: '泉州市应急管理局',
  level: 'city',
  type: 'special',
  versionNo: 1,
  eventCodes: ['11B01'],
  levels: TYPHOON_LEVELS,
  ...o,
});

describe('event code cover', () => {
  it.each([
    ['11B01', '11B01', 'exact'],
    ['11B00', '11B01', 'class'],
    ['11000', '11B01', 'category'],
    ['10000', '12D01', 'category'],
    ['12D00', '12D03', 'class'],
    ['12D00', '11B01', null],
    ['11B02', '11B01', null],
    ['12000', '11B01', null],
  ])('%s covers %s → %s', (planCode, incidentCode, expected) => {
    expect(codeCovers(planCode, incidentCode)).toBe(expected);
  });
});

describe('one condition', () => {
  it.each([
    // grades: "min II" holds for II and I (I is the most severe)
    [{ kind: 'incidentGrade', min: 'II' } as const, facts({ grade: 2 }), true, 'II'],
    [{ kind: 'incidentGrade', min: 'II' } as const, facts({ grade: 1 }), true, 'I'],
    [{ kind: 'incidentGrade', min: 'II' } as const, facts({ grade: 3 }), false, 'III'],
    [{ kind: 'incidentGrade', min: 'IV' } as const, facts({ grade: null }), false, null],
    // counts: at least the threshold
    [{ kind: 'dead', min: 3 } as const, facts({ dead: 3 }), true, 3],
    [{ kind: 'dead', min: 3 } as const, facts({ dead: 2 }), false, 2],
    [{ kind: 'injured', min: 10 } as const, facts({ injured: 11 }), true, 11],
    [{ kind: 'missing', min: 1 } as const, facts({ missing: 0 }), false, 0],
    [{ kind: 'evacuated', min: 1000 } as const, facts({ evacuated: 5000 }), true, 5000],
    // colours: at least as severe
    [{ kind: 'warningColour', min: 'yellow' } as const, facts({ warningColour: 'orange' }), true, 'orange'],
    [{ kind: 'warningColour', min: 'yellow' } as const, facts({ warningColour: 'yellow' }), true, 'yellow'],
    [{ kind: 'warningColour', min: 'yellow' } as const, facts({ warningColour: 'blue' }), false, 'blue'],
    [{ kind: 'warningColour', min: 'blue' } as const, facts({ warningColour: null }), false, null],
    // event codes: exact or covering class
    [{ kind: 'eventCode', codes: ['11B00'] } as const, facts(), true, '11B01'],
    [{ kind: 'eventCode', codes: ['12D00', '11A01'] } as const, facts(), false, '11B01'],
  ])('%j on %j → %s', (condition, f, met, actual) => {
    const r = evaluateCondition(condition as PlanCondition, f);
    expect(r.met).toBe(met);
    expect(r.actual).toBe(actual);
    expect(r.text).toMatch(/当前/);
  });
});

describe('one level', () => {
  const level: PlanResponseLevel = {
    level: 'II',
    start: {
      mode: 'all',
      conditions: [
        { kind: 'dead', min: 10 },
        { kind: 'warningColour', min: 'orange' },
      ],
    },
    tasks: [],
  };

  it.each([
    ['all', facts({ dead: 10, warningColour: 'red' }), true, 2, 0],
    ['all', facts({ dead: 10 }), false, 1, 1],
    ['any', facts({ dead: 10 }), true, 1, 1],
    ['any', facts(), false, 0, 2],
  ] as const)('mode %s with %j → met %s', (mode, f, met, matched, unmatched) => {
    const r = evaluateLevel({ ...level, start: { ...level.start, mode } }, f);
    expect(r).toMatchObject({ level: 'II', mode, met });
    expect(r.matched).toHaveLength(matched);
    expect(r.unmatched).toHaveLength(unmatched);
  });
});

describe('suggested level: the highest whose conditions hold', () => {
  it.each([
    [facts(), null],
    [facts({ warningColour: 'blue' }), 'IV'],
    [facts({ evacuated: 2000 }), 'IV'],
    [facts({ warningColour: 'yellow' }), 'III'],
    [facts({ warningColour: 'blue', dead: 5 }), 'III'],
    [facts({ warningColour: 'orange' }), 'II'],
    [facts({ grade: 1 }), 'II'],
    // I needs red AND 100 000 evacuated
    [facts({ warningColour: 'red' }), 'II'],
    [facts({ warningColour: 'red', evacuated: 120_000 }), 'I'],
  ] as const)('%j → %s', (f, expected) => {
    const m = matchPlan(plan(), f)!;
    expect(m.suggestedLevel).toBe(expected);
    expect(m.levels.map((l) => l.level)).toEqual(['I', 'II', 'III', 'IV']);
  });

  it('reports the matched and unmatched conditions of each level', () => {
    const m = matchPlan(plan(), facts({ warningColour: 'red', evacuated: 500 }))!;
    const one = m.levels.find((l) => l.level === 'I')!;
    expect(one.met).toBe(false);
    expect(one.matched.map((c) => c.condition.kind)).toEqual(['warningColour']);
    expect(one.unmatched.map((c) => [c.condition.kind, c.actual])).toEqual([['evacuated', 500]]);
  });

  it('a plan with no levels applies but suggests nothing', () => {
    expect(matchPlan(plan({ levels: [] }), facts({ warningColour: 'red' }))).toMatchObject({ suggestedLevel: null, levels: [] });
  });
});

describe('ranking', () => {
  const hazchem = plan({ id: 'p2', name: '泉州市危险化学品事故应急预案', eventCodes: ['12D00'] });
  const overall = plan({ id: 'p3', name: '泉州市突发事件总体应急预案', type: 'overall', eventCodes: ['10000'], levels: [] });
  const weather = plan({ id: 'p4', name: '泉州市气象灾害应急预案', eventCodes: ['11B00'], levels: [] });

  it('leaves out plans whose event codes do not cover the incident', () => {
    expect(rankPlans([hazchem], facts()).map((m) => m.planId)).toEqual([]);
  });

  it('ranks the exact event match first, then the class, then the category', () => {
    const ranked = rankPlans([overall, weather, plan(), hazchem], facts({ warningColour: 'blue' }));
    expect(ranked.map((m) => [m.planId, m.eventMatch])).toEqual([
      ['p1', 'exact'],
      ['p4', 'class'],
      ['p3', 'category'],
    ]);
  });

  it('among equal covers, ranks the plan suggesting the higher level first', () => {
    const mild = plan({ id: 'p5', name: '甲预案', levels: [TYPHOON_LEVELS[0]!] });
    const ranked = rankPlans([mild, plan()], facts({ warningColour: 'orange' }));
    expect(ranked.map((m) => [m.planId, m.suggestedLevel])).toEqual([
      ['p1', 'II'],
      ['p5', 'IV'],
    ]);
  });
});

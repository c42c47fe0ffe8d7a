import { alphaForPeople, computeHazardGrade, gradeForR } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { gradeInstallation, resolveSubstance, type ResolvedSubstance } from './hazard-grade.js';

const sub = (q: number, criticalQ: number, beta: number): ResolvedSubstance => ({
  name: 'x',
  cas: null,
  category: null,
  q,
  criticalQ,
  beta,
});

describe('α by people within 500 m (GB 18218-2018 table 5)', () => {
  it.each([
    [0, 0.5],
    [1, 1],
    [29, 1],
    [30, 1.2],
    [49, 1.2],
    [50, 1.5],
    [99, 1.5],
    [100, 2],
    [25_000, 2],
  ])('%i people → α %d', (people, alpha) => {
    expect(alphaForPeople(people)).toBe(alpha);
  });
});

describe('grade by R (table 6)', () => {
  it.each([
    [250, 1],
    [100, 1],
    [99.999, 2],
    [50, 2],
    [49.99, 3],
    [10, 3],
    [9.99, 4],
    [0, 4],
  ])('R %d → grade %i', (r, grade) => {
    expect(gradeForR(r)).toBe(grade);
  });
});

describe('S and R of an installation', () => {
  it.each([
    {
      name: 'below the critical quantity: not a major hazard',
      subs: [sub(4, 10, 2)],
      people: 200,
      s: 0.4,
      r: 1.6,
      grade: null,
    },
    {
      name: 'exactly the critical quantity (S = 1) is a major hazard',
      subs: [sub(10, 10, 2)],
      people: 0,
      s: 1,
      r: 1,
      grade: 4,
    },
    {
      name: 'liquid ammonia 200 t, 120 people: R = 2·2·20 = 80 → 二级',
      subs: [sub(200, 10, 2)],
      people: 120,
      s: 20,
      r: 80,
      grade: 2,
    },
    {
      name: 'chlorine 150 t, 60 people: R = 1.5·4·30 = 180 → 一级',
      subs: [sub(150, 5, 4)],
      people: 60,
      s: 30,
      r: 180,
      grade: 1,
    },
    {
      name: 'several substances add up: LPG 100 t + gasoline 600 t + benzene 60 t, 35 people',
      subs: [sub(100, 50, 1.5), sub(600, 200, 1.5), sub(60, 50, 1)],
      people: 35,
      s: 2 + 3 + 1.2,
      r: 1.2 * (3 + 4.5 + 1.2),
      grade: 3,
    },
    {
      name: 'two substances each under Q that together reach it',
      subs: [sub(3, 5, 4), sub(25, 50, 1)],
      people: 10,
      s: 1.1,
      r: 2.9,
      grade: 4,
    },
  ])('$name', ({ subs, people, s, r, grade }) => {
    const g = computeHazardGrade(subs, people);
    expect(g.s).toBeCloseTo(s, 9);
    expect(g.r).toBeCloseTo(r, 9);
    expect(g.grade).toBe(grade);
    expect(g.major).toBe(grade !== null);
  });

  it('rounds S and R to four decimals for storage, the grade taken from the exact R', () => {
    const g = gradeInstallation([sub(1, 3, 1)], 0);
    expect(g.s).toBe(0.3333);
    expect(g.grade).toBeNull();
    const h = gradeInstallation([sub(49.99996, 1, 1)], 1);
    expect(h.r).toBe(50);
    expect(h.grade).toBe(3);
  });
});

describe('prefilling Q and β from the standard', () => {
  it('takes Q and β of a named substance (table 1 and 3), by name, alias or CAS', () => {
    expect(resolveSubstance({ name: '液氨', q: 20 }, 0)).toEqual({
      value: { name: '液氨', cas: '7664-41-7', category: 'J3', q: 20, criticalQ: 10, beta: 2 },
    });
    expect(resolveSubstance({ name: '氯', q: 1 }, 0)).toMatchObject({ value: { criticalQ: 5, beta: 4 } });
    expect(resolveSubstance({ name: 'whatever', cas: '7783-06-4', q: 1 }, 0)).toMatchObject({ value: { criticalQ: 5, beta: 5 } });
  });

  it('falls back to the hazard category (table 2 and 4) and keeps what the user typed', () => {
    expect(resolveSubstance({ name: '某易燃液体', category: 'W5.3', q: 100 }, 0)).toMatchObject({ value: { criticalQ: 1000, beta: 1 } });
    expect(resolveSubstance({ name: '液氨', q: 20, criticalQ: 12, beta: 3 }, 0)).toMatchObject({ value: { criticalQ: 12, beta: 3 } });
  });

  it('names the substance when neither the name nor a category gives Q', () => {
    expect(resolveSubstance({ name: '未知物质', q: 5 }, 2)).toEqual({
      error: { index: 2, field: 'criticalQ', message: '未知物质 不在 GB 18218 表 1 中，请选择危险性类别或填写临界量' },
    });
  });
});

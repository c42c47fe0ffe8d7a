import { describe, expect, it } from 'vitest';
import { CreatePlanInput, PlanCondition, PlanContent, PlanExportDocument, PlanTaskTemplate } from './plans.js';

const content = {
  name: '泉州市防台风应急预案',
  level: 'city',
  type: 'special',
  eventCodes: ['11b01'],
  levels: [{ level: 'IV', start: { mode: 'any', conditions: [{ kind: 'warningColour', min: 'blue' }] } }],
};

const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.'));

describe('plan content', () => {
  it('accepts a minimal plan, upper-cases codes and defaults the task list', () => {
    const r = PlanContent.parse(content);
    expect(r.eventCodes).toEqual(['11B01']);
    expect(r.levels[0]!.tasks).toEqual([]);
  });

  it.each([
    [{ ...content, eventCodes: [] }, 'eventCodes'],
    [{ ...content, eventCodes: ["'; DROP TABLE plan; --"] }, 'eventCodes.0'],
    [{ ...content, level: 'province' }, 'level'],
    [{ ...content, type: 'overall_x' }, 'type'],
    [{ ...content, name: '' }, 'name'],
    [{ ...content, levels: [content.levels[0], content.levels[0]] }, 'levels'],
    [{ ...content, levels: [{ level: 'V', start: { mode: 'any', conditions: [{ kind: 'dead', min: 1 }] } }] }, 'levels.0.level'],
    [{ ...content, levels: [{ level: 'I', start: { mode: 'any', conditions: [] } }] }, 'levels.0.start.conditions'],
    [{ ...content, extra: 1 }, ''],
  ])('refuses %j at %s', (value, field) => {
    const r = PlanContent.safeParse(value);
    expect(r.success).toBe(false);
    expect(fields(r)).toContain(field);
  });

  it('takes an optional owner org on create only', () => {
    expect(CreatePlanInput.safeParse({ ...content, orgId: '01970000-0000-7000-8000-000000000000' }).success).toBe(true);
    expect(PlanContent.safeParse({ ...content, orgId: '01970000-0000-7000-8000-000000000000' }).success).toBe(false);
  });
});

describe('start conditions', () => {
  it.each([
    [{ kind: 'incidentGrade', min: 'II' }, true],
    [{ kind: 'incidentGrade', min: 'V' }, false],
    [{ kind: 'dead', min: 3 }, true],
    [{ kind: 'dead', min: 0 }, false],
    [{ kind: 'injured', min: 2.5 }, false],
    [{ kind: 'evacuated', min: 10_000 }, true],
    [{ kind: 'warningColour', min: 'orange' }, true],
    [{ kind: 'warningColour', min: 'purple' }, false],
    [{ kind: 'eventCode', codes: ['12D00'] }, true],
    [{ kind: 'eventCode', codes: [] }, false],
    [{ kind: 'rainfall', min: 100 }, false],
    [{ kind: 'dead', min: 3, codes: ['x'] }, false],
  ])('%j → %s', (value, ok) => {
    expect(PlanCondition.safeParse(value).success).toBe(ok);
  });
});

describe('task templates', () => {
  it('defaults resources and checks the deadline and resource codes', () => {
    expect(PlanTaskTemplate.parse({ title: '转移群众', action: '转移', deadlineMinutes: 0 }).resources).toEqual([]);
    expect(PlanTaskTemplate.safeParse({ title: '转移群众', action: '转移', deadlineMinutes: -1 }).success).toBe(false);
    expect(
      PlanTaskTemplate.safeParse({ title: 't', action: 'a', deadlineMinutes: 5, resources: [{ kind: 'team', code: '<script>' }] }).success,
    ).toBe(false);
    expect(
      PlanTaskTemplate.safeParse({ title: 't', action: 'a', deadlineMinutes: 5, resources: [{ kind: 'team', code: 'XF-01', quantity: 2 }] })
        .success,
    ).toBe(true);
  });
});

describe('export document', () => {
  it('needs the format marker and version', () => {
    expect(PlanExportDocument.safeParse({ format: 'vigil.plan', formatVersion: 1, plan: content }).success).toBe(true);
    expect(fields(PlanExportDocument.safeParse({ format: 'other', formatVersion: 1, plan: content }))).toEqual(['format']);
    expect(fields(PlanExportDocument.safeParse({ format: 'vigil.plan', formatVersion: 2, plan: content }))).toEqual(['formatVersion']);
  });
});

import { CreatePlanInput, UpdatePlanInput, type PlanDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import {
  emptyLevel,
  formatResources,
  importRowErrors,
  nextFreeLevel,
  parseResources,
  planFieldErrors,
  planFormFieldOf,
  toPlanFilters,
  toPlanFormValues,
  toPlanRequest,
  type PlanFormValues,
} from './plan-form';

const plan: PlanDto = {
  id: 'p2',
  seriesId: 'p1',
  versionNo: 2,
  previousVersionId: 'p1',
  orgId: 'o1',
  orgName: '泉州市应急管理局',
  name: '泉州市防台风应急预案',
  level: 'city',
  type: 'special',
  eventCodes: ['11B01'],
  summary: '概述',
  levels: [
    {
      level: 'II',
      start: {
        mode: 'any',
        conditions: [
          { kind: 'warningColour', min: 'orange' },
          { kind: 'dead', min: 10 },
        ],
      },
      note: '常务副总指挥决定',
      tasks: [
        {
          title: '渔船回港',
          responsibleRole: '市海洋与渔业局',
          action: '督促渔船回港避风',
          deadlineMinutes: 240,
          resources: [
            { kind: 'team', code: 'XFJY', quantity: 20, note: '消防救援队伍' },
            { kind: 'vehicle', quantity: 10 },
          ],
        },
      ],
    },
    { level: 'I', start: { mode: 'all', conditions: [{ kind: 'eventCode', codes: ['11B01'] }] }, tasks: [] },
  ],
  status: 'draft',
  revision: 3,
  createdBy: null,
  submittedBy: null,
  approvedBy: null,
  approvedAt: null,
  activatedAt: null,
  retiredAt: null,
  rejectReason: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('filters', () => {
  it('trims, upper-cases the event code and drops blanks', () => {
    expect(toPlanFilters({ q: '  台风 ', eventCode: ' 11b01 ', status: 'active' })).toEqual({
      q: '台风',
      eventCode: '11B01',
      status: 'active',
    });
    expect(toPlanFilters({ q: '  ', eventCode: '' })).toEqual({});
  });
});

describe('resources text', () => {
  it('reads kind/code/quantity/note entries separated by ；', () => {
    expect(parseResources('救援队伍/XFJY/20/消防救援队伍；车辆//10')).toEqual({
      ok: true,
      resources: [
        { kind: 'team', code: 'XFJY', quantity: 20, note: '消防救援队伍' },
        { kind: 'vehicle', quantity: 10 },
      ],
    });
    expect(parseResources('')).toEqual({ ok: true, resources: [] });
    expect(parseResources('supply;  专家/ZJ01')).toEqual({ ok: true, resources: [{ kind: 'supply' }, { kind: 'expert', code: 'ZJ01' }] });
  });

  it('explains what is wrong in Chinese', () => {
    const bad = parseResources('飞机/A/1');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('第 1 项资源的类别“飞机”无法识别');
    const qty = parseResources('车辆//0');
    expect(!qty.ok && qty.error).toContain('须为大于 0 的整数');
    const code = parseResources('车辆/中文/1');
    expect(!code.ok && code.error).toContain('只能包含字母');
  });

  it('round-trips through formatResources', () => {
    const list = plan.levels[0]!.tasks[0]!.resources;
    expect(formatResources(list)).toBe('救援队伍/XFJY/20/消防救援队伍；车辆//10');
    expect(parseResources(formatResources(list))).toEqual({ ok: true, resources: list });
  });
});

describe('form ↔ DTO', () => {
  it('turns a stored plan into form values and back into the same content', () => {
    const values = toPlanFormValues(plan);
    expect(values.levels![0]!.conditions).toEqual([
      { kind: 'warningColour', min: 'orange' },
      { kind: 'dead', min: 10 },
    ]);
    expect(values.levels![1]!.conditions).toEqual([{ kind: 'eventCode', codes: ['11B01'] }]);
    expect(values.levels![0]!.tasks![0]!.resources).toBe('救援队伍/XFJY/20/消防救援队伍；车辆//10');
    const body = toPlanRequest(values);
    expect(body).toEqual({
      name: plan.name,
      level: plan.level,
      type: plan.type,
      eventCodes: plan.eventCodes,
      summary: plan.summary,
      levels: plan.levels,
    });
  });

  it('builds bodies the shared contracts accept', () => {
    const body = toPlanRequest(toPlanFormValues(plan));
    expect(CreatePlanInput.safeParse(body).success).toBe(true);
    expect(UpdatePlanInput.safeParse({ ...body, revision: plan.revision }).success).toBe(true);
  });

  it('trims text, leaves blanks out and reads numbers from the threshold', () => {
    const v: PlanFormValues = {
      name: '  预案 ',
      level: 'county',
      type: 'overall',
      eventCodes: ['11b01 '],
      summary: '  ',
      levels: [
        {
          level: 'IV',
          mode: 'all',
          note: ' ',
          conditions: [
            { kind: 'evacuated', min: '100' },
            { kind: 'eventCode', codes: [' 12d00'] },
          ],
          tasks: [
            { title: ' 转移 ', action: ' 组织转移 ', deadlineMinutes: 30, responsibleRole: ' ', responsibleOrgId: null, resources: '' },
          ],
        },
      ],
    };
    expect(toPlanRequest(v)).toEqual({
      name: '预案',
      level: 'county',
      type: 'overall',
      eventCodes: ['11B01'],
      levels: [
        {
          level: 'IV',
          start: {
            mode: 'all',
            conditions: [
              { kind: 'evacuated', min: 100 },
              { kind: 'eventCode', codes: ['12D00'] },
            ],
          },
          tasks: [{ title: '转移', action: '组织转移', deadlineMinutes: 30, resources: [] }],
        },
      ],
    });
  });

  it('picks the next free level', () => {
    expect(nextFreeLevel([])).toBe('I');
    expect(nextFreeLevel([{ level: 'I' }, { level: 'III' }])).toBe('II');
    expect(nextFreeLevel([{ level: 'I' }, { level: 'II' }, { level: 'III' }, { level: 'IV' }])).toBeNull();
    expect(emptyLevel('II')).toEqual({ level: 'II', mode: 'any', conditions: [{ kind: 'dead' }], tasks: [] });
  });
});

describe('server errors on the form', () => {
  it('maps field paths to editor fields', () => {
    expect(planFormFieldOf('name')).toEqual(['name']);
    expect(planFormFieldOf('eventCodes.1')).toEqual(['eventCodes']);
    expect(planFormFieldOf('levels.0.start.conditions.1.min')).toEqual(['levels', 0, 'conditions', 1, 'min']);
    expect(planFormFieldOf('levels.0.start.conditions.1.codes.0')).toEqual(['levels', 0, 'conditions', 1, 'codes']);
    expect(planFormFieldOf('levels.1.start.mode')).toEqual(['levels', 1, 'mode']);
    expect(planFormFieldOf('levels.1.note')).toEqual(['levels', 1, 'note']);
    expect(planFormFieldOf('levels.0.tasks.2.responsibleOrgId')).toEqual(['levels', 0, 'tasks', 2, 'responsibleOrgId']);
    expect(planFormFieldOf('levels.0.tasks.2.resources.0.code')).toEqual(['levels', 0, 'tasks', 2, 'resources']);
    expect(planFormFieldOf('levels')).toBeNull();
    expect(planFormFieldOf('revision')).toBeNull();
  });

  it('groups the messages per field', () => {
    const err = new ApiError(400, 'VALIDATION', 'Bad', '', [
      { field: 'name', message: '不能为空' },
      { field: 'eventCodes.0', message: '未知事件类型' },
      { field: 'eventCodes.1', message: '未知事件类型' },
      { field: 'revision', message: 'stale' },
    ]);
    expect(planFieldErrors(err)).toEqual([
      { name: ['name'], errors: ['不能为空'] },
      { name: ['eventCodes'], errors: ['未知事件类型'] },
    ]);
    expect(planFieldErrors(new Error('x'))).toEqual([]);
  });

  it('reads the row errors of an import', () => {
    const rows = [{ sheet: '响应分级', row: 3, column: '阈值', message: '“响应分级”第 3 行“阈值”：须为数字' }];
    expect(importRowErrors(new ApiError(400, 'VALIDATION', 'Bad', '', [], { rowErrors: rows }))).toEqual(rows);
    expect(importRowErrors(new ApiError(400, 'VALIDATION', 'Bad', '', [{ field: 'plan.name', message: '必填' }]))).toEqual([
      { sheet: '', row: 0, column: 'plan.name', message: '必填' },
    ]);
  });
});

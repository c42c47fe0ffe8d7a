import { RuleInput, type RuleDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { fromRule, NEW_RULE, toRuleInput, type RuleFormValues } from './rule-form';

const rule = (definition: RuleDto['definition'], o: Partial<RuleDto> = {}): RuleDto =>
  ({
    id: 'r',
    name: '规则',
    description: null,
    enabled: true,
    kind: definition.kind,
    level: 'red',
    deviceTypeCode: 'tank_monitor',
    deviceId: null,
    definition,
    escalationPolicyId: null,
    ...o,
  }) as RuleDto;

describe('rule form', () => {
  it.each([
    [{ kind: 'threshold', metric: 'tank_level', thresholds: { hh: 18 }, levels: { h: 'orange' }, deadband: 0.5 }],
    [{ kind: 'duration', metric: 'lel', op: '>=', value: 10, forSeconds: 60, deadband: 2 }],
    [{ kind: 'rate', metric: 'water_level', delta: 0.5, perSeconds: 3600, direction: 'up' }],
    [{ kind: 'offline', metric: null, intervals: 6 }],
    [
      {
        kind: 'composite',
        op: 'or',
        scope: 'site',
        conditions: [
          { metric: 'a', op: '>', value: 1 },
          { metric: 'b', op: '<', value: 2 },
        ],
        schedule: { days: [1, 2], ranges: [{ from: '22:00', to: '06:00' }] },
      },
    ],
  ] as const)('round-trips %o and produces a valid body', (definition) => {
    const body = toRuleInput(fromRule(rule(definition as never, { level: 'orange' })));
    expect(body.definition).toEqual(definition);
    expect(RuleInput.safeParse(body).success).toBe(true);
  });

  it('a threshold rule leaves its level to the bands; a device target drops the type', () => {
    const v: RuleFormValues = {
      ...NEW_RULE,
      name: ' 单台 ',
      targetKind: 'device',
      deviceId: '01970000-0000-7000-8000-000000000000',
      deviceTypeCode: 'x',
      metric: 'tank_level',
    };
    const body = toRuleInput(v);
    expect(body).toMatchObject({ name: '单台', deviceId: v.deviceId, deviceTypeCode: null });
    expect(body.level).toBeUndefined();
    expect(RuleInput.safeParse(body).success).toBe(true);
  });

  it('a schedule is only sent when switched on', () => {
    const on = toRuleInput({ ...NEW_RULE, name: 'x', deviceTypeCode: 'tank_monitor', metric: 'tank_level', scheduled: true });
    expect(on.definition.schedule).toEqual({ days: [1, 2, 3, 4, 5, 6, 7], ranges: [{ from: '08:00', to: '18:00' }] });
    const off = toRuleInput({ ...NEW_RULE, name: 'x', deviceTypeCode: 'tank_monitor', metric: 'tank_level' });
    expect(off.definition.schedule).toBeUndefined();
  });
});

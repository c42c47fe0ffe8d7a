import { describe, expect, it } from 'vitest';
import { alarmText } from './alarm-text.js';

const base = { ruleName: '储罐液位', deviceName: '1号储罐', pointName: '液位', unit: 'm' };

describe('alarm text', () => {
  it.each([
    [
      { kind: 'threshold', metric: 'level' },
      { condition: 'hh', value: 9.5, threshold: 9 },
      '1号储罐 液位高高报',
      '当前值 9.5m，高于高高报阈值 9m',
    ],
    [
      { kind: 'threshold', metric: 'level' },
      { condition: 'll', value: 0.2, threshold: 0.5 },
      '1号储罐 液位低低报',
      '当前值 0.2m，低于低低报阈值 0.5m',
    ],
    [
      { kind: 'duration', metric: 'level', op: '>', value: 8, forSeconds: 300 },
      { condition: '>', value: 8.4, threshold: 8 },
      '1号储罐 液位持续超限',
      '当前值 8.4m，> 8m 已持续 5 分钟以上',
    ],
    [
      { kind: 'rate', metric: 'level', delta: 0.5, perSeconds: 60, direction: 'any' },
      { condition: 'rate', value: 0.75, threshold: 0.5 },
      '1号储罐 液位变化过快',
      '60 秒内变化 0.75m，超过 0.5m',
    ],
  ] as const)('%o', (definition, t, title, message) => {
    expect(alarmText(t, { ...base, definition: definition as never })).toEqual({ title, message });
  });

  it('names a silent device, or a silent point', () => {
    const device = alarmText(
      { condition: 'offline', value: 3700, threshold: 1800 },
      { ...base, pointName: null, unit: null, definition: { kind: 'offline', intervals: 3 } },
    );
    expect(device).toEqual({ title: '1号储罐离线', message: '已 62 分钟未收到数据（允许 30 分钟）' });
    const point = alarmText(
      { condition: 'offline', value: 90, threshold: 60 },
      { ...base, definition: { kind: 'offline', metric: 'level', intervals: 3 } },
    );
    expect(point.title).toBe('1号储罐 液位无数据');
  });

  it('spells out a composite condition', () => {
    const t = alarmText(
      { condition: 'and', value: 65, threshold: 60 },
      {
        ...base,
        ruleName: '高液位且高温',
        pointName: null,
        definition: {
          kind: 'composite',
          op: 'and',
          scope: 'device',
          conditions: [
            { metric: 'level', op: '>', value: 8 },
            { metric: 'temperature', op: '>', value: 60 },
          ],
        },
      },
    );
    expect(t).toEqual({ title: '1号储罐 高液位且高温', message: '组合条件（全部满足）成立：level > 8 且 temperature > 60；触发值 65' });
  });
});

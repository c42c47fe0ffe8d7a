import type { AlarmEventPayload } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { applyAlarmEvent, formatDuration, formatValue, soundsFor } from './alarm-format';

const alarm = (id: string, o: Partial<AlarmEventPayload> = {}) =>
  ({ id, level: 'yellow', status: 'active', lastAt: '2026-06-01T00:00:00.000Z', version: 1, ...o }) as AlarmEventPayload;

describe('live alarm list', () => {
  it('inserts, replaces by id, and sorts active and worse first, then the latest', () => {
    let list = applyAlarmEvent([], alarm('a'));
    list = applyAlarmEvent(list, alarm('b', { level: 'red' }));
    list = applyAlarmEvent(list, alarm('c', { status: 'acknowledged', level: 'red' }));
    list = applyAlarmEvent(list, alarm('d', { lastAt: '2026-06-01T00:05:00.000Z' }));
    expect(list.map((a) => a.id)).toEqual(['b', 'd', 'a', 'c']);
    list = applyAlarmEvent(list, alarm('a', { level: 'red', version: 2, lastAt: '2026-06-01T00:10:00.000Z' }));
    expect(list.map((a) => a.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('drops closed alarms, ignores stale versions, and keeps at most max', () => {
    let list = applyAlarmEvent([], alarm('a', { version: 3 }));
    list = applyAlarmEvent(list, alarm('a', { version: 2, level: 'red' }));
    expect(list[0]!.level).toBe('yellow');
    list = applyAlarmEvent(list, alarm('a', { version: 4, status: 'closed' }));
    expect(list).toEqual([]);
    for (const id of ['1', '2', '3']) list = applyAlarmEvent(list, alarm(id), 2);
    expect(list).toHaveLength(2);
  });

  it('sounds only for a red alarm just raised', () => {
    expect(soundsFor('alarm.raised', alarm('a', { level: 'red' }))).toBe(true);
    expect(soundsFor('alarm.raised', alarm('a', { level: 'orange' }))).toBe(false);
    expect(soundsFor('alarm.acknowledged', alarm('a', { level: 'red' }))).toBe(false);
    expect(soundsFor('alarm.raised', alarm('a', { level: 'red', status: 'cleared' }))).toBe(false);
  });
});

describe('formatting', () => {
  it.each([
    [18.6, 'm', '18.6 m'],
    [0.123456, null, '0.123'],
    [null, 'm', ''],
  ] as const)('%s %s → %s', (v, unit, out) => expect(formatValue(v, unit)).toBe(out));

  it('picks a duration unit', () => {
    expect(formatDuration(45)).toEqual({ value: '45', unit: 's' });
    expect(formatDuration(720)).toEqual({ value: '12', unit: 'min' });
    expect(formatDuration(12_600)).toEqual({ value: '3.5', unit: 'h' });
    expect(formatDuration(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatCountdown, formatMinutes, isOverdue, minutesLate, ratePercent, sortDeadlines, suggestKind } from './deadline';

const at = Date.parse('2026-06-01T02:00:00Z');

describe('report deadlines on screen', () => {
  it('turns red when the time has passed, even before the worker marks it', () => {
    expect(isOverdue({ state: 'open', dueAt: '2026-06-01T01:59:59Z' }, at)).toBe(true);
    expect(isOverdue({ state: 'open', dueAt: '2026-06-01T02:00:00Z' }, at)).toBe(true);
    expect(isOverdue({ state: 'open', dueAt: '2026-06-01T02:00:01Z' }, at)).toBe(false);
    expect(isOverdue({ state: 'overdue', dueAt: '2026-06-01T03:00:00Z' }, at)).toBe(true);
    expect(isOverdue({ state: 'late', dueAt: '2026-06-01T01:00:00Z' }, at)).toBe(false);
    expect(isOverdue({ state: 'met', dueAt: '2026-06-01T01:00:00Z' }, at)).toBe(false);
  });

  it('counts down to the second and shows days for long ones', () => {
    expect(formatCountdown(3_599_000, 'zh-CN')).toBe('00:59:59');
    expect(formatCountdown(-300_000, 'zh-CN')).toBe('-00:05:00');
    expect(formatCountdown(2 * 86_400_000 + 3_600_000, 'zh-CN')).toBe('2天 01:00:00');
    expect(formatCountdown(86_400_000, 'en')).toBe('1d 00:00:00');
    expect(formatCountdown(999, 'en')).toBe('00:00:00');
  });

  it('says how late a report is', () => {
    expect(minutesLate('2026-06-01T00:25:00Z', null, at)).toBe(95);
    expect(minutesLate('2026-06-01T00:25:00Z', '2026-06-01T00:20:00Z', at)).toBe(0);
    expect(formatMinutes(95, 'zh-CN')).toBe('1小时35分');
    expect(formatMinutes(1440 + 5, 'en')).toBe('1d 5m');
    expect(formatMinutes(0, 'zh-CN')).toBe('0分');
  });

  it('suggests 首报 first, then 续报, and 终报 once the incident is closed', () => {
    const county = { id: 'c', name: '晋江市应急管理局' };
    const city = { id: 'q', name: '泉州市应急管理局' };
    expect(suggestKind([], 'c', false)).toBe('first');
    expect(suggestKind([{ kind: 'first', fromOrg: city }], 'c', false)).toBe('first');
    expect(suggestKind([{ kind: 'first', fromOrg: county }], 'c', false)).toBe('followup');
    expect(suggestKind([{ kind: 'first', fromOrg: county }], 'c', true)).toBe('final');
  });

  it('lists pending deadlines first, soonest first', () => {
    const list = [
      { id: 'met', state: 'met' as const, dueAt: '2026-06-01T00:00:00Z' },
      { id: 'later', state: 'open' as const, dueAt: '2026-06-01T05:00:00Z' },
      { id: 'red', state: 'overdue' as const, dueAt: '2026-06-01T01:00:00Z' },
    ];
    expect(sortDeadlines(list).map((d) => d.id)).toEqual(['red', 'later', 'met']);
  });

  it('shows the on-time rate as a percentage', () => {
    expect(ratePercent(0.8333)).toBe(83.3);
    expect(ratePercent(1)).toBe(100);
    expect(ratePercent(null)).toBeNull();
  });
});

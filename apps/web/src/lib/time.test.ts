import { describe, expect, it } from 'vitest';
import { beijingDate, formatBeijing, relativeTime } from './time';

describe('Beijing time', () => {
  it('shows UTC instants in UTC+8 whatever the machine zone', () => {
    expect(formatBeijing('2026-03-01T00:30:05Z')).toBe('2026-03-01 08:30:05');
    expect(formatBeijing('2026-03-01T00:30:05Z', false)).toBe('2026-03-01 08:30');
  });

  it('rolls over the date at Beijing midnight, not UTC midnight', () => {
    expect(formatBeijing('2025-12-31T16:00:00Z')).toBe('2026-01-01 00:00:00');
    expect(beijingDate('2025-12-31T15:59:59Z')).toBe('2025-12-31');
    expect(beijingDate('2025-12-31T16:00:00Z')).toBe('2026-01-01');
  });

  it('accepts offsets, Date objects and epoch milliseconds', () => {
    expect(formatBeijing('2026-06-01T09:00:00+08:00')).toBe('2026-06-01 09:00:00');
    expect(formatBeijing(new Date(Date.UTC(2026, 5, 1, 1, 2, 3)))).toBe('2026-06-01 09:02:03');
    expect(formatBeijing(0)).toBe('1970-01-01 08:00:00');
  });

  it('returns an empty string for missing or invalid values', () => {
    expect(formatBeijing(null)).toBe('');
    expect(formatBeijing(undefined)).toBe('');
    expect(formatBeijing('not a date')).toBe('');
  });

  it('says how long ago recent things happened and gives the date-time after a day', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(relativeTime('2026-03-01T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-03-01T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-02-27T12:00:00Z', now, 'en')).toBe('2026-02-27 20:00');
  });
});

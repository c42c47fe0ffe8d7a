import { describe, expect, it } from 'vitest';
import { categoryOf, maskPhone, timeProblems } from './incident-input.js';

const now = new Date('2026-06-01T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('timeProblems', () => {
  it('accepts past times and up to five minutes of clock skew', () => {
    expect(timeProblems({ occurredAt: at('2026-06-01T07:00:00Z'), receivedAt: at('2026-06-01T08:05:00Z'), now })).toEqual([]);
  });

  it('refuses a time more than five minutes ahead, naming the field', () => {
    const p = timeProblems({ occurredAt: at('2026-06-01T07:00:00Z'), receivedAt: at('2026-06-01T08:05:01Z'), now });
    expect(p.map((e) => e.field)).toEqual(['receivedAt']);
    const q = timeProblems({ occurredAt: at('2026-06-02T00:00:00Z'), receivedAt: at('2026-06-01T07:00:00Z'), now });
    expect(q.map((e) => e.field)).toEqual(['occurredAt']);
  });

  it('refuses an incident that occurred after it was received', () => {
    const p = timeProblems({ occurredAt: at('2026-06-01T07:30:00Z'), receivedAt: at('2026-06-01T07:00:00Z'), now });
    expect(p).toEqual([{ field: 'occurredAt', message: '事发时间不能晚于接报时间' }]);
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0595-2221 3344')).toBe('059****3344');
    expect(maskPhone('110')).toBe('****10');
  });
});

describe('categoryOf', () => {
  it('maps a code to its level-2 category', () => {
    expect(categoryOf('12H01')).toBe('12000');
    expect(categoryOf('11B01')).toBe('11000');
    expect(categoryOf('19000')).toBe('19000');
  });
});

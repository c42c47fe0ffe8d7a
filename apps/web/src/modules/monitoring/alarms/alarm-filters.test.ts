import { describe, expect, it } from 'vitest';
import { toAlarmFilters } from './alarm-filters';

const day = (s: string) => ({ format: () => s });

describe('alarm filters', () => {
  it('joins lists, trims text, converts Beijing times and drops blanks', () => {
    expect(
      toAlarmFilters({
        q: '  储罐 ',
        status: ['active', 'acknowledged'],
        level: ['red'],
        category: 'hazchem',
        divisionCode: '350505',
        range: [day('2026-06-01 08:00:00'), day('2026-06-02 08:00:00')],
      }),
    ).toEqual({
      q: '储罐',
      status: 'active,acknowledged',
      level: 'red',
      category: 'hazchem',
      divisionCode: '350505',
      from: '2026-06-01T08:00:00+08:00',
      to: '2026-06-02T08:00:00+08:00',
    });
    expect(toAlarmFilters({ q: ' ', status: [], range: null })).toEqual({});
  });
});

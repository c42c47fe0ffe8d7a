import type { DutyShiftDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { defaultShiftTimes, shiftToValues, toPersonInput, toShiftInput } from './shift-form';

const wall = (s: string) => ({ format: () => s });

describe('shift form', () => {
  it('proposes the usual times, night and 24-hour shifts ending the next day (also across a month end)', () => {
    expect(defaultShiftTimes('2026-06-01', 'day')).toEqual({ start: '2026-06-01 08:00:00', end: '2026-06-01 18:00:00' });
    expect(defaultShiftTimes('2026-06-30', 'night')).toEqual({ start: '2026-06-30 18:00:00', end: '2026-07-01 08:00:00' });
    expect(defaultShiftTimes('2026-12-31', '24h').end).toBe('2027-01-01 08:00:00');
  });

  it('sends Beijing times, drops empty people and never sends back a masked phone', () => {
    const input = toShiftInput('org-1', {
      kind: 'night',
      range: [wall('2026-06-01 18:00:00'), wall('2026-06-02 08:00:00')],
      note: ' ',
      leader: { userId: 'u1', name: '张队', phone: '138****5678' },
      officers: [{ name: ' 李四 ', phone: '13912345678' }, { name: '' }, {}],
    });
    expect(input).toEqual({
      orgId: 'org-1',
      kind: 'night',
      startsAt: '2026-06-01T18:00:00+08:00',
      endsAt: '2026-06-02T08:00:00+08:00',
      leader: { userId: 'u1', name: '张队' },
      officers: [{ name: '李四', phone: '13912345678' }],
    });
    expect(toPersonInput({ name: '', phone: '13912345678' })).toBeNull();
  });

  it('fills the edit form from a shift in Beijing time', () => {
    const s = {
      kind: 'day',
      startsAt: '2026-06-01T00:00:00.000Z',
      endsAt: '2026-06-01T10:00:00.000Z',
      note: null,
      leader: null,
      officers: [{ userId: null, name: '王五', phone: '0595-22345678' }],
    } as unknown as DutyShiftDto;
    const v = shiftToValues(s, (w) => w);
    expect(v.range).toEqual(['2026-06-01 08:00:00', '2026-06-01 18:00:00']);
    expect(v.officers).toEqual([{ userId: null, name: '王五', phone: '0595-22345678' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeConflict, overlapConflicts, overlaps, type Booking } from './overlap.js';

const t = (s: string) => new Date(`2026-06-01T${s}:00+08:00`);
const next = (s: string) => new Date(`2026-06-02T${s}:00+08:00`);

const booking = (o: Partial<Booking> = {}): Booking => ({
  shiftId: 's-day',
  orgName: '晋江市应急管理局',
  personKey: 'u:1',
  personName: '张三',
  start: t('08:00'),
  end: t('18:00'),
  ...o,
});

describe('overlaps', () => {
  it.each([
    ['back-to-back day then night', t('08:00'), t('18:00'), t('18:00'), next('08:00'), false],
    ['one minute into the next shift', t('08:00'), t('18:01'), t('18:00'), next('08:00'), true],
    ['contained', t('08:00'), t('18:00'), t('10:00'), t('12:00'), true],
    ['identical', t('08:00'), t('18:00'), t('08:00'), t('18:00'), true],
    ['before', t('00:00'), t('08:00'), t('08:00'), t('18:00'), false],
  ])('%s', (_name, s1, e1, s2, e2, expected) => {
    expect(overlaps({ start: s1, end: e1 }, { start: s2, end: e2 })).toBe(expected);
    expect(overlaps({ start: s2, end: e2 }, { start: s1, end: e1 })).toBe(expected);
  });
});

describe('overlapConflicts', () => {
  it('reports a person booked on an overlapping shift in any org, naming the person and that shift', () => {
    const conflicts = overlapConflicts(
      {
        shiftId: null,
        start: t('12:00'),
        end: next('08:00'),
        people: [
          { key: 'u:1', name: '张三' },
          { key: 'u:2', name: '李四' },
        ],
      },
      [booking(), booking({ personKey: 'u:2', personName: '李四', start: next('08:00'), end: next('18:00') })],
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.personName).toBe('张三');
    expect(describeConflict(conflicts[0]!)).toBe('张三 已在 晋江市应急管理局 2026-06-01 08:00 至 2026-06-01 18:00 的班次中值班，时间重叠');
  });

  it('ignores the shift being edited and bookings of other people', () => {
    const people = [{ key: 'u:1', name: '张三' }];
    expect(overlapConflicts({ shiftId: 's-day', start: t('09:00'), end: t('19:00'), people }, [booking()])).toEqual([]);
    expect(overlapConflicts({ shiftId: null, start: t('09:00'), end: t('19:00'), people }, [booking({ personKey: 'u:9' })])).toEqual([]);
  });
});

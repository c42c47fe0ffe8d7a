import type { DutyPersonDto, DutyShiftDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { dayRange, formatSeconds, importErrorsOf, monthRange, mySignableShifts, nextShiftOf, shiftsByDay } from './duty-calendar';

const person = (userId: string | null, role: 'leader' | 'officer' = 'officer'): DutyPersonDto => ({
  id: `p-${userId}`,
  role,
  userId,
  name: userId ?? '外协',
  phone: null,
  phoneMasked: false,
  signedInAt: null,
  signedOutAt: null,
});

const shift = (id: string, startsAt: string, endsAt: string, people: DutyPersonDto[] = [], orgId = 'qz'): DutyShiftDto => ({
  id,
  orgId,
  orgName: '泉州市应急管理局',
  startsAt,
  endsAt,
  kind: 'day',
  note: null,
  source: 'manual',
  leader: people.find((p) => p.role === 'leader') ?? null,
  officers: people.filter((p) => p.role === 'officer'),
});

describe('duty calendar', () => {
  it('asks for a whole Beijing month, December rolling into January', () => {
    expect(monthRange(2026, 6)).toEqual({ from: '2026-06-01T00:00:00+08:00', to: '2026-07-01T00:00:00+08:00' });
    expect(monthRange(2026, 12)).toEqual({ from: '2026-12-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' });
    expect(dayRange('2026-06-01')).toEqual({ from: '2026-05-31T16:00:00.000Z', to: '2026-06-01T16:00:00.000Z' });
  });

  it('puts a shift on the Beijing day it starts, not the UTC day', () => {
    const night = shift('n', '2026-06-01T12:00:00Z', '2026-06-02T00:00:00Z'); // 20:00 Beijing on the 1st
    const early = shift('e', '2026-06-01T16:30:00Z', '2026-06-02T00:00:00Z'); // 00:30 Beijing on the 2nd
    const day = shift('d', '2026-06-01T00:00:00Z', '2026-06-01T12:00:00Z');
    const byDay = shiftsByDay([night, early, day]);
    expect(byDay.get('2026-06-01')?.map((s) => s.id)).toEqual(['d', 'n']);
    expect(byDay.get('2026-06-02')?.map((s) => s.id)).toEqual(['e']);
  });

  it('offers sign-in from 30 minutes before my shift until 2 hours after it ends', () => {
    const mine = shift('m', '2026-06-01T00:00:00Z', '2026-06-01T12:00:00Z', [person('u1', 'leader'), person('u2')]);
    const other = shift('o', '2026-06-01T00:00:00Z', '2026-06-01T12:00:00Z', [person('u3')]);
    const at = (iso: string) => Date.parse(iso);
    expect(mySignableShifts([mine, other], 'u2', at('2026-05-31T23:29:00Z'))).toEqual([]);
    expect(mySignableShifts([mine, other], 'u2', at('2026-05-31T23:30:00Z')).map((x) => x.shift.id)).toEqual(['m']);
    expect(mySignableShifts([mine, other], 'u1', at('2026-06-01T14:00:00Z'))[0]?.person.role).toBe('leader');
    expect(mySignableShifts([mine, other], 'u1', at('2026-06-01T14:00:01Z'))).toEqual([]);
    expect(mySignableShifts([mine, other], 'nobody', at('2026-06-01T06:00:00Z'))).toEqual([]);
  });

  it('hands over to the next shift of the same org', () => {
    const a = shift('a', '2026-06-01T00:00:00Z', '2026-06-01T12:00:00Z');
    const b = shift('b', '2026-06-01T12:00:00Z', '2026-06-02T00:00:00Z');
    const c = shift('c', '2026-06-02T00:00:00Z', '2026-06-02T12:00:00Z');
    const elsewhere = shift('x', '2026-06-01T06:00:00Z', '2026-06-01T12:00:00Z', [], 'jj');
    expect(nextShiftOf([c, elsewhere, b, a], a)?.id).toBe('b');
    expect(nextShiftOf([a, b], b)).toBeUndefined();
  });

  it('reads the row and column of each import problem', () => {
    const err = new ApiError(400, 'VALIDATION', '请求参数有误', '导入失败', [
      { field: 'row3.值班员电话', message: '电话号码格式不正确' },
      { field: 'row12.开始时间', message: '时间格式不正确' },
      { field: 'file', message: '缺少文件' },
    ]);
    expect(importErrorsOf(err)).toEqual([
      { row: 3, column: '值班员电话', message: '电话号码格式不正确' },
      { row: 12, column: '开始时间', message: '时间格式不正确' },
      { row: 0, column: 'file', message: '缺少文件' },
    ]);
    expect(importErrorsOf(new Error('x'))).toEqual([]);
  });

  it('writes check response times in minutes and seconds', () => {
    expect(formatSeconds(75, 'zh-CN')).toBe('1分15秒');
    expect(formatSeconds(42, 'en')).toBe('42s');
    expect(formatSeconds(null, 'en')).toBe('—');
  });
});

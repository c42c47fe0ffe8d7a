import { describe, expect, it } from 'vitest';
import { parseRosterDate, parseRosterRow, parseRosterRows, parseRosterTime, type RawRosterRow } from './roster-rows.js';

const users = [
  { id: 'u-1', username: 'duty-jinjiang', displayName: '晋江值班员（演示）' },
  { id: 'u-2', username: 'wang1', displayName: '王芳' },
  { id: 'u-3', username: 'wang2', displayName: '王芳' },
];

const row = (o: Partial<RawRosterRow> = {}): RawRosterRow => ({
  row: 2,
  日期: '2026-06-01',
  班次: '白班',
  开始时间: '',
  结束时间: '',
  带班领导: '张建国',
  领导电话: '13905951234',
  值班员: '李明、duty-jinjiang',
  值班员电话: '13805951111、13805952222',
  备注: '',
  ...o,
});

describe('dates and times', () => {
  it.each([
    ['2026-06-01', '2026-06-01'],
    ['2026/6/1', '2026-06-01'],
    ['2026年6月1日', '2026-06-01'],
    ['2026-02-30', null],
    ['6/1/2026', null],
  ])('date %s', (text, expected) => expect(parseRosterDate(text)).toBe(expected));

  it.each([
    ['8:00', 480],
    ['18:30', 1110],
    ['08：00', 480],
    ['24:00', 1440],
    ['24:30', null],
    ['8点', null],
    ['12:60', null],
  ])('time %s', (text, expected) => expect(parseRosterTime(text)).toBe(expected));
});

describe('parseRosterRow', () => {
  it('uses the default times of the kind, links users by username or name and keeps phones', () => {
    const { draft, errors } = parseRosterRow(row(), users);
    expect(errors).toEqual([]);
    expect(draft).toMatchObject({ kind: 'day', start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-06-01T10:00:00Z') });
    expect(draft!.leader).toEqual({ userId: null, name: '张建国', phone: '13905951234' });
    expect(draft!.officers).toEqual([
      { userId: null, name: '李明', phone: '13805951111' },
      { userId: 'u-1', name: '晋江值班员（演示）', phone: '13805952222' },
    ]);
  });

  it('puts an end at or before the start on the next day', () => {
    const night = parseRosterRow(row({ 班次: '夜班', 开始时间: '18:00', 结束时间: '08:00' }), users).draft!;
    expect(night.end.toISOString()).toBe('2026-06-02T00:00:00.000Z');
    const full = parseRosterRow(row({ 班次: '24小时' }), users).draft!;
    expect(full.end.getTime() - full.start.getTime()).toBe(24 * 3_600_000);
  });

  it('reports every problem of a row with its column', () => {
    const { draft, errors } = parseRosterRow(
      row({ row: 7, 日期: '2026-13-01', 班次: '早班', 领导电话: '12345', 值班员: '李明、王五', 值班员电话: '13805951111' }),
      users,
    );
    expect(draft).toBeNull();
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, '日期'],
      [7, '班次'],
      [7, '领导电话'],
      [7, '值班员电话'],
    ]);
    expect(errors[0]!.message).toContain('2026-13-01');
  });

  it('asks for a username when a name matches two users, and requires an officer', () => {
    expect(parseRosterRow(row({ 值班员: '王芳', 值班员电话: '' }), users).errors).toEqual([
      { row: 2, column: '值班员', message: '“王芳”对应本单位多个用户，请改填用户名' },
    ]);
    expect(parseRosterRow(row({ 值班员: '', 值班员电话: '' }), users).errors[0]).toMatchObject({ column: '值班员' });
    expect(parseRosterRow(row({ 值班员: '<script>', 值班员电话: '' }), users).errors[0]).toMatchObject({ column: '值班员' });
  });
});

describe('parseRosterRows', () => {
  it('flags a second row with the same start and end', () => {
    const { drafts, errors } = parseRosterRows([row(), row({ row: 3 })], users);
    expect(drafts).toHaveLength(1);
    expect(errors).toEqual([{ row: 3, column: '日期', message: '与第 2 行的班次时间相同' }]);
  });
});

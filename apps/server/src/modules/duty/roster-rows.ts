import { DutyPhone, PlainName, type DutyShiftKind, type RosterImportError } from '@vigil/shared';
import { atBeijing } from './duty-time.js';

/** Template columns, in order: the header row of the Excel template and the names errors refer to. */
export const ROSTER_COLUMNS = ['日期', '班次', '开始时间', '结束时间', '带班领导', '领导电话', '值班员', '值班员电话', '备注'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** One data row as text (dates as YYYY-MM-DD, times as HH:mm when the cell held a date/time). */
export type RawRosterRow = { row: number } & Record<RosterColumn, string>;

export interface PersonDraft {
  userId: string | null;
  name: string;
  phone: string | null;
}

export interface ShiftDraft {
  row: number;
  kind: DutyShiftKind;
  start: Date;
  end: Date;
  note: string | null;
  leader: PersonDraft | null;
  officers: PersonDraft[];
}

/** Users of the org a name may refer to (by display name or username). */
export interface OrgUser {
  id: string;
  username: string;
  displayName: string;
}

const KIND_WORDS: Record<string, DutyShiftKind> = {
  白班: 'day',
  日班: 'day',
  day: 'day',
  夜班: 'night',
  night: 'night',
  '24小时': '24h',
  '24小时班': '24h',
  全天: '24h',
  '24h': '24h',
};

/** Default times of each kind when the row leaves them empty (Beijing time; an end before the start is the next day). */
export const DEFAULT_SHIFT_TIMES: Record<DutyShiftKind, [string, string]> = {
  day: ['08:00', '18:00'],
  night: ['18:00', '08:00'],
  '24h': ['08:00', '08:00'],
};

const SEPARATORS = /[、,，;；/\n]+/;

/** `YYYY-MM-DD` from 2026-06-01, 2026/6/1, 2026.6.1 or 2026年6月1日; null when not a real date. */
export function parseRosterDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return probe.toISOString().slice(0, 10);
}

/** Minutes after midnight from `H:mm`, `HH:mm(:ss)` or `HH：mm`; `24:00` is 1440. Null when invalid. */
export function parseRosterTime(text: string): number | null {
  const m = /^(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function splitList(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}

class RowErrors {
  readonly list: RosterImportError[] = [];
  constructor(private readonly row: number) {}
  add(column: RosterColumn, message: string): void {
    this.list.push({ row: this.row, column, message });
  }
}

function resolvePerson(name: string, phone: string | null, users: OrgUser[], column: RosterColumn, errs: RowErrors): PersonDraft | null {
  const parsed = PlainName(40).safeParse(name);
  if (!parsed.success) {
    errs.add(column, `姓名“${name.slice(0, 40)}”无效：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
    return null;
  }
  const byUsername = users.filter((u) => u.username === parsed.data.toLowerCase());
  const byName = users.filter((u) => u.displayName === parsed.data);
  const matches = byUsername.length > 0 ? byUsername : byName;
  if (matches.length > 1) {
    errs.add(column, `“${parsed.data}”对应本单位多个用户，请改填用户名`);
    return null;
  }
  return { userId: matches[0]?.id ?? null, name: matches[0]?.displayName ?? parsed.data, phone };
}

function checkPhone(text: string, column: RosterColumn, errs: RowErrors): string | null {
  if (!text) return null;
  const r = DutyPhone.safeParse(text);
  if (!r.success) {
    errs.add(column, `电话“${text.slice(0, 30)}”格式不正确（手机号或带区号的固定电话）`);
    return null;
  }
  return r.data;
}

function parseTimes(r: RawRosterRow, kind: DutyShiftKind | null, date: string | null, errs: RowErrors): { start: Date; end: Date } | null {
  const defaults = kind ? DEFAULT_SHIFT_TIMES[kind] : null;
  if (!defaults && !r.开始时间 && !r.结束时间) return null; // the kind's error says it all
  const startText = r.开始时间 || defaults?.[0] || '';
  const endText = r.结束时间 || defaults?.[1] || '';
  const start = parseRosterTime(startText);
  const end = parseRosterTime(endText);
  if (start === null) errs.add('开始时间', `开始时间“${startText}”无效，应为 HH:mm`);
  if (end === null) errs.add('结束时间', `结束时间“${endText}”无效，应为 HH:mm`);
  if (start === null || end === null || !date || start === 1440) {
    if (start === 1440) errs.add('开始时间', '开始时间不能是 24:00');
    return null;
  }
  const startAt = atBeijing(date, hhmm(start));
  // An end at or before the start is on the next day (night and 24-hour shifts).
  const endDays = end === 1440 ? 1 : end <= start ? 1 : 0;
  return { start: startAt, end: atBeijing(date, hhmm(end), endDays) };
}

/** Validates one row into a shift draft; every problem is reported with its column. */
export function parseRosterRow(r: RawRosterRow, users: OrgUser[]): { draft: ShiftDraft | null; errors: RosterImportError[] } {
  const errs = new RowErrors(r.row);
  const date = r.日期 ? parseRosterDate(r.日期) : null;
  if (!r.日期) errs.add('日期', '日期不能为空');
  else if (!date) errs.add('日期', `日期“${r.日期}”无效，应为 2026-06-01 这样的日期`);
  const kind = KIND_WORDS[r.班次.trim().toLowerCase()] ?? null;
  if (!kind) errs.add('班次', `班次“${r.班次}”无效，应为 白班、夜班 或 24小时`);
  const times = parseTimes(r, kind, date, errs);

  const leaderPhone = checkPhone(r.领导电话, '领导电话', errs);
  const leader = r.带班领导 ? resolvePerson(r.带班领导, leaderPhone, users, '带班领导', errs) : null;
  if (!r.带班领导 && r.领导电话) errs.add('带班领导', '填写了领导电话，但没有填写带班领导');

  const names = splitList(r.值班员);
  const phones = splitList(r.值班员电话);
  if (names.length === 0) errs.add('值班员', '至少填写一名值班员');
  if (names.length > 10) errs.add('值班员', '值班员最多 10 人');
  if (phones.length > 0 && phones.length !== names.length)
    errs.add('值班员电话', `值班员电话有 ${phones.length} 个，值班员有 ${names.length} 人，数量应一致（用顿号分隔）`);
  const officers = names.map((n, i) =>
    resolvePerson(n, phones.length === names.length ? checkPhone(phones[i]!, '值班员电话', errs) : null, users, '值班员', errs),
  );
  const note = r.备注.trim();
  if (note.length > 500) errs.add('备注', '备注不能超过 500 字');

  if (errs.list.length > 0 || !kind || !times) return { draft: null, errors: errs.list };
  return {
    draft: {
      row: r.row,
      kind,
      ...times,
      note: note || null,
      leader,
      officers: officers.filter((o): o is PersonDraft => o !== null),
    },
    errors: [],
  };
}

/** Validates every row; the same org, start and end twice in one file is an error of the later row. */
export function parseRosterRows(rows: RawRosterRow[], users: OrgUser[]): { drafts: ShiftDraft[]; errors: RosterImportError[] } {
  const drafts: ShiftDraft[] = [];
  const errors: RosterImportError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const { draft, errors: rowErrors } = parseRosterRow(r, users);
    errors.push(...rowErrors);
    if (!draft) continue;
    const key = `${draft.start.toISOString()}|${draft.end.toISOString()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: r.row, column: '日期', message: `与第 ${first} 行的班次时间相同` });
      continue;
    }
    seen.set(key, r.row);
    drafts.push(draft);
  }
  return { drafts, errors };
}

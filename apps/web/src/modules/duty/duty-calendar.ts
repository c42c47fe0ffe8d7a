import type { DutyPersonDto, DutyShiftDto, RosterImportError } from '@vigil/shared';
import { ApiError } from '../../lib/api-error';
import { beijingDate } from '../../lib/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** [from, to) of a calendar month in Beijing time, as the shifts query takes it (`month` is 1–12). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return { from: `${year}-${pad(month)}-01T00:00:00+08:00`, to: `${next.y}-${pad(next.m)}-01T00:00:00+08:00` };
}

/** [from, to) of one Beijing calendar day (`2026-06-01`). */
export function dayRange(date: string): { from: string; to: string } {
  const start = new Date(`${date}T00:00:00+08:00`);
  return { from: start.toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() };
}

/** Shifts grouped by the Beijing date they start on, each day in start order. */
export function shiftsByDay(shifts: readonly DutyShiftDto[]): Map<string, DutyShiftDto[]> {
  const out = new Map<string, DutyShiftDto[]>();
  for (const s of [...shifts].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const day = beijingDate(s.startsAt);
    out.set(day, [...(out.get(day) ?? []), s]);
  }
  return out;
}

/** Everyone on a shift, leader first. */
export function peopleOf(s: Pick<DutyShiftDto, 'leader' | 'officers'>): DutyPersonDto[] {
  return [...(s.leader ? [s.leader] : []), ...s.officers];
}

const EARLY_MS = 30 * 60_000;
const LATE_MS = 2 * 3_600_000;

/**
 * The user's own shifts that can be signed in or out of now: from 30 minutes before the start
 * until 2 hours after the end (the server's windows), soonest first.
 */
export function mySignableShifts(
  shifts: readonly DutyShiftDto[],
  userId: string,
  now: number,
): { shift: DutyShiftDto; person: DutyPersonDto }[] {
  return shifts
    .flatMap((shift) => {
      const person = peopleOf(shift).find((p) => p.userId === userId);
      if (!person) return [];
      const start = Date.parse(shift.startsAt);
      const end = Date.parse(shift.endsAt);
      return now >= start - EARLY_MS && now <= end + LATE_MS ? [{ shift, person }] : [];
    })
    .sort((a, b) => Date.parse(a.shift.startsAt) - Date.parse(b.shift.startsAt));
}

/** The first shift of the same org starting after `from` starts: the one to hand over to. */
export function nextShiftOf(shifts: readonly DutyShiftDto[], from: DutyShiftDto): DutyShiftDto | undefined {
  return shifts
    .filter((s) => s.orgId === from.orgId && Date.parse(s.startsAt) > Date.parse(from.startsAt))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
}

/**
 * The row-by-row problems of a refused roster import. The server names each field `row<N>.<column>`
 * in the problem's `errors`; anything else is reported against row 0.
 */
export function importErrorsOf(err: unknown): RosterImportError[] {
  if (!(err instanceof ApiError)) return [];
  return err.fieldErrors.map((e) => {
    const m = /^row(\d+)\.(.*)$/.exec(e.field);
    return m ? { row: Number(m[1]), column: m[2] ?? '', message: e.message } : { row: 0, column: e.field, message: e.message };
  });
}

/** `75` → `1分15秒` / `1m 15s`: response times of duty checks. */
export function formatSeconds(s: number | null, locale: string): string {
  if (s === null) return '—';
  const r = Math.round(s);
  const m = Math.floor(r / 60);
  const sec = r % 60;
  if (locale === 'en') return m ? `${m}m ${sec}s` : `${sec}s`;
  return m ? `${m}分${sec}秒` : `${sec}秒`;
}

import type { CreateDutyShiftInput, DutyPersonDto, DutyPersonInput, DutyShiftDto, DutyShiftKind } from '@vigil/shared';
import { formatBeijing } from '../../lib/time';
import { beijingWallToIso } from '../incidents/incident-format';

/** Usual start and end (Beijing) of each kind of shift; a night or 24-hour shift ends the next day. */
export const SHIFT_TIMES: Record<DutyShiftKind, { start: string; end: string; nextDay: boolean }> = {
  day: { start: '08:00', end: '18:00', nextDay: false },
  night: { start: '18:00', end: '08:00', nextDay: true },
  '24h': { start: '08:00', end: '08:00', nextDay: true },
};

const addDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The default start and end of a shift of `kind` on a Beijing `date` (`2026-06-01`), as Beijing wall-clock times. */
export function defaultShiftTimes(date: string, kind: DutyShiftKind): { start: string; end: string } {
  const t = SHIFT_TIMES[kind];
  return { start: `${date} ${t.start}:00`, end: `${t.nextDay ? addDay(date) : date} ${t.end}:00` };
}

/** One person row of the shift form. */
export interface PersonValues {
  userId?: string | null;
  name?: string | null;
  phone?: string | null;
}

export interface ShiftFormValues {
  kind: DutyShiftKind;
  /** Beijing wall-clock start and end, as the range picker shows them. */
  range: [{ format(t: string): string }, { format(t: string): string }];
  note?: string | null;
  leader?: PersonValues | null;
  officers?: PersonValues[];
}

/** A form row → the API's person; empty rows are dropped; a masked phone (`138****5678`) is never sent back. */
export function toPersonInput(p: PersonValues | null | undefined): DutyPersonInput | null {
  if (!p) return null;
  const name = p.name?.trim();
  const phone = p.phone?.trim();
  if (!p.userId && !name) return null;
  return {
    ...(p.userId ? { userId: p.userId } : {}),
    ...(name ? { name } : {}),
    ...(phone && !phone.includes('*') ? { phone } : {}),
  };
}

/** The shift form → `POST /duty/shifts` (times read as Beijing time). */
export function toShiftInput(orgId: string, v: ShiftFormValues): CreateDutyShiftInput {
  const wall = (d: { format(t: string): string }) => beijingWallToIso(d.format('YYYY-MM-DD HH:mm:ss'));
  const note = v.note?.trim();
  return {
    orgId,
    kind: v.kind,
    startsAt: wall(v.range[0]),
    endsAt: wall(v.range[1]),
    ...(note ? { note } : {}),
    leader: toPersonInput(v.leader),
    officers: (v.officers ?? []).map(toPersonInput).filter((p): p is DutyPersonInput => p !== null),
  };
}

const personValues = (p: DutyPersonDto): PersonValues => ({ userId: p.userId, name: p.name, phone: p.phone });

/** A shift → the form's values; `toPicker` makes a picker value from a Beijing wall-clock string. */
export function shiftToValues<P>(s: DutyShiftDto, toPicker: (wall: string) => P) {
  return {
    kind: s.kind,
    range: [toPicker(formatBeijing(s.startsAt)), toPicker(formatBeijing(s.endsAt))] as [P, P],
    note: s.note,
    leader: s.leader ? personValues(s.leader) : null,
    officers: s.officers.map(personValues),
  };
}

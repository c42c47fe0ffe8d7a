import { formatBeijing } from './duty-time.js';

export interface Interval {
  start: Date;
  end: Date;
}

/** Whether two half-open intervals share time; back-to-back shifts (20:00 end, 20:00 start) do not. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** A person already booked on a shift. */
export interface Booking extends Interval {
  shiftId: string;
  orgName: string;
  personKey: string;
  personName: string;
}

/** A shift being created or changed, with the keys of its people. */
export interface Candidate extends Interval {
  /** The shift itself when it exists (its own bookings never conflict). */
  shiftId: string | null;
  people: { key: string; name: string }[];
}

export interface Conflict {
  personName: string;
  other: Booking;
}

/** Every person of the candidate who is booked on another shift overlapping it (in any org). */
export function overlapConflicts(candidate: Candidate, bookings: Booking[]): Conflict[] {
  const out: Conflict[] = [];
  for (const p of candidate.people) {
    const other = bookings.find((b) => b.personKey === p.key && b.shiftId !== candidate.shiftId && overlaps(candidate, b));
    if (other) out.push({ personName: p.name, other });
  }
  return out;
}

/** `张三 已在 晋江市应急管理局 2026-06-01 08:00 至 2026-06-01 20:00 的班次中值班` — names the person and the other shift. */
export function describeConflict(c: Conflict): string {
  return `${c.personName} 已在 ${c.other.orgName} ${formatBeijing(c.other.start)} 至 ${formatBeijing(c.other.end)} 的班次中值班，时间重叠`;
}

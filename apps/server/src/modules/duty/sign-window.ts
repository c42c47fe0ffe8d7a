/** How early before the shift start a person may sign in. */
export const SIGN_IN_EARLY_MS = 30 * 60_000;
/** How late after the shift end a person may still sign out. */
export const SIGN_OUT_LATE_MS = 2 * 3_600_000;
/** A handover not countersigned this long after the shift change is flagged. */
export const COUNTERSIGN_GRACE_MS = 30 * 60_000;

interface ShiftTimes {
  starts_at: Date;
  ends_at: Date;
}

interface PersonSigns {
  signed_in_at: Date | null;
  signed_out_at: Date | null;
}

/** Why the person may not sign in now (null when they may): from 30 min before the start until the end. */
export function signInProblem(shift: ShiftTimes, person: PersonSigns, now: Date): string | null {
  if (person.signed_in_at) return '已签到，无需重复签到';
  if (now.getTime() < shift.starts_at.getTime() - SIGN_IN_EARLY_MS) return '未到签到时间（班次开始前 30 分钟起可签到）';
  if (now.getTime() >= shift.ends_at.getTime()) return '班次已结束，不能签到';
  return null;
}

/** Why the person may not sign out now (null when they may): after signing in, until 2 h after the end. */
export function signOutProblem(shift: ShiftTimes, person: PersonSigns, now: Date): string | null {
  if (!person.signed_in_at) return '尚未签到，不能签退';
  if (person.signed_out_at) return '已签退';
  if (now.getTime() > shift.ends_at.getTime() + SIGN_OUT_LATE_MS) return '已超过签退时限（班次结束后 2 小时内）';
  return null;
}

/** When the incoming shift must have countersigned a handover: 30 minutes after the shift change. */
export function countersignDueAt(fromShiftEndsAt: Date): Date {
  return new Date(fromShiftEndsAt.getTime() + COUNTERSIGN_GRACE_MS);
}

/** Whether an unsigned handover is past its countersign deadline. */
export function handoverOverdue(h: { countersigned_at: Date | null; countersign_due_at: Date }, now: Date): boolean {
  return !h.countersigned_at && now.getTime() > new Date(h.countersign_due_at).getTime();
}

/** A check's status once acknowledged at `ackAt`: answered in time, or missed (acknowledged late). */
export function checkOutcome(
  check: { sent_at: Date; due_at: Date },
  ackAt: Date,
): { status: 'answered' | 'missed'; responseSeconds: number; late: boolean } {
  const responseSeconds = Math.max(0, Math.round((ackAt.getTime() - new Date(check.sent_at).getTime()) / 1000));
  const late = ackAt.getTime() > new Date(check.due_at).getTime();
  return { status: late ? 'missed' : 'answered', responseSeconds, late };
}

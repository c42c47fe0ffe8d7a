import { describe, expect, it } from 'vitest';
import { checkOutcome, countersignDueAt, handoverOverdue, signInProblem, signOutProblem } from './sign-window.js';

const at = (s: string) => new Date(`2026-06-01T${s}:00+08:00`);
const shift = { starts_at: at('08:00'), ends_at: at('18:00') };
const fresh = { signed_in_at: null, signed_out_at: null };

describe('sign-in window', () => {
  it.each([
    ['07:29', '未到签到时间'],
    ['07:30', null],
    ['12:00', null],
    ['17:59', null],
    ['18:00', '班次已结束'],
  ])('at %s', (time, problem) => {
    const p = signInProblem(shift, fresh, at(time));
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });

  it('refuses a second sign-in', () => {
    expect(signInProblem(shift, { signed_in_at: at('08:00'), signed_out_at: null }, at('09:00'))).toContain('已签到');
  });
});

describe('sign-out window', () => {
  const signedIn = { signed_in_at: at('08:00'), signed_out_at: null };
  it('needs a sign-in first and closes two hours after the end', () => {
    expect(signOutProblem(shift, fresh, at('18:00'))).toContain('尚未签到');
    expect(signOutProblem(shift, signedIn, at('20:00'))).toBeNull();
    expect(signOutProblem(shift, signedIn, at('20:01'))).toContain('签退时限');
    expect(signOutProblem(shift, { ...signedIn, signed_out_at: at('18:00') }, at('18:05'))).toContain('已签退');
  });
});

describe('handover countersign deadline', () => {
  it('is 30 minutes after the shift change and flags unsigned handovers after it', () => {
    const due = countersignDueAt(at('18:00'));
    expect(due).toEqual(at('18:30'));
    expect(handoverOverdue({ countersigned_at: null, countersign_due_at: due }, at('18:30'))).toBe(false);
    expect(handoverOverdue({ countersigned_at: null, countersign_due_at: due }, at('18:31'))).toBe(true);
    expect(handoverOverdue({ countersigned_at: at('18:40'), countersign_due_at: due }, at('19:00'))).toBe(false);
  });
});

describe('check outcome', () => {
  const check = { sent_at: at('10:00'), due_at: at('10:05') };
  it('is answered within the deadline and missed (late) after it, with the response time', () => {
    expect(checkOutcome(check, new Date(at('10:00').getTime() + 95_000))).toEqual({ status: 'answered', responseSeconds: 95, late: false });
    expect(checkOutcome(check, at('10:05'))).toEqual({ status: 'answered', responseSeconds: 300, late: false });
    expect(checkOutcome(check, at('10:06'))).toEqual({ status: 'missed', responseSeconds: 360, late: true });
  });
});

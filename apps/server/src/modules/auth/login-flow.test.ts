import { describe, expect, it } from 'vitest';
import { isLocked, nextLockout, passwordExpired, stageAfterPassword, stageAfterTotp, totpRequired } from './login-flow.js';

const base = { mustChangePassword: false, passwordExpired: false, totpEnabled: false, totpRequired: false };
const now = new Date('2026-06-01T00:00:00Z');

describe('login flow', () => {
  it('asks for TOTP before enrolment, and both before a password change', () => {
    expect(stageAfterPassword(base)).toBe('active');
    expect(stageAfterPassword({ ...base, mustChangePassword: true })).toBe('password_change');
    expect(stageAfterPassword({ ...base, passwordExpired: true, totpRequired: true })).toBe('totp_enroll');
    expect(stageAfterPassword({ ...base, mustChangePassword: true, totpEnabled: true, totpRequired: true })).toBe('totp');
    expect(stageAfterTotp({ mustChangePassword: false, passwordExpired: true })).toBe('password_change');
    expect(stageAfterTotp({ mustChangePassword: false, passwordExpired: false })).toBe('active');
  });

  it('requires TOTP exactly for the administrator roles', () => {
    expect(totpRequired([{ admin_kind: null }, { admin_kind: 'audit' }])).toBe(true);
    expect(totpRequired([{ admin_kind: null }])).toBe(false);
  });

  it('locks on the threshold-th consecutive failure and starts counting afresh', () => {
    expect(nextLockout(3, 5, 15, now)).toEqual({ failedCount: 4, lockedUntil: null });
    expect(nextLockout(4, 5, 15, now)).toEqual({ failedCount: 0, lockedUntil: new Date('2026-06-01T00:15:00Z') });
    expect(isLocked(new Date('2026-06-01T00:15:00Z'), now)).toBe(true);
    expect(isLocked(new Date('2026-05-31T23:59:59Z'), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });

  it('expires a password after the policy age', () => {
    expect(passwordExpired('2026-03-03T00:00:00Z', now, { passwordMaxAgeDays: 90 })).toBe(false); // exactly 90 days
    expect(passwordExpired('2026-03-02T23:00:00Z', now, { passwordMaxAgeDays: 90 })).toBe(true);
  });
});

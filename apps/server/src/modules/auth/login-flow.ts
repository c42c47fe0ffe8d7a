import type { SessionStage } from '@vigil/shared';

/** What the account requires after a correct password, in order. */
export function stageAfterPassword(u: {
  mustChangePassword: boolean;
  passwordExpired: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
}): SessionStage {
  if (u.totpEnabled) return 'totp';
  if (u.totpRequired) return 'totp_enroll';
  if (u.mustChangePassword || u.passwordExpired) return 'password_change';
  return 'active';
}

/** The step after TOTP has been passed or enrolled. */
export function stageAfterTotp(u: { mustChangePassword: boolean; passwordExpired: boolean }): SessionStage {
  return u.mustChangePassword || u.passwordExpired ? 'password_change' : 'active';
}

/** Lockout after `threshold` consecutive failures, for `minutes`. */
export function nextLockout(
  failedCount: number,
  threshold: number,
  minutes: number,
  now: Date,
): { failedCount: number; lockedUntil: Date | null } {
  const n = failedCount + 1;
  return n >= threshold
    ? { failedCount: 0, lockedUntil: new Date(now.getTime() + minutes * 60_000) }
    : { failedCount: n, lockedUntil: null };
}

import type { SecurityPolicy, SessionStage } from '@vigil/shared';

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

/** Whether the password is older than the policy allows. */
export function passwordExpired(changedAt: Date | string, now: Date, policy: Pick<SecurityPolicy, 'passwordMaxAgeDays'>): boolean {
  return now.getTime() - new Date(changedAt).getTime() > policy.passwordMaxAgeDays * 86_400_000;
}

/** TOTP is mandatory for the three administrators (system, security, audit). */
export function totpRequired(roles: readonly { admin_kind: string | null }[]): boolean {
  return roles.some((r) => r.admin_kind !== null);
}

/** Failed logins from one address lock the address at this many (a multiple of the account threshold). */
export function ipLockoutThreshold(policy: Pick<SecurityPolicy, 'lockoutThreshold'>): number {
  return policy.lockoutThreshold * 4;
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

/** Whole minutes (at least 1) until a lock ends, for the message. */
export function minutesLeft(until: Date | string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
}

/** Whether a lock is still in force. */
export function isLocked(lockedUntil: Date | string | null, now: Date): boolean {
  return lockedUntil !== null && new Date(lockedUntil) > now;
}

import type { SecurityPolicy } from '@vigil/shared';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.js';
import { ANONYMOUS, type Actor } from '../../platform/auth/actor.js';
import type { SessionInfo } from '../../platform/auth/authenticate.js';
import { inTransaction, type Ctx, type Platform, type RequestMeta } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './auth.repository.js';
import { minutesLeft } from './login-flow.js';

/** The actor recorded for an account's own login events (before it holds any grants). */
export function accountActor(u: { id: string; username: string; org_id: string; org_path: string }): Actor {
  return { ...ANONYMOUS, kind: 'user', userId: u.id, username: u.username, orgId: u.org_id, orgPath: u.org_path };
}

/** The 423 answer for a locked account. */
export function accountLocked(until: Date | string, now: Date): AppError {
  return new AppError('LOCKED', `账户已锁定，请于 ${minutesLeft(until, now)} 分钟后再试`, {
    extra: { lockedUntil: new Date(until).toISOString() },
  });
}

/**
 * Counts one failed credential check (password, TOTP code) against the account and locks it when
 * the policy threshold is reached; both are audited. Returns the lock's end, or null.
 */
export async function countAccountFailure(
  ctx: Ctx,
  userId: string,
  policy: SecurityPolicy,
  failure: { action: string; reason: string; purpose?: string },
): Promise<Date | null> {
  const n = await repo.addFailure(ctx.tx, userId);
  await recordAudit(ctx, {
    action: failure.action,
    entity: 'user',
    entityId: userId,
    result: 'failed',
    after: { reason: failure.reason, ...(failure.purpose ? { purpose: failure.purpose } : {}), failures: n },
  });
  if (n < policy.lockoutThreshold) return null;
  const until = new Date(ctx.now.getTime() + policy.lockoutMinutes * 60_000);
  await repo.lockAccount(ctx.tx, userId, until);
  await recordAudit(ctx, { action: 'auth.locked', entity: 'user', entityId: userId, result: 'denied', after: { until, failures: n } });
  return until;
}

/**
 * A failed check during or after login, committed before the error is reported. When it locks
 * the account, a session still in a login step is ended too: the person starts over after the lock.
 */
export async function failCredentialCheck(
  call: { platform: Platform; actor: Actor; meta: RequestMeta; session: SessionInfo },
  policy: SecurityPolicy,
  failure: { action: string; reason: string; purpose?: string },
  error: AppError,
): Promise<never> {
  const userId = call.actor.userId;
  if (!userId) throw new AppError('UNAUTHENTICATED');
  const lockedUntil = await inTransaction(call.platform, call.actor, call.meta, async (ctx) => {
    const until = await countAccountFailure(ctx, userId, policy, failure);
    if (until && call.session.stage !== 'active') await repo.revokeSession(ctx.tx, call.session.id, ctx.now);
    return until;
  });
  if (lockedUntil) throw accountLocked(lockedUntil, call.platform.clock.now());
  throw error;
}

/** Refuses a step for a locked account, audited as a blocked login. */
export async function refuseLocked(platform: Platform, actor: Actor, meta: RequestMeta, until: Date | string): Promise<never> {
  await recordAuditNow(platform, actor, meta, { action: 'auth.login_blocked', entity: 'user', entityId: actor.userId, result: 'denied' });
  throw accountLocked(until, platform.clock.now());
}

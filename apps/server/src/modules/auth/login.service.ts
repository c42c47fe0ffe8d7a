import type { LoginInput, LoginResult, SecurityPolicy, SessionStage } from '@vigil/shared';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.js';
import { ANONYMOUS, type Actor } from '../../platform/auth/actor.js';
import type { SessionInfo } from '../../platform/auth/authenticate.js';
import { newOpaqueToken } from '../../platform/auth/tokens.js';
import { inTransaction, type Ctx, type Platform, type RequestMeta } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import { findUserByUsername, hashPassword, rolesOf, verifyPassword } from '../users/index.js';
import { accountActor, countAccountFailure, refuseLocked } from './account-lockout.js';
import * as repo from './auth.repository.js';
import { ipLockoutThreshold, isLocked, minutesLeft, nextLockout, passwordExpired, stageAfterPassword, totpRequired } from './login-flow.js';

// A real argon2id hash so that unknown usernames cost the same time as known ones.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hashPassword('unknown-user-Dummy-1'));

export interface LoginOutcome extends LoginResult {
  sessionToken: string;
}

const GENERIC_FAILURE = '用户名或密码错误';

/** Counts a failed login against the client address; locks the address at its (higher) threshold. */
async function countIpFailure(
  ctx: Ctx,
  ip: string,
  prev: { failed_count: number; first_failed_at: Date } | undefined,
  policy: SecurityPolicy,
): Promise<void> {
  const windowMs = policy.lockoutMinutes * 60_000;
  const inWindow = prev && ctx.now.getTime() - new Date(prev.first_failed_at).getTime() < windowMs;
  const next = nextLockout(inWindow ? prev.failed_count : 0, ipLockoutThreshold(policy), policy.lockoutMinutes, ctx.now);
  await repo.saveIpLockout(ctx.tx, {
    ip,
    failed_count: next.failedCount,
    first_failed_at: inWindow && next.failedCount > 1 ? prev.first_failed_at : ctx.now,
    locked_until: next.lockedUntil,
  });
  if (next.lockedUntil)
    await recordAudit(ctx, { action: 'auth.locked', entity: 'ip', entityId: ip, result: 'denied', after: { until: next.lockedUntil } });
}

/**
 * Password step of login: checks address and account lockout, verifies the password, opens a
 * session at the stage the account requires next (TOTP, enrolment, password change or active).
 * Failures are committed (counted and audited) before the error is returned.
 */
export async function login(platform: Platform, meta: RequestMeta, input: LoginInput): Promise<LoginOutcome> {
  const { db, clock } = platform;
  const now = clock.now();
  const policy = await getSecurityPolicy(db);
  const ip = meta.ip ?? 'unknown';
  const username = input.username.trim().toLowerCase();
  const who: Actor = { ...ANONYMOUS, username };

  const ipRow = await repo.findIpLockout(db, ip);
  if (ipRow && isLocked(ipRow.locked_until, now)) {
    await recordAuditNow(platform, who, meta, { action: 'auth.login_blocked', entity: 'ip', entityId: ip, result: 'denied' });
    throw new AppError('LOCKED', `该地址登录失败次数过多，请于 ${minutesLeft(ipRow.locked_until!, now)} 分钟后再试`);
  }

  const user = await findUserByUsername(db, username);
  if (user && isLocked(user.locked_until, now)) await refuseLocked(platform, accountActor(user), meta, user.locked_until!);

  const ok = await verifyPassword(user?.password_hash ?? (await getDummyHash()), input.password);
  if (!user || !ok || user.status !== 'active') {
    await inTransaction(platform, user ? accountActor(user) : who, meta, async (ctx) => {
      await countIpFailure(ctx, ip, ipRow, policy);
      if (user) await countAccountFailure(ctx, user.id, policy, { action: 'auth.login_failed', reason: ok ? 'disabled' : 'bad_password' });
      else await recordAudit(ctx, { action: 'auth.login_failed', entity: 'user', result: 'failed', after: { reason: 'unknown_user' } });
    });
    throw new AppError('UNAUTHENTICATED', user && ok ? '账户已停用' : GENERIC_FAILURE);
  }

  const roles = await rolesOf(db, user.id);
  const stage: SessionStage = stageAfterPassword({
    mustChangePassword: user.must_change_password,
    passwordExpired: passwordExpired(user.password_changed_at, now, policy),
    totpEnabled: user.totp_enabled,
    totpRequired: totpRequired(roles),
  });
  const { token, hash } = newOpaqueToken();
  const csrf = newOpaqueToken().token;
  await inTransaction(platform, accountActor(user), meta, async (ctx) => {
    await repo.insertSession(ctx.tx, {
      id: hash,
      user_id: user.id,
      stage,
      csrf_token: csrf,
      ip: meta.ip,
      user_agent: meta.userAgent,
      created_at: ctx.now,
      last_seen_at: ctx.now,
      expires_at: new Date(ctx.now.getTime() + policy.absoluteTimeoutHours * 3_600_000),
    });
    // With a TOTP step still to come, earlier failures keep counting until it is passed.
    await repo.recordPasswordSuccess(ctx.tx, user.id, ctx.now, stage !== 'totp');
    await repo.clearIpLockout(ctx.tx, ip);
    await recordAudit(ctx, { action: 'auth.login', entity: 'user', entityId: user.id, after: { stage } });
  });
  return { stage, csrfToken: csrf, sessionToken: token };
}

/** Ends the current session. */
export async function logout(ctx: Ctx, session: SessionInfo): Promise<void> {
  await repo.revokeSession(ctx.tx, session.id, ctx.now);
  await recordAudit(ctx, { action: 'auth.logout', entity: 'session', entityId: session.id.slice(0, 12) });
}

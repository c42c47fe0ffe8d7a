import type { SessionStage, StageResult, TotpSetupDto } from '@vigil/shared';
import QRCode from 'qrcode';
import { recordAudit } from '../../platform/audit/audit.js';
import { openSecret, sealSecret } from '../../platform/auth/secret-box.js';
import { inTransaction } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import type { UserRow } from '../../platform/db/schema.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import { findUser, rolesOf } from '../users/index.js';
import { failCredentialCheck, refuseLocked } from './account-lockout.js';
import * as repo from './auth.repository.js';
import type { AuthCall } from './auth-call.js';
import { isLocked, passwordExpired, stageAfterTotp, totpRequired } from './login-flow.js';
import { matchTotp, newTotpSecret, totpUrl } from './totp.js';

const sealContext = (userId: string) => `totp:${userId}`;

async function currentUser(call: AuthCall): Promise<UserRow> {
  const user = call.actor.userId ? await findUser(call.platform.db, call.actor.userId) : undefined;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

/**
 * Checks a code against the user's (sealed) secret: within ±1 time step and later than the last
 * step used (no replay). Locked accounts are refused; a wrong code counts toward the lockout.
 */
async function checkCode(call: AuthCall, user: UserRow, code: string, purpose: 'login' | 'enroll' | 'disable'): Promise<number> {
  const now = call.platform.clock.now();
  if (isLocked(user.locked_until, now)) await refuseLocked(call.platform, call.actor, call.meta, user.locked_until!);
  if (!user.totp_secret) conflict('尚未设置双因素认证');
  const secret = openSecret(call.platform.config, user.totp_secret, sealContext(user.id));
  const step = matchTotp(secret, code, now);
  const replayed = step !== null && user.totp_last_step !== null && step <= user.totp_last_step;
  if (step === null || replayed) {
    const policy = await getSecurityPolicy(call.platform.db);
    const message = replayed ? '该动态口令已使用过，请等待下一个口令' : '动态口令错误';
    return failCredentialCheck(
      call,
      policy,
      { action: 'auth.totp_failed', reason: replayed ? 'replayed' : 'bad_code', purpose },
      new AppError('VALIDATION', message, { errors: [{ field: 'code', message }] }),
    );
  }
  return step;
}

/** Consumes the step and moves the session on; a lost race against the same code reads as a replay. */
async function completeStep(call: AuthCall, user: UserRow, step: number, enable: boolean, action: string): Promise<StageResult> {
  const policy = await getSecurityPolicy(call.platform.db);
  const from = call.session.stage;
  const next: SessionStage =
    from === 'active'
      ? 'active'
      : stageAfterTotp({
          mustChangePassword: user.must_change_password,
          passwordExpired: passwordExpired(user.password_changed_at, call.platform.clock.now(), policy),
        });
  return inTransaction(call.platform, call.actor, call.meta, async (ctx) => {
    if (!(await repo.useTotpStep(ctx.tx, user.id, step, enable))) invalid('code', '该动态口令已使用过，请等待下一个口令');
    if (next !== from && !(await repo.advanceSessionStage(ctx.tx, call.session.id, from, next))) conflict('会话状态已改变，请重新登录');
    await recordAudit(ctx, { action, entity: 'user', entityId: user.id, after: { stage: next } });
    return { stage: next };
  });
}

/** Starts (or restarts) enrolment: a new pending secret, sealed at rest, returned once with its QR code. */
export async function setupTotp(call: AuthCall): Promise<TotpSetupDto> {
  const user = await currentUser(call);
  if (user.totp_enabled) conflict('已启用双因素认证');
  const secret = newTotpSecret();
  const otpauthUrl = totpUrl(secret, user.username);
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  await inTransaction(call.platform, call.actor, call.meta, async (ctx) => {
    if (!(await repo.setPendingTotp(ctx.tx, user.id, sealSecret(call.platform.config, secret, sealContext(user.id)))))
      conflict('已启用双因素认证');
    await recordAudit(ctx, { action: 'auth.totp_setup_started', entity: 'user', entityId: user.id });
  });
  return { secret, otpauthUrl, qrDataUrl };
}

/** Confirms enrolment with a first code: TOTP is on from now; an enrolling login moves to its next step. */
export async function enrollTotp(call: AuthCall, code: string): Promise<StageResult> {
  const user = await currentUser(call);
  if (user.totp_enabled) conflict('已启用双因素认证');
  if (!user.totp_secret) conflict('请先获取二维码并在验证器中添加账户');
  const step = await checkCode(call, user, code, 'enroll');
  return completeStep(call, user, step, true, 'auth.totp_enabled');
}

/** The TOTP step of login. */
export async function passTotp(call: AuthCall, code: string): Promise<StageResult> {
  const user = await currentUser(call);
  if (!user.totp_enabled) conflict('尚未启用双因素认证');
  const step = await checkCode(call, user, code, 'login');
  return completeStep(call, user, step, false, 'auth.totp_passed');
}

/** Turns optional TOTP off (a current code required); the administrators cannot. */
export async function disableTotp(call: AuthCall, code: string): Promise<void> {
  const user = await currentUser(call);
  if (totpRequired(await rolesOf(call.platform.db, user.id))) conflict('管理员必须启用双因素认证，不能关闭');
  if (!user.totp_enabled) conflict('尚未启用双因素认证');
  const step = await checkCode(call, user, code, 'disable');
  await inTransaction(call.platform, call.actor, call.meta, async (ctx) => {
    if (!(await repo.useTotpStep(ctx.tx, user.id, step, false))) invalid('code', '该动态口令已使用过，请等待下一个口令');
    await repo.disableTotp(ctx.tx, user.id);
    await recordAudit(ctx, { action: 'auth.totp_disabled', entity: 'user', entityId: user.id });
  });
}

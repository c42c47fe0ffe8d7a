import type { ChangePasswordInput, SecurityPolicy, StageResult } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction } from '../../platform/ctx.js';
import { AppError, conflict } from '../../platform/errors.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import { findUser, hashPassword, passwordProblems, verifyPassword } from '../users/index.js';
import { failCredentialCheck, refuseLocked } from './account-lockout.js';
import * as repo from './auth.repository.js';
import type { AuthCall } from './auth-call.js';
import { isLocked } from './login-flow.js';

/** Whether `pw` is the current password or one of the last `policy.passwordHistory` ones. */
async function reusesRecentPassword(call: AuthCall, userId: string, currentHash: string, pw: string, policy: SecurityPolicy) {
  const recent = await repo.recentPasswordHashes(call.platform.db, userId, policy.passwordHistory);
  const hashes = [...new Set([currentHash, ...recent])];
  for (const h of hashes) if (await verifyPassword(h, pw)) return true;
  return false;
}

/**
 * Changes the signed-in user's password under the security policy (length, character classes,
 * not one of the last N). Completes a forced or expiry change step; every other session of the
 * user is revoked. A wrong current password counts toward the account lockout.
 */
export async function changePassword(call: AuthCall, input: ChangePasswordInput): Promise<StageResult> {
  const { platform } = call;
  const user = call.actor.userId ? await findUser(platform.db, call.actor.userId) : undefined;
  if (!user) throw new AppError('UNAUTHENTICATED');
  const now = platform.clock.now();
  if (isLocked(user.locked_until, now)) await refuseLocked(platform, call.actor, call.meta, user.locked_until!);
  const policy = await getSecurityPolicy(platform.db);

  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await failCredentialCheck(
      call,
      policy,
      { action: 'auth.password_change_failed', reason: 'bad_password' },
      new AppError('VALIDATION', '当前密码错误', { errors: [{ field: 'currentPassword', message: '当前密码错误' }] }),
    );
  }
  const problems = passwordProblems(input.newPassword, policy, user.username);
  if (problems.length === 0 && (await reusesRecentPassword(call, user.id, user.password_hash, input.newPassword, policy)))
    problems.push(`新密码不能与最近 ${policy.passwordHistory} 次使用过的密码相同`);
  if (problems.length > 0)
    throw new AppError('VALIDATION', problems.join('；'), { errors: problems.map((message) => ({ field: 'newPassword', message })) });

  const newHash = await hashPassword(input.newPassword);
  return inTransaction(platform, call.actor, call.meta, async (ctx) => {
    if (!(await repo.replacePassword(ctx.tx, user.id, user.password_hash, newHash, ctx.now))) conflict('密码已被修改，请重新操作');
    await repo.addPasswordHistory(ctx.tx, user.id, newHash, ctx.now);
    const revokedSessions = await repo.revokeOtherSessions(ctx.tx, user.id, call.session.id, ctx.now);
    const from = call.session.stage;
    if (from === 'password_change' && !(await repo.advanceSessionStage(ctx.tx, call.session.id, from, 'active')))
      conflict('会话状态已改变，请重新登录');
    await recordAudit(ctx, { action: 'auth.password_changed', entity: 'user', entityId: user.id, after: { revokedSessions } });
    return { stage: 'active' as const };
  });
}

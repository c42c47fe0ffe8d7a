import { DEFAULT_SECURITY_POLICY, SecurityPolicy } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { notFound } from '../../platform/errors.js';
import { findUser } from '../users/index.js';
import * as repo from './auth.repository.js';

export const POLICY_KEY = 'security_policy';

/** The stored policy over the defaults, read afresh (not from the cache). */
async function storedPolicy(ctx: Ctx): Promise<SecurityPolicy> {
  const parsed = SecurityPolicy.safeParse({ ...DEFAULT_SECURITY_POLICY, ...((await repo.readSetting(ctx.tx, POLICY_KEY)) as object) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
}

/** The security policy in force. */
export async function readPolicy(ctx: Ctx): Promise<SecurityPolicy> {
  return storedPolicy(ctx);
}

/**
 * Replaces the security policy (validated by the route's schema), audited with before and after.
 * The caller must `invalidateSecurityPolicy()` once the transaction has committed.
 */
export async function updatePolicy(ctx: Ctx, next: SecurityPolicy): Promise<SecurityPolicy> {
  const before = await storedPolicy(ctx);
  await repo.writeSetting(ctx.tx, POLICY_KEY, next, ctx.actor.userId, ctx.now);
  await recordAudit(ctx, { action: 'security.policy_changed', entity: 'setting', entityId: POLICY_KEY, before, after: next });
  return next;
}

/** Lifts an account lockout (failed-attempt counter too); users outside the administrator's scope are an audited 404. */
export async function unlockUser(ctx: Ctx, userId: string): Promise<void> {
  const user = await findUser(ctx.tx, userId);
  if (!user) notFound('用户', userId);
  if (!hasPermissionIn(ctx.actor, 'security.manage', user.org_path)) await denyOutOfScope(ctx, 'user', userId);
  await repo.clearAccountLock(ctx.tx, userId);
  await recordAudit(ctx, {
    action: 'security.user_unlocked',
    entity: 'user',
    entityId: userId,
    before: { lockedUntil: user.locked_until, failures: user.failed_count },
    after: { lockedUntil: null, failures: 0 },
  });
}

import type { LoginInput, LoginResult, MeDto, SessionStage } from '@vigil/shared';
import { recordAudit, recordAuditNow } from '../../platform/audit/audit.js';
import { ANONYMOUS, permissionList, type Actor } from '../../platform/auth/actor.js';
import { newOpaqueToken } from '../../platform/auth/tokens.js';
import type { SessionInfo } from '../../platform/auth/authenticate.js';
import { inTransaction, type Ctx, type Platform, type RequestMeta } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import { findUser, findUserByUsername, hashPassword, rolesOf, verifyPassword } from '../users/index.js';
import * as repo from './auth.repository.js';
import { nextLockout, stageAfterPassword } from './login-flow.js';

// A real argon2id hash so that unknown usernames cost the same time as known ones.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hashPassword('unknown-user-Dummy-1'));

export interface LoginOutcome extends LoginResult {
  sessionToken: string;
}

const GENERIC_FAILURE = '用户名或密码错误';

/**
 * Password step of login: checks IP and account lockout, verifies the password, opens a
 * session at the stage the account requires next (TOTP, enrolment, password change or active).
 */
export async function login(platform: Platform, meta: RequestMeta, input: LoginInput): Promise<LoginOutcome> {
  const { db, clock } = platform;
  const now = clock.now();
  const policy = await getSecurityPolicy(db);
  const ip = meta.ip ?? 'unknown';
  const username = input.username.trim().toLowerCase();
  const who: Actor = { ...ANONYMOUS, username };

  const ipRow = await repo.findIpLockout(db, ip);
  if (ipRow?.locked_until && new Date(ipRow.locked_until) > now) {
    await recordAuditNow(platform, who, meta, { action: 'auth.login_blocked', entity: 'ip', entityId: ip, result: 'denied' });
    throw new AppError('LOCKED', `该地址登录失败次数过多，请于 ${minutesLeft(ipRow.locked_until, now)} 分钟后再试`);
  }

  const user = await findUserByUsername(db, username);
  if (user?.locked_until && new Date(user.locked_until) > now) {
    await recordAuditNow(platform, { ...who, userId: user.id, orgId: user.org_id, orgPath: user.org_path }, meta, {
      action: 'auth.login_blocked',
      entity: 'user',
      entityId: user.id,
      result: 'denied',
    });
    throw new AppError('LOCKED', `账户已锁定，请于 ${minutesLeft(user.locked_until, now)} 分钟后再试`);
  }

  const ok = await verifyPassword(user?.password_hash ?? (await getDummyHash()), input.password);
  if (!user || !ok || user.status !== 'active') {
    await db.transaction().execute(async (tx) => {
      const ipNext = nextLockout(
        ipRow && now.getTime() - new Date(ipRow.first_failed_at).getTime() < policy.lockoutMinutes * 60_000 ? ipRow.failed_count : 0,
        policy.lockoutThreshold * 4,
        policy.lockoutMinutes,
        now,
      );
      await repo.saveIpLockout(tx, {
        ip,
        failed_count: ipNext.failedCount,
        first_failed_at: ipNext.failedCount <= 1 ? now : (ipRow?.first_failed_at ?? now),
        locked_until: ipNext.lockedUntil,
      });
      if (user) {
        const next = nextLockout(user.failed_count, policy.lockoutThreshold, policy.lockoutMinutes, now);
        await repo.recordLoginFailure(tx, user.id, next.failedCount, next.lockedUntil);
        const ctx: Ctx = { tx, actor: { ...who, userId: user.id, orgId: user.org_id, orgPath: user.org_path }, now, meta, platform };
        await recordAudit(ctx, {
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user.id,
          result: 'failed',
          after: { reason: ok ? 'disabled' : 'bad_password' },
        });
        if (next.lockedUntil)
          await recordAudit(ctx, {
            action: 'auth.locked',
            entity: 'user',
            entityId: user.id,
            result: 'denied',
            after: { until: next.lockedUntil },
          });
      } else {
        const ctx: Ctx = { tx, actor: who, now, meta, platform };
        await recordAudit(ctx, {
          action: 'auth.login_failed',
          entity: 'user',
          entityId: null,
          result: 'failed',
          after: { reason: 'unknown_user' },
        });
      }
    });
    throw new AppError('UNAUTHENTICATED', user && ok ? '账户已停用' : GENERIC_FAILURE);
  }

  const roles = await rolesOf(db, user.id);
  const passwordExpired = now.getTime() - new Date(user.password_changed_at).getTime() > policy.passwordMaxAgeDays * 86_400_000;
  const stage: SessionStage = stageAfterPassword({
    mustChangePassword: user.must_change_password,
    passwordExpired,
    totpEnabled: user.totp_enabled,
    totpRequired: roles.some((r) => r.admin_kind !== null),
  });
  const { token, hash } = newOpaqueToken();
  const csrf = newOpaqueToken().token;
  await inTransaction(
    platform,
    { ...who, kind: 'user', userId: user.id, orgId: user.org_id, orgPath: user.org_path },
    meta,
    async (ctx) => {
      await repo.insertSession(ctx.tx, {
        id: hash,
        user_id: user.id,
        stage,
        csrf_token: csrf,
        ip: meta.ip,
        user_agent: meta.userAgent,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + policy.absoluteTimeoutHours * 3_600_000),
      });
      await repo.recordLoginSuccess(ctx.tx, user.id, now);
      await repo.clearIpLockout(ctx.tx, ip);
      await recordAudit(ctx, { action: 'auth.login', entity: 'user', entityId: user.id, after: { stage } });
    },
  );
  return { stage, csrfToken: csrf, sessionToken: token };
}

function minutesLeft(until: Date | string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
}

/** Ends the current session. */
export async function logout(ctx: Ctx, session: SessionInfo): Promise<void> {
  await repo.revokeSession(ctx.tx, session.id, ctx.now);
  await recordAudit(ctx, { action: 'auth.logout', entity: 'session', entityId: session.id.slice(0, 12) });
}

/** The signed-in user, org, roles and effective permissions. */
export async function me(platform: Platform, actor: Actor, session: SessionInfo | null): Promise<MeDto> {
  const db = platform.db;
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  const user = await findUser(db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const org = await repo.orgOf(db, user.org_id);
  const roles = await rolesOf(db, user.id);
  const policy = await getSecurityPolicy(db);
  const zh = user.locale !== 'en';
  return {
    stage: session?.stage ?? 'active',
    csrfToken: session?.csrfToken ?? '',
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      locale: user.locale === 'en' ? 'en' : 'zh-CN',
      totpEnabled: user.totp_enabled,
      passwordExpiresAt: new Date(new Date(user.password_changed_at).getTime() + policy.passwordMaxAgeDays * 86_400_000).toISOString(),
      isDemo: user.is_demo,
    },
    org: { id: org.id, name: org.name, kind: org.kind, path: org.path, divisionCode: org.division_code },
    roles: roles.map((r) => ({ id: r.id, name: zh ? r.name_zh : r.name_en, adminKind: r.admin_kind })),
    permissions: permissionList(actor),
  };
}

/** Remembers the UI language per user. */
export async function setLocale(ctx: Ctx, locale: 'zh-CN' | 'en'): Promise<void> {
  if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED');
  await repo.updateLocale(ctx.tx, ctx.actor.userId, locale);
  await recordAudit(ctx, { action: 'user.locale_changed', entity: 'user', entityId: ctx.actor.userId, after: { locale } });
}

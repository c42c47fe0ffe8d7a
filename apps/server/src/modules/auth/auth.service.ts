import type { MeDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { permissionList, type Actor } from '../../platform/auth/actor.js';
import type { SessionInfo } from '../../platform/auth/authenticate.js';
import type { Ctx, Platform } from '../../platform/ctx.js';
import { AppError } from '../../platform/errors.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import { findUser, rolesOf } from '../users/index.js';
import * as repo from './auth.repository.js';

/** The signed-in user, org, roles and effective permissions; answers in every login stage. */
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

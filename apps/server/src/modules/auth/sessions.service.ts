import type { SessionDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getSecurityPolicy } from '../../platform/settings.js';
import * as repo from './auth.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The signed-in user's live sessions (not revoked, expired or idle), the current one marked. */
export async function listMySessions(ctx: Ctx): Promise<SessionDto[]> {
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('UNAUTHENTICATED');
  const policy = await getSecurityPolicy(ctx.tx);
  const now = ctx.now.getTime();
  const rows = await repo.listLiveSessions(
    ctx.tx,
    userId,
    ctx.now,
    new Date(now - policy.idleTimeoutMinutes * 60_000),
    new Date(now - policy.absoluteTimeoutHours * 3_600_000),
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === ctx.actor.sessionId,
  }));
}

/** Ends one of the user's own sessions (e.g. a forgotten browser); another user's session is an audited 404. */
export async function revokeMySession(ctx: Ctx, id: string): Promise<void> {
  const s = await repo.findSessionById(ctx.tx, id);
  if (!s || s.revoked_at) notFound('会话', id.slice(0, 12));
  if (s.user_id !== ctx.actor.userId) await denyOutOfScope(ctx, 'session', id.slice(0, 12));
  await repo.revokeSession(ctx.tx, id, ctx.now);
  await recordAudit(ctx, { action: 'auth.session_revoked', entity: 'session', entityId: id.slice(0, 12) });
}

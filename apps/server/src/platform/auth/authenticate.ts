import type { AdminKind } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { SessionStage } from '@vigil/shared';
import type { Database } from '../db/schema.js';
import { ANONYMOUS, type Actor, type Grant } from './actor.js';
import { findApiToken, findGrants, findSession, touchApiToken, touchSession, type GrantRow } from './auth.repository.js';
import { API_TOKEN_PREFIX, sha256Hex } from './tokens.js';

export interface SessionInfo {
  id: string;
  stage: SessionStage;
  csrfToken: string;
}

export interface Authenticated {
  actor: Actor;
  session: SessionInfo | null;
  /** Why credentials were presented but refused (expired, revoked…), for 401 detail. */
  rejected: string | null;
}

export interface SessionLimits {
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
}

/** Builds an actor from the user's role grants. */
export async function loadActor(
  db: Kysely<Database>,
  u: { user_id: string; username: string; display_name: string; org_id: string; org_path: string },
  extra: Partial<Actor>,
  restrictTo?: readonly string[],
  preloaded?: readonly GrantRow[],
): Promise<Actor> {
  const rows = preloaded ?? (await findGrants(db, u.user_id));
  const grants: Grant[] = rows.map((r) => ({
    roleId: r.role_id,
    permissions: new Set(restrictTo ? r.permissions.filter((p) => restrictTo.includes(p)) : r.permissions),
    scopePath: r.scope_path,
  }));
  const adminKind = (rows.find((r) => r.admin_kind)?.admin_kind ?? null) as AdminKind | null;
  return {
    ...ANONYMOUS,
    kind: 'user',
    userId: u.user_id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    orgPath: u.org_path,
    grants,
    adminKind,
    ...extra,
  };
}

const TOUCH_EVERY_MS = 15_000;

/**
 * Resolves a session cookie: refuses revoked, expired and idle sessions. The absolute limit is the
 * earlier of the expiry set at login and `created_at` + the policy in force (a policy tightened
 * later applies to open sessions too).
 */
type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/**
 * Sessions resolved in the last `SESSION_CACHE_MS`, by token hash. Reads reuse them (the session
 * lookup is the most expensive query of a read request); every committed write in this process
 * clears the cache (`forgetCachedSessions`), so logout, revocation, role and account changes take
 * effect at once here and within the TTL on other instances. All checks below still run on each
 * request against the cached row.
 */
const sessionCache = new Map<string, { until: number; row: SessionRow }>();
const SESSION_CACHE_MAX = 10_000;

/** Drops every cached session (called after each committed write). */
export function forgetCachedSessions(): void {
  sessionCache.clear();
}

async function lookupSession(db: Kysely<Database>, key: string, cacheMs: number): Promise<SessionRow | undefined> {
  if (cacheMs <= 0) return findSession(db, key);
  const hit = sessionCache.get(key);
  if (hit && hit.until > Date.now()) return hit.row;
  const row = await findSession(db, key);
  if (row) {
    if (sessionCache.size >= SESSION_CACHE_MAX) sessionCache.clear();
    sessionCache.set(key, { until: Date.now() + cacheMs, row });
  } else sessionCache.delete(key);
  return row;
}

export async function authenticateSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  limits: SessionLimits,
  cacheMs = 0,
): Promise<Authenticated> {
  const s = await lookupSession(db, sha256Hex(token), cacheMs);
  if (!s) return { actor: ANONYMOUS, session: null, rejected: '会话无效' };
  if (s.revoked_at) return { actor: ANONYMOUS, session: null, rejected: '会话已注销' };
  const absoluteEnd = Math.min(
    new Date(s.expires_at).getTime(),
    new Date(s.created_at).getTime() + limits.absoluteTimeoutHours * 3_600_000,
  );
  if (absoluteEnd <= now.getTime()) return { actor: ANONYMOUS, session: null, rejected: '会话已过期，请重新登录' };
  const idleMs = limits.idleTimeoutMinutes * 60_000;
  if (now.getTime() - new Date(s.last_seen_at).getTime() > idleMs)
    return { actor: ANONYMOUS, session: null, rejected: '长时间未操作，会话已超时' };
  if (s.user_status !== 'active' || s.org_status !== 'active') return { actor: ANONYMOUS, session: null, rejected: '账户已停用' };
  if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, s.id, now);
    s.last_seen_at = now;
  }
  const session: SessionInfo = { id: s.id, stage: s.stage, csrfToken: s.csrf_token };
  // A session that has not finished login (TOTP, forced password change) carries no grants.
  const actor =
    s.stage === 'active'
      ? await loadActor(db, s, { sessionId: s.id }, undefined, s.grants)
      : {
          ...ANONYMOUS,
          kind: 'user' as const,
          userId: s.user_id,
          username: s.username,
          displayName: s.display_name,
          orgId: s.org_id,
          orgPath: s.org_path,
          sessionId: s.id,
        };
  return { actor, session, rejected: null };
}

/** Resolves a machine client's bearer token; its permissions are the token's, within its user's roles. */
export async function authenticateToken(db: Kysely<Database>, token: string, now: Date): Promise<Authenticated> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return { actor: ANONYMOUS, session: null, rejected: '令牌无效' };
  const t = await findApiToken(db, sha256Hex(token));
  if (!t) return { actor: ANONYMOUS, session: null, rejected: '令牌无效' };
  if (t.revoked_at) return { actor: ANONYMOUS, session: null, rejected: '令牌已吊销' };
  if (t.expires_at && new Date(t.expires_at) <= now) return { actor: ANONYMOUS, session: null, rejected: '令牌已过期' };
  if (t.user_status !== 'active') return { actor: ANONYMOUS, session: null, rejected: '令牌所属账户已停用' };
  if (!t.last_used_at || now.getTime() - new Date(t.last_used_at).getTime() > 60_000) await touchApiToken(db, t.id, now);
  const actor = await loadActor(db, t, { kind: 'token', tokenId: t.id }, t.permissions);
  return { actor, session: null, rejected: null };
}

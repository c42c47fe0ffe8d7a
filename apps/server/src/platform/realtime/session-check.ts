import type { SecurityPolicy } from '@vigil/shared';
import type { Actor } from '../auth/actor.js';
import { findApiToken, findSession } from '../auth/auth.repository.js';
import { loadActor } from '../auth/authenticate.js';
import type { Platform } from '../ctx.js';
import { getSecurityPolicy } from '../settings.js';

/** What a socket was opened with: a session (by its stored id) or an API token (by its hash). */
export type SocketCredential = { kind: 'session'; id: string } | { kind: 'token'; hash: string };

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Whether a session still grants access, by the same limits as HTTP requests (without touching it). */
export function sessionStillValid(
  s: SessionRow,
  now: Date,
  policy: Pick<SecurityPolicy, 'idleTimeoutMinutes' | 'absoluteTimeoutHours'>,
): boolean {
  if (s.revoked_at || s.stage !== 'active') return false;
  if (s.user_status !== 'active' || s.org_status !== 'active') return false;
  const t = now.getTime();
  const absoluteEnd = Math.min(
    new Date(s.expires_at).getTime(),
    new Date(s.created_at).getTime() + policy.absoluteTimeoutHours * 3_600_000,
  );
  if (absoluteEnd <= t) return false;
  return t - new Date(s.last_seen_at).getTime() <= policy.idleTimeoutMinutes * 60_000;
}

/**
 * Re-validates an open socket's credential and reloads its grants; null when the session or token
 * has been revoked, has expired or idled out, or its account was disabled. Reading does not extend
 * the session: an open WebSocket alone does not keep an idle user signed in.
 */
export async function recheckCredential(platform: Platform, cred: SocketCredential): Promise<Actor | null> {
  const { db } = platform;
  const now = platform.clock.now();
  if (cred.kind === 'session') {
    const s = await findSession(db, cred.id);
    if (!s || !sessionStillValid(s, now, await getSecurityPolicy(db))) return null;
    return loadActor(db, s, { sessionId: s.id });
  }
  const t = await findApiToken(db, cred.hash);
  if (!t || t.revoked_at || t.user_status !== 'active') return null;
  if (t.expires_at && new Date(t.expires_at) <= now) return null;
  return loadActor(db, t, { kind: 'token', tokenId: t.id }, t.permissions);
}

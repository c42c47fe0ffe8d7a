/**
 * Test helpers for signing in through the whole staged login (TOTP included) and for creating
 * throw-away accounts. Used by integration tests only; never imported by the server.
 */
import type { LightMyRequestResponse } from 'fastify';
import { TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../../test/harness.js';
import { openSecret } from '../../platform/auth/secret-box.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../users/index.js';
import { totpCodeAt, totpStep } from './totp.js';

/** The TOTP code an authenticator would show now (`drift` steps later), read from the sealed secret. */
export async function totpCodeFor(t: TestApp, username: string, drift = 0): Promise<{ code: string; step: number }> {
  const u = await t.platform.db
    .selectFrom('app_user')
    .select(['id', 'totp_secret'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  if (!u.totp_secret) throw new Error(`${username} has no TOTP secret`);
  const secret = openSecret(t.platform.config, u.totp_secret, `totp:${u.id}`);
  const step = totpStep(t.platform.clock.now()) + drift;
  return { code: totpCodeAt(secret, step), step };
}

/**
 * Signs in and completes TOTP enrolment or the TOTP step (administrators), returning an `active`
 * client. A user who must change the password is left at that step (check `stage`).
 */
export async function loginActive(t: TestApp, username: string, password = TEST_DEMO_PASSWORD): Promise<Client> {
  const c = await t.login(username, password);
  let res: LightMyRequestResponse | null = null;
  if (c.stage === 'totp_enroll') {
    const setup = await c.get('/api/v1/auth/totp/setup');
    if (setup.statusCode !== 200) throw new Error(`TOTP setup failed: ${setup.body}`);
    res = await c.post('/api/v1/auth/totp/enroll', { code: (await totpCodeFor(t, username)).code });
  } else if (c.stage === 'totp') {
    const last = (await t.platform.db.selectFrom('app_user').select('totp_last_step').where('username', '=', username).executeTakeFirst())
      ?.totp_last_step;
    // A code may be used once: take the earliest step within the ±1 drift window not used yet.
    const drift = [-1, 0, 1].find((d) => last == null || totpStep(t.platform.clock.now()) + d > last);
    if (drift === undefined) throw new Error(`no unused TOTP step for ${username}; advance the clock 30 s`);
    res = await c.post('/api/v1/auth/totp', { code: (await totpCodeFor(t, username, drift)).code });
  }
  if (!res) return c;
  if (res.statusCode !== 200) throw new Error(`TOTP step for ${username} failed: ${res.statusCode} ${res.body}`);
  return { ...c, stage: res.json<{ stage: string }>().stage };
}

export interface TestUserOptions {
  username: string;
  role: string;
  /** Org code (default `qz`). */
  org?: string;
  password?: string;
  mustChangePassword?: boolean;
  passwordChangedAt?: Date;
}

/** Inserts an active account with one role scoped to its org; returns its id. */
export async function createTestUser(t: TestApp, o: TestUserOptions): Promise<string> {
  const db = t.platform.db;
  const org = await db
    .selectFrom('org')
    .select(['id', 'path'])
    .where('code', '=', o.org ?? 'qz')
    .executeTakeFirstOrThrow();
  const hash = await hashPassword(o.password ?? TEST_DEMO_PASSWORD);
  const id = newId();
  await db
    .insertInto('app_user')
    .values({
      id,
      username: o.username,
      display_name: o.username,
      org_id: org.id,
      org_path: org.path,
      phone: null,
      email: null,
      password_hash: hash,
      password_changed_at: o.passwordChangedAt ?? t.platform.clock.now(),
      must_change_password: o.mustChangePassword ?? false,
      locked_until: null,
      totp_secret: null,
      totp_last_step: null,
      last_login_at: null,
    })
    .execute();
  await db.insertInto('password_history').values({ user_id: id, password_hash: hash }).execute();
  await db
    .insertInto('user_role')
    .values({ user_id: id, role_id: o.role, scope_org_id: org.id, scope_path: org.path, granted_by: null })
    .execute();
  return id;
}

/** Audit rows of one action (optionally for one entity id), oldest first. */
export async function auditRows(t: TestApp, action: string, entityId?: string) {
  let q = t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (entityId !== undefined) q = q.where('entity_id', '=', entityId);
  return q.orderBy('seq').execute();
}

import type { Client, TestApp } from '../../../test/harness.js';
import { sha256Hex } from '../../platform/auth/tokens.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * Signs a demo user in. Administrators must enrol TOTP before their session becomes active; the
 * login step is completed directly in the database so tests can act as them.
 */
export async function signIn(t: TestApp, username: string, password?: string): Promise<Client> {
  const c = await t.login(username, password);
  if (c.stage === 'active') return c;
  const token = c.cookie!.replace(/^vigil_sid=/, '');
  await t.platform.db.updateTable('session').set({ stage: 'active' }).where('id', '=', sha256Hex(token)).execute();
  return { ...c, stage: 'active' };
}

/** Row count of a table (to prove a refused request wrote nothing). */
export async function countRows(t: TestApp, table: keyof Database): Promise<number> {
  const r = await t.platform.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Row counts of every table an administration write may touch. */
export async function adminCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = ['org', 'app_user', 'role', 'user_role', 'password_history', 'session'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await countRows(t, x)] as const)));
}

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.platform.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Audit rows for an action (optionally one entity), oldest first. */
export async function auditRows(t: TestApp, action: string, entityId?: string) {
  let q = t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq');
  if (entityId) q = q.where('entity_id', '=', entityId);
  return q.execute();
}

/** Outbox events by name, oldest first. */
export async function events(t: TestApp, name: string) {
  return t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute();
}

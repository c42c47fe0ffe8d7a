import type { SessionStage } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

// ---- sessions ----

export async function insertSession(
  db: Db,
  s: {
    id: string;
    user_id: string;
    stage: SessionStage;
    csrf_token: string;
    ip: string | null;
    user_agent: string | null;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto('session').values(s).execute();
}

export async function revokeSession(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('session').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Revokes every open session of the user except `keepId`; returns how many. */
export async function revokeOtherSessions(db: Db, userId: string, keepId: string | null, at: Date): Promise<number> {
  let q = db.updateTable('session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepId) q = q.where('id', '<>', keepId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Moves a session from one login stage to the next; false when it was no longer at `from`. */
export async function advanceSessionStage(db: Db, id: string, from: SessionStage, to: SessionStage): Promise<boolean> {
  const r = await db
    .updateTable('session')
    .set({ stage: to })
    .where('id', '=', id)
    .where('stage', '=', from)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findSessionById(db: Db, id: string) {
  return db.selectFrom('session').select(['id', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
}

/** The user's sessions that are neither revoked, expired nor idle, most recently used first. */
export async function listLiveSessions(db: Db, userId: string, now: Date, idleSince: Date, createdSince: Date) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>=', idleSince)
    .where('created_at', '>', createdSince)
    .orderBy('last_seen_at', 'desc')
    .limit(200)
    .execute();
}

// ---- account lockout ----

/** A correct password: remembers the login and, unless a TOTP step follows, forgets past failures. */
export async function recordPasswordSuccess(db: Db, userId: string, at: Date, resetFailures: boolean): Promise<void> {
  await db
    .updateTable('app_user')
    .set(resetFailures ? { failed_count: 0, locked_until: null, last_login_at: at } : { last_login_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Adds one failed credential check; returns the new consecutive count. */
export async function addFailure(db: Db, userId: string): Promise<number> {
  const r = await db
    .updateTable('app_user')
    .set({ failed_count: sql<number>`failed_count + 1` })
    .where('id', '=', userId)
    .returning('failed_count')
    .executeTakeFirstOrThrow();
  return r.failed_count;
}

export async function lockAccount(db: Db, userId: string, until: Date): Promise<void> {
  await db.updateTable('app_user').set({ failed_count: 0, locked_until: until }).where('id', '=', userId).execute();
}

export async function clearAccountLock(db: Db, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ failed_count: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function findIpLockout(db: Db, ip: string) {
  return db.selectFrom('ip_lockout').selectAll().where('ip', '=', ip).executeTakeFirst();
}

export async function saveIpLockout(
  db: Db,
  row: { ip: string; failed_count: number; first_failed_at: Date; locked_until: Date | null },
): Promise<void> {
  await db
    .insertInto('ip_lockout')
    .values(row)
    .onConflict((oc) =>
      oc.column('ip').doUpdateSet({ failed_count: row.failed_count, first_failed_at: row.first_failed_at, locked_until: row.locked_until }),
    )
    .execute();
}

export async function clearIpLockout(db: Db, ip: string): Promise<void> {
  await db.deleteFrom('ip_lockout').where('ip', '=', ip).execute();
}

// ---- passwords ----

/** The most recent `n` password hashes of the user, newest first. */
export async function recentPasswordHashes(db: Db, userId: string, n: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(n)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Replaces the password if it is still `oldHash` (no concurrent change); false otherwise. */
export async function replacePassword(db: Db, userId: string, oldHash: string, newHash: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ password_hash: newHash, password_changed_at: at, must_change_password: false, failed_count: 0, updated_at: at })
    .where('id', '=', userId)
    .where('password_hash', '=', oldHash)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function addPasswordHistory(db: Db, userId: string, hash: string, at: Date): Promise<void> {
  await db.insertInto('password_history').values({ user_id: userId, password_hash: hash, created_at: at }).execute();
}

// ---- TOTP ----

/** Stores a not-yet-confirmed (sealed) TOTP secret; refused once TOTP is enabled. */
export async function setPendingTotp(db: Db, userId: string, sealed: string): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_secret: sealed })
    .where('id', '=', userId)
    .where('totp_enabled', '=', false)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Consumes a TOTP time step: succeeds only for a step later than the last one used, so a code
 * is never accepted twice. With `enable`, also switches TOTP on for the pending secret.
 */
export async function useTotpStep(db: Db, userId: string, step: number, enable: boolean): Promise<boolean> {
  let q = db
    .updateTable('app_user')
    .set(enable ? { totp_last_step: step, totp_enabled: true, failed_count: 0 } : { totp_last_step: step, failed_count: 0 })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]));
  q = enable ? q.where('totp_enabled', '=', false).where('totp_secret', 'is not', null) : q.where('totp_enabled', '=', true);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ totp_enabled: false, totp_secret: null, totp_last_step: null }).where('id', '=', userId).execute();
}

// ---- settings and profile ----

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: unknown, by: string | null, at: Date): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ key, value: json, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: by, updated_at: at }))
    .execute();
}

export async function orgOf(db: Db, orgId: string) {
  return db.selectFrom('org').select(['id', 'name', 'kind', 'path', 'division_code']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

export async function updateLocale(db: Db, userId: string, locale: string): Promise<void> {
  await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
}

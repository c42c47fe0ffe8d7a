import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export async function insertSession(
  db: Kysely<Database>,
  s: {
    id: string;
    user_id: string;
    stage: 'active' | 'totp' | 'totp_enroll' | 'password_change';
    csrf_token: string;
    ip: string | null;
    user_agent: string | null;
    last_seen_at: Date;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto('session').values(s).execute();
}

export async function revokeSession(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function setSessionStage(
  db: Kysely<Database>,
  id: string,
  stage: 'active' | 'totp' | 'totp_enroll' | 'password_change',
): Promise<void> {
  await db.updateTable('session').set({ stage }).where('id', '=', id).execute();
}

export async function recordLoginSuccess(db: Kysely<Database>, userId: string, at: Date): Promise<void> {
  await db.updateTable('app_user').set({ failed_count: 0, locked_until: null, last_login_at: at }).where('id', '=', userId).execute();
}

export async function recordLoginFailure(
  db: Kysely<Database>,
  userId: string,
  failedCount: number,
  lockedUntil: Date | null,
): Promise<void> {
  await db.updateTable('app_user').set({ failed_count: failedCount, locked_until: lockedUntil }).where('id', '=', userId).execute();
}

export async function findIpLockout(db: Kysely<Database>, ip: string) {
  return db.selectFrom('ip_lockout').selectAll().where('ip', '=', ip).executeTakeFirst();
}

export async function saveIpLockout(
  db: Kysely<Database>,
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

export async function clearIpLockout(db: Kysely<Database>, ip: string): Promise<void> {
  await db.deleteFrom('ip_lockout').where('ip', '=', ip).execute();
}

export async function orgOf(db: Kysely<Database>, orgId: string) {
  return db.selectFrom('org').select(['id', 'name', 'kind', 'path', 'division_code']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

export async function updateLocale(db: Kysely<Database>, userId: string, locale: string): Promise<void> {
  await db.updateTable('app_user').set({ locale }).where('id', '=', userId).execute();
}

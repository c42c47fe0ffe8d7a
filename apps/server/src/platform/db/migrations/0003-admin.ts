import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Administration: indexes behind the user list filters (org, role) and the "role in use" check,
 * and lower-case usernames enforced by the database as well as by the API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE INDEX user_role_role ON user_role (role_id);
    CREATE INDEX user_role_scope_org ON user_role (scope_org_id);
    CREATE INDEX app_user_org ON app_user (org_id);
    CREATE INDEX org_division ON org (division_code);
    ALTER TABLE app_user ADD CONSTRAINT app_user_username_lower CHECK (username = lower(username));
  `,
  );
}

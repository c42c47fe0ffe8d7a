import type { Kysely } from 'kysely';
import { runScript } from '../statements.js';

/**
 * Audit search and notification indexes: the audit list pages by `seq` (newest first) under each
 * filter, and the header bell counts and lists a user's unread notifications.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE INDEX audit_log_action_seq ON audit_log (action, seq DESC);
    CREATE INDEX audit_log_actor_seq ON audit_log (actor_name, seq DESC);
    CREATE INDEX audit_log_entity_seq ON audit_log (entity, entity_id, seq DESC);
    CREATE INDEX audit_log_result_seq ON audit_log (result, seq DESC) WHERE result <> 'ok';
    CREATE INDEX audit_log_org_path ON audit_log USING gist (org_path);

    CREATE INDEX notification_user_unread ON notification (user_id, created_at DESC) WHERE read_at IS NULL;
  `,
  );
}

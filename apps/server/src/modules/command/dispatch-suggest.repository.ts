import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { commandDb } from './command.tables.js';

type Db = Kysely<Database>;

/** Active responses in the scope (null = everywhere) with their incident's title, newest first. */
export async function activeResponses(db: Db, scope: string[] | null, limit = 200) {
  let q = commandDb(db)
    .selectFrom('command_response as r')
    .innerJoin('incident as i', 'i.id', 'r.incident_id')
    .select(['r.id', 'r.incident_id', 'i.title as incident_title', 'r.name', 'r.level', 'r.launched_at'])
    .where('r.status', '=', 'active');
  if (scope) q = q.where(pathWithin('r.org_path', scope));
  return q.orderBy('r.launched_at', 'desc').orderBy('r.id').limit(limit).execute();
}

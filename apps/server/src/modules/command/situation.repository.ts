import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { commandDb } from './command.tables.js';

type Db = Kysely<Database>;

/** Task counts by status of the incident's tasks in the scope (null = everywhere). */
export async function taskStatusCounts(db: Db, incidentId: string, scope: string[] | null) {
  let q = commandDb(db)
    .selectFrom('command_task')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('incident_id', '=', incidentId);
  if (scope) q = q.where(pathWithin('org_path', scope));
  return q.groupBy('status').execute();
}

/** The assignees of the incident's tasks in the scope with their task counts (rejected tasks left out). */
export async function assigneeCounts(db: Db, incidentId: string, scope: string[] | null) {
  let q = commandDb(db)
    .selectFrom('command_task')
    .select(['assignee_kind', 'assignee_name', (eb) => eb.fn.countAll<string>().as('n')])
    .where('incident_id', '=', incidentId)
    .where('assignee_kind', 'is not', null)
    .where('status', '<>', 'rejected');
  if (scope) q = q.where(pathWithin('org_path', scope));
  return q.groupBy(['assignee_kind', 'assignee_name']).orderBy('assignee_kind').orderBy('assignee_name').execute();
}

/** Materials dispatched for the incident's tasks in the scope, by item and unit. */
export async function materialTotals(db: Db, incidentId: string, scope: string[] | null) {
  let q = commandDb(db)
    .selectFrom('command_dispatch')
    .select(['item_name', 'unit', sql<string>`sum(quantity)`.as('dispatched'), sql<string>`sum(returned_quantity)`.as('returned')])
    .where('incident_id', '=', incidentId);
  if (scope) q = q.where(pathWithin('org_path', scope));
  return q.groupBy(['item_name', 'unit']).orderBy('item_name').execute();
}

/** The incident's occurrence and receipt times (for the assessment measures). */
export async function incidentTimes(db: Db, incidentId: string) {
  return db.selectFrom('incident').select(['title', 'occurred_at', 'received_at']).where('id', '=', incidentId).executeTakeFirstOrThrow();
}

/** Every dispatch of a response (for materials used). */
export async function dispatchesOfResponse(db: Db, responseId: string) {
  return commandDb(db)
    .selectFrom('command_dispatch')
    .select(['item_name', 'unit', 'quantity', 'returned_quantity'])
    .where('response_id', '=', responseId)
    .execute();
}

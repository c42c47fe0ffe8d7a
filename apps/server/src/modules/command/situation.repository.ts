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

/** Equipment dispatched for the incident's tasks in the scope, by type: distinct pieces sent and still out. */
export async function equipmentTotals(db: Db, incidentId: string, scope: string[] | null) {
  let q = commandDb(db)
    .selectFrom('command_task_equipment')
    .select([
      'equipment_type',
      sql<string>`count(DISTINCT equipment_id)`.as('dispatched'),
      sql<string>`count(DISTINCT equipment_id) FILTER (WHERE returned_at IS NULL)`.as('out'),
    ])
    .where('incident_id', '=', incidentId);
  if (scope) q = q.where(pathWithin('org_path', scope));
  return q.groupBy('equipment_type').orderBy('equipment_type').execute();
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

/*
 * The two reads below touch the reporting module's `instruction` tables and the incidents
 * module's `incident_timeline` read-only: neither module exports a per-incident query yet (the
 * summary only needs a few columns). Move them behind those modules' index.ts when they do.
 */

/** Leaders' instructions on the incident in the scope that still have targets without feedback, oldest due first. */
export async function openInstructions(db: Db, incidentId: string, scope: string[] | null, limit = 50) {
  let q = db
    .selectFrom('instruction as i')
    .select(['i.text', 'i.author_name', 'i.issued_at', 'i.due_at'])
    .select((eb) =>
      eb
        .selectFrom('instruction_target as t')
        .select((x) => x.fn.countAll<string>().as('n'))
        .whereRef('t.instruction_id', '=', 'i.id')
        .where('t.feedback_at', 'is', null)
        .as('open_targets'),
    )
    .where('i.incident_id', '=', incidentId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('instruction_target as t')
          .select('t.id')
          .whereRef('t.instruction_id', '=', 'i.id')
          .where('t.feedback_at', 'is', null),
      ),
    );
  if (scope) q = q.where(pathWithin('i.org_path', scope));
  return q.orderBy('i.due_at').orderBy('i.issued_at').limit(limit).execute();
}

/** The latest entries of the incident's timeline, newest first. */
export async function timelineExcerpt(db: Db, incidentId: string, limit = 20) {
  return db
    .selectFrom('incident_timeline')
    .select(['at', 'kind', 'summary', 'actor_name'])
    .where('incident_id', '=', incidentId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

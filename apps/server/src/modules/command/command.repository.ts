import type { AssigneeKind } from '@vigil/shared';
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import {
  commandDb,
  type CommandDispatchTable,
  type CommandResponseLevelTable,
  type CommandResponseTable,
  type CommandTaskFeedbackTable,
  type CommandTaskPhotoTable,
  type CommandTaskTable,
  type StoredMember,
} from './command.tables.js';

type Db = Kysely<Database>;

export type ResponseRow = Selectable<CommandResponseTable>;
export type ResponseLevelRow = Selectable<CommandResponseLevelTable>;
export type TaskRow = Selectable<CommandTaskTable>;
export type FeedbackRow = Selectable<CommandTaskFeedbackTable>;
export type DispatchRow = Selectable<CommandDispatchTable>;
export type TaskPhotoRow = Selectable<CommandTaskPhotoTable>;

export type NewResponseRow = Omit<Insertable<CommandResponseTable>, 'members'> & { members: StoredMember[] };

export async function insertResponse(db: Db, row: NewResponseRow): Promise<void> {
  await commandDb(db)
    .insertInto('command_response')
    .values({ ...row, members: JSON.stringify(row.members) })
    .execute();
}

export async function findResponse(db: Db, id: string): Promise<ResponseRow | undefined> {
  return commandDb(db).selectFrom('command_response').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Loads with a row lock for an update in the current transaction. */
export async function lockResponse(db: Db, id: string): Promise<ResponseRow | undefined> {
  return commandDb(db).selectFrom('command_response').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The responses of an incident in the scope (null = everywhere), oldest first. */
export async function responsesOfIncident(db: Db, incidentId: string, scope: string[] | null): Promise<ResponseRow[]> {
  let q = commandDb(db).selectFrom('command_response').selectAll().where('incident_id', '=', incidentId);
  if (scope) q = q.where(pathWithin('org_path', scope));
  return q.orderBy('launched_at').orderBy('id').limit(200).execute();
}

/** Writes the patch and bumps the version. */
export async function updateResponse(db: Db, id: string, patch: Updateable<CommandResponseTable>): Promise<void> {
  await commandDb(db)
    .updateTable('command_response')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function insertLevel(db: Db, row: Insertable<CommandResponseLevelTable>): Promise<void> {
  await commandDb(db).insertInto('command_response_level').values(row).execute();
}

export async function levelsOf(db: Db, responseIds: readonly string[]): Promise<ResponseLevelRow[]> {
  if (responseIds.length === 0) return [];
  return commandDb(db)
    .selectFrom('command_response_level')
    .selectAll()
    .where('response_id', 'in', [...responseIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function taskCounts(db: Db, responseIds: readonly string[]): Promise<Map<string, number>> {
  if (responseIds.length === 0) return new Map();
  const rows = await commandDb(db)
    .selectFrom('command_task')
    .select(['response_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('response_id', 'in', [...responseIds])
    .groupBy('response_id')
    .execute();
  return new Map(rows.map((r) => [r.response_id, Number(r.n)]));
}

export async function insertTasks(db: Db, rows: Insertable<CommandTaskTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await commandDb(db).insertInto('command_task').values(rows).execute();
}

export async function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return commandDb(db).selectFrom('command_task').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return commandDb(db).selectFrom('command_task').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Writes the patch only if the task is still at `version` (optimistic concurrency) and bumps it;
 * false when another edit came first.
 */
export async function updateTaskAt(db: Db, id: string, version: number, patch: Updateable<CommandTaskTable>): Promise<boolean> {
  const r = await commandDb(db)
    .updateTable('command_task')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function tasksOfResponse(db: Db, responseId: string): Promise<TaskRow[]> {
  return commandDb(db)
    .selectFrom('command_task')
    .selectAll()
    .where('response_id', '=', responseId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** How many open tasks (not done, not rejected) of still-active responses each given team has. */
export async function openTeamTaskCounts(db: Db, teamIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(teamIds.map((id) => [id, 0]));
  if (teamIds.length === 0) return out;
  const rows = await commandDb(db)
    .selectFrom('command_task as t')
    .innerJoin('command_response as r', 'r.id', 't.response_id')
    .select(['t.assignee_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('t.assignee_kind', '=', 'team')
    .where('t.assignee_id', 'in', [...teamIds])
    .where('t.status', 'not in', ['done', 'rejected'])
    .where('r.status', '=', 'active')
    .groupBy('t.assignee_id')
    .execute();
  for (const r of rows) if (r.assignee_id) out.set(r.assignee_id, Number(r.n));
  return out;
}

/**
 * The live (not archived) rescue teams a user belongs to: teams registered under the user's own
 * org (a team's org is the unit it belongs to), and teams whose recorded leader (队长) is the
 * user by name within the team's org subtree. Resources carry no user link, so the leader's name
 * is the one tie the registry keeps; the subtree condition keeps a namesake elsewhere out.
 */
export async function teamsOfUser(db: Db, user: { orgId: string; orgPath: string | null; displayName: string | null }): Promise<string[]> {
  const rows = await db
    .selectFrom('resource')
    .select('id')
    .where('kind', '=', 'team')
    .where('archived_at', 'is', null)
    .where((eb) => {
      const ors = [eb('org_id', '=', user.orgId)];
      if (user.orgPath && user.displayName)
        ors.push(
          eb.and([
            eb(sql<string>`attrs->>'leader'`, '=', user.displayName),
            eb(sql<boolean>`${user.orgPath}::ltree <@ org_path`, '=', true),
          ]),
        );
      return eb.or(ors);
    })
    .limit(200)
    .execute();
  return rows.map((r) => r.id);
}

/** Open and recent tasks assigned to one of the given assignees, newest first. */
export async function tasksAssignedTo(db: Db, assignees: { kind: AssigneeKind; id: string }[]): Promise<TaskRow[]> {
  if (assignees.length === 0) return [];
  return commandDb(db)
    .selectFrom('command_task')
    .selectAll()
    .where((eb) => eb.or(assignees.map((a) => eb.and([eb('assignee_kind', '=', a.kind), eb('assignee_id', '=', a.id)]))))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export async function insertFeedback(db: Db, row: Insertable<CommandTaskFeedbackTable>): Promise<void> {
  await commandDb(db).insertInto('command_task_feedback').values(row).execute();
}

export async function feedbackOf(db: Db, taskIds: readonly string[]): Promise<FeedbackRow[]> {
  if (taskIds.length === 0) return [];
  return commandDb(db)
    .selectFrom('command_task_feedback')
    .selectAll()
    .where('task_id', 'in', [...taskIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertTaskPhoto(db: Db, row: Insertable<CommandTaskPhotoTable>): Promise<void> {
  await commandDb(db).insertInto('command_task_photo').values(row).execute();
}

/** The photo links of the given tasks, oldest first. */
export async function photosOf(db: Db, taskIds: readonly string[]): Promise<TaskPhotoRow[]> {
  if (taskIds.length === 0) return [];
  return commandDb(db)
    .selectFrom('command_task_photo')
    .selectAll()
    .where('task_id', 'in', [...taskIds])
    .orderBy('created_at')
    .orderBy('attachment_id')
    .execute();
}

export async function findTaskPhoto(db: Db, taskId: string, attachmentId: string): Promise<TaskPhotoRow | undefined> {
  return commandDb(db)
    .selectFrom('command_task_photo')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
}

/** A task still unaccepted past its response's reminder time, with what the reminder needs. */
export interface DueTask {
  id: string;
  title: string;
  assigned_at: Date;
  incident_id: string;
  response_id: string;
  response_name: string;
  org_id: string;
  org_path: string;
  launched_by: string | null;
  members: StoredMember[];
  escalate_after_minutes: number;
}

/** Tasks of active responses still `assigned` `escalate_after_minutes` after assignment and not yet escalated. */
export async function dueForEscalation(db: Db, now: Date, limit: number): Promise<DueTask[]> {
  return (await commandDb(db)
    .selectFrom('command_task as t')
    .innerJoin('command_response as r', 'r.id', 't.response_id')
    .select([
      't.id',
      't.title',
      't.assigned_at',
      't.incident_id',
      't.response_id',
      'r.name as response_name',
      'r.org_id',
      't.org_path',
      'r.launched_by',
      'r.members',
      'r.escalate_after_minutes',
    ])
    .where('t.status', '=', 'assigned')
    .where('t.escalated_at', 'is', null)
    .where('r.status', '=', 'active')
    .where(sql<boolean>`t.assigned_at + make_interval(mins => r.escalate_after_minutes) <= ${now}`)
    .orderBy('t.assigned_at')
    .limit(limit)
    .execute()) as DueTask[];
}

/** Stamps the reminder once; false when another worker already did. */
export async function markEscalated(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await commandDb(db)
    .updateTable('command_task')
    .set({ escalated_at: now })
    .where('id', '=', id)
    .where('escalated_at', 'is', null)
    .where('status', '=', 'assigned')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Active users by id with their display names (post members, task assignees). */
export async function activeUsers(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; org_path: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'org_path'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return new Map(rows.map((u) => [u.id, { name: u.display_name, org_path: u.org_path }]));
}

export async function orgName(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('org').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

export async function insertDispatch(db: Db, row: Insertable<CommandDispatchTable>): Promise<void> {
  await commandDb(db).insertInto('command_dispatch').values(row).execute();
}

/** The materials dispatched for a task, oldest first. */
export async function dispatchesOf(db: Db, taskId: string): Promise<DispatchRow[]> {
  return commandDb(db).selectFrom('command_dispatch').selectAll().where('task_id', '=', taskId).orderBy('at').orderBy('id').execute();
}

/** One dispatch of a task, locked for a return in the current transaction. */
export async function lockDispatch(db: Db, taskId: string, id: string): Promise<DispatchRow | undefined> {
  return commandDb(db)
    .selectFrom('command_dispatch')
    .selectAll()
    .where('id', '=', id)
    .where('task_id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setReturned(db: Db, id: string, returned: number): Promise<void> {
  await commandDb(db).updateTable('command_dispatch').set({ returned_quantity: returned }).where('id', '=', id).execute();
}

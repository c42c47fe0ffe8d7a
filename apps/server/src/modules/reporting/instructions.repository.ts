import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, InstructionTable, InstructionTargetTable } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';

type Db = Kysely<Database>;

export type InstructionRow = Selectable<InstructionTable>;
export type TargetRow = Selectable<InstructionTargetTable> & { org_name: string; user_name: string | null; overdue: boolean };

/** Stores a new instruction. */
export async function insertInstruction(db: Db, row: Insertable<InstructionTable>): Promise<void> {
  await db.insertInto('instruction').values(row).execute();
}

/** Stores an instruction's targets. */
export async function insertTargets(db: Db, rows: Insertable<InstructionTargetTable>[]): Promise<void> {
  await db.insertInto('instruction_target').values(rows).execute();
}

/** One instruction by id. */
export async function findInstruction(db: Db, id: string): Promise<InstructionRow | undefined> {
  return db.selectFrom('instruction').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Targets of these instructions with names and whether their feedback is overdue. */
export async function targetsOf(db: Db, instructionIds: readonly string[]): Promise<TargetRow[]> {
  if (instructionIds.length === 0) return [];
  return db
    .selectFrom('instruction_target as t')
    .innerJoin('org as o', 'o.id', 't.org_id')
    .leftJoin('app_user as u', 'u.id', 't.user_id')
    .leftJoin('report_deadline as d', 'd.instruction_target_id', 't.id')
    .selectAll('t')
    .select(['o.name as org_name', 'u.display_name as user_name'])
    .select(sql<boolean>`(d.overdue_at IS NOT NULL AND t.feedback_at IS NULL)`.as('overdue'))
    .where('t.instruction_id', 'in', instructionIds)
    .orderBy('t.instruction_id')
    .orderBy('t.id')
    .execute();
}

/** The instructions on an incident, oldest first. */
export async function instructionsOfIncident(db: Db, incidentId: string): Promise<InstructionRow[]> {
  return db.selectFrom('instruction').selectAll().where('incident_id', '=', incidentId).orderBy('issued_at').orderBy('id').execute();
}

/** Targets locked for an acknowledgement or feedback in this transaction. */
export async function lockTargets(db: Db, instructionId: string): Promise<Selectable<InstructionTargetTable>[]> {
  return db.selectFrom('instruction_target').selectAll().where('instruction_id', '=', instructionId).orderBy('id').forUpdate().execute();
}

/** Records the read receipt of targets that have not acknowledged yet. */
export async function acknowledgeTargets(db: Db, ids: readonly string[], at: Date, by: { id: string | null; name: string }): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('instruction_target')
    .set({ acknowledged_at: at, acknowledged_by: by.id, acknowledged_by_name: by.name })
    .where('id', 'in', ids)
    .where('acknowledged_at', 'is', null)
    .execute();
}

/** Records targets' feedback (those that have not answered yet). */
export async function answerTargets(
  db: Db,
  ids: readonly string[],
  text: string,
  at: Date,
  by: { id: string | null; name: string },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('instruction_target')
    .set({ feedback: text, feedback_at: at, feedback_by: by.id, feedback_by_name: by.name })
    .where('id', 'in', ids)
    .where('feedback_at', 'is', null)
    .execute();
}

/** Instruction deadlines: one per target, met when it answers. */
export async function insertTargetDeadlines(
  db: Db,
  rows: {
    id: string;
    incident_id: string;
    incident_title: string;
    org_id: string;
    org_path: string;
    target_id: string;
    due_at: Date;
    now: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('report_deadline')
    .values(
      rows.map((r) => ({
        id: r.id,
        incident_id: r.incident_id,
        incident_title: r.incident_title,
        org_id: r.org_id,
        org_path: r.org_path,
        kind: 'instruction_feedback',
        key: `instruction:${r.target_id}`,
        rule_id: 'instruction_feedback',
        instruction_target_id: r.target_id,
        due_at: r.due_at,
        created_at: r.now,
      })),
    )
    .execute();
}

/** Marks the feedback deadlines of these targets met. */
export async function satisfyTargetDeadlines(db: Db, targetIds: readonly string[], at: Date): Promise<void> {
  if (targetIds.length === 0) return;
  await db
    .updateTable('report_deadline')
    .set((eb) => ({ satisfied_at: at, satisfied_by: eb.ref('instruction_target_id') }))
    .where('instruction_target_id', 'in', targetIds)
    .where('satisfied_at', 'is', null)
    .execute();
}

export interface MineFilter {
  userId: string;
  orgId: string | null;
  open: boolean | undefined;
}

function mineQuery(db: Db, f: MineFilter) {
  return db
    .selectFrom('instruction as i')
    .selectAll('i')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('instruction_target as t')
          .select('t.id')
          .whereRef('t.instruction_id', '=', 'i.id')
          .where((w) =>
            w.or([w('t.user_id', '=', f.userId), ...(f.orgId ? [w.and([w('t.user_id', 'is', null), w('t.org_id', '=', f.orgId)])] : [])]),
          )
          .where((w) =>
            f.open === undefined ? w.val(true) : f.open ? w('t.feedback_at', 'is', null) : w('t.feedback_at', 'is not', null),
          ),
      ),
    );
}

/** Instructions addressed to the user or to their org, newest first. */
export async function mine(db: Db, f: MineFilter, after: { at: Date; id: string } | null, limit: number): Promise<InstructionRow[]> {
  let q = mineQuery(db, f);
  if (after)
    q = q.where((eb) => eb.or([eb('i.issued_at', '<', after.at), eb.and([eb('i.issued_at', '=', after.at), eb('i.id', '<', after.id)])]));
  return q.orderBy('i.issued_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

/** How many instructions the "mine" list holds under the filter. */
export async function countMine(db: Db, f: MineFilter): Promise<number> {
  const r = await mineQuery(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Instructions issued in [from, to) on incidents of the subtrees, with how many targets are still open. */
export async function instructionsBetween(db: Db, orgPaths: readonly string[], from: Date, to: Date) {
  if (orgPaths.length === 0) return [];
  return db
    .selectFrom('instruction as i')
    .selectAll('i')
    .select((eb) =>
      eb
        .selectFrom('instruction_target as t')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('t.instruction_id', '=', 'i.id')
        .where('t.feedback_at', 'is', null)
        .as('open_targets'),
    )
    .where(pathWithin('i.org_path', orgPaths))
    .where('i.issued_at', '>=', from)
    .where('i.issued_at', '<', to)
    .orderBy('i.issued_at')
    .execute();
}

/** Unanswered instructions addressed to one org (org targets, and users of that org). */
export async function openInstructionsForOrg(db: Db, orgPath: string) {
  return db
    .selectFrom('instruction_target as t')
    .innerJoin('instruction as i', 'i.id', 't.instruction_id')
    .select(['i.id', 'i.incident_id', 'i.incident_title', 'i.text', 'i.due_at'])
    .distinct()
    .where(sql<boolean>`t.org_path = ${orgPath}::ltree`)
    .where('t.feedback_at', 'is', null)
    .orderBy('i.due_at')
    .execute();
}

/** Keeps the incident's title on its instructions current. */
export async function refreshTitle(db: Db, incidentId: string, title: string): Promise<void> {
  await db
    .updateTable('instruction')
    .set({ incident_title: title })
    .where('incident_id', '=', incidentId)
    .where('incident_title', '<>', title)
    .execute();
}

/** Active users by id, with org (targets named by user). */
export async function usersByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'u.org_id', sql<string>`u.org_path::text`.as('org_path'), 'o.name as org_name'])
    .where('u.id', 'in', ids)
    .where('u.status', '=', 'active')
    .execute();
}

/** Active orgs by id (targets named by org). */
export async function orgsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'name', sql<string>`path::text`.as('path')])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

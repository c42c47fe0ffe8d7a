import type { AssessmentEvaluation, AssessmentMeasures } from '@vigil/shared';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { assessmentDb, type CommandAssessmentActionTable, type CommandAssessmentTable } from './assessment.tables.js';

type Db = Kysely<Database>;

export type AssessmentRow = Selectable<CommandAssessmentTable>;
export type ActionRow = Selectable<CommandAssessmentActionTable>;

export interface NewAssessment {
  id: string;
  incident_id: string;
  org_id: string;
  org_path: string;
  measures: AssessmentMeasures;
  evaluation: AssessmentEvaluation;
  opened_at: Date;
}

/** Opens the assessment of a response once (a second terminate never happens, but stays harmless). */
export async function insertAssessment(db: Db, row: NewAssessment): Promise<void> {
  await assessmentDb(db)
    .insertInto('command_assessment')
    .values({
      ...row,
      measures: JSON.stringify(row.measures),
      evaluation: JSON.stringify(row.evaluation),
      updated_at: row.opened_at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findAssessment(db: Db, id: string, lock = false): Promise<AssessmentRow | undefined> {
  let q = assessmentDb(db).selectFrom('command_assessment').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Assessments in the scope (null = everywhere), newest first, with response and incident names. */
export async function listAssessments(db: Db, scope: string[] | null) {
  let q = assessmentDb(db)
    .selectFrom('command_assessment as a')
    .innerJoin('command_response as r', 'r.id', 'a.id')
    .innerJoin('incident as i', 'i.id', 'a.incident_id')
    .select((eb) => [
      'a.id',
      'a.incident_id',
      'a.opened_at',
      'r.name as response_name',
      'r.level',
      'i.title as incident_title',
      eb
        .selectFrom('command_assessment_action as x')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('x.assessment_id', '=', 'a.id')
        .where('x.status', '=', 'open')
        .as('open_actions'),
    ]);
  if (scope) q = q.where(pathWithin('a.org_path', scope));
  return q.orderBy('a.opened_at', 'desc').orderBy('a.id', 'desc').limit(500).execute();
}

/** Writes the evaluation only if still at `version`; false when another edit came first. */
export async function updateEvaluationAt(db: Db, id: string, version: number, evaluation: AssessmentEvaluation, at: Date) {
  const r = await assessmentDb(db)
    .updateTable('command_assessment')
    .set((eb) => ({ evaluation: JSON.stringify(evaluation), updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function actionsOf(db: Db, assessmentId: string): Promise<ActionRow[]> {
  return assessmentDb(db)
    .selectFrom('command_assessment_action')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function findAction(db: Db, assessmentId: string, id: string): Promise<ActionRow | undefined> {
  return assessmentDb(db)
    .selectFrom('command_assessment_action')
    .selectAll()
    .where('id', '=', id)
    .where('assessment_id', '=', assessmentId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertAction(db: Db, row: Insertable<CommandAssessmentActionTable>): Promise<void> {
  await assessmentDb(db).insertInto('command_assessment_action').values(row).execute();
}

export async function updateAction(db: Db, id: string, patch: Updateable<CommandAssessmentActionTable>): Promise<void> {
  await assessmentDb(db).updateTable('command_assessment_action').set(patch).where('id', '=', id).execute();
}

export async function deleteAction(db: Db, id: string): Promise<void> {
  await assessmentDb(db).deleteFrom('command_assessment_action').where('id', '=', id).execute();
}

/** An active org by id (owner of a corrective action). */
export async function activeOrg(db: Db, id: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('org').select('name').where('id', '=', id).executeTakeFirst();
}

import type { DeadlineKind } from '@vigil/shared';
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database, ReportDeadlineTable } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import type { DeadlineRule } from './deadline-rules.js';
import type { ExistingDeadline, SyncPlan } from './deadlines.js';
import { within } from './reports.repository.js';

type Db = Kysely<Database>;

export type DeadlineRow = Selectable<ReportDeadlineTable> & { org_name: string; instruction_id: string | null };

const NOT_INSTRUCTION = 'instruction_feedback';

/** The deadline rules as stored (the bureau may have changed the defaults). */
export async function loadRules(db: Db): Promise<DeadlineRule[]> {
  const rows = await db.selectFrom('deadline_rule').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    minGrade: r.min_grade,
    kind: r.kind as DeadlineKind,
    offsetMinutes: r.offset_minutes,
    repeatMinutes: r.repeat_minutes,
    description: r.description,
  }));
}

/** Adds missing rules; rules the bureau has changed are left as they are. */
export async function seedRules(db: Db, rules: readonly DeadlineRule[]): Promise<void> {
  await db
    .insertInto('deadline_rule')
    .values(
      rules.map((r) => ({
        id: r.id,
        category: r.category,
        min_grade: r.minGrade,
        kind: r.kind,
        offset_minutes: r.offsetMinutes,
        repeat_minutes: r.repeatMinutes,
        description: r.description,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** The stored report deadlines of an incident (instruction deadlines excluded). */
export async function existingDeadlines(db: Db, incidentId: string): Promise<ExistingDeadline[]> {
  const rows = await db
    .selectFrom('report_deadline')
    .select(['key', 'kind', 'org_id', 'due_at', 'anchor_report_id', 'satisfied_at', 'overdue_at', 'cancelled_at'])
    .where('incident_id', '=', incidentId)
    .where('kind', '<>', NOT_INSTRUCTION)
    .forUpdate()
    .execute();
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind as DeadlineKind,
    orgId: r.org_id,
    dueAt: r.due_at,
    anchorReportId: r.anchor_report_id,
    satisfiedAt: r.satisfied_at,
    overdueAt: r.overdue_at,
    cancelledAt: r.cancelled_at,
  }));
}

/** Applies a sync plan for one incident; `paths` maps every org id in the plan to its path. */
export async function applySync(
  db: Db,
  incident: { id: string; title: string },
  plan: SyncPlan,
  paths: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  if (plan.inserts.length > 0)
    await db
      .insertInto('report_deadline')
      .values(
        plan.inserts.map((d) => ({
          id: newId(),
          incident_id: incident.id,
          incident_title: incident.title,
          org_id: d.orgId,
          org_path: paths.get(d.orgId)!,
          kind: d.kind,
          key: d.key,
          rule_id: d.ruleId,
          anchor_report_id: d.anchorReportId,
          due_at: d.dueAt,
          satisfied_at: d.satisfiedAt,
          satisfied_by: d.satisfiedBy,
          created_at: now,
        })),
      )
      .execute();
  for (const u of plan.updates) {
    await db
      .updateTable('report_deadline')
      .set({
        ...(u.set.dueAt ? { due_at: u.set.dueAt } : {}),
        ...(u.set.satisfiedAt ? { satisfied_at: u.set.satisfiedAt, satisfied_by: u.set.satisfiedBy ?? null } : {}),
        ...(u.set.uncancel ? { cancelled_at: null } : {}),
        ...(u.set.ruleId ? { rule_id: u.set.ruleId } : {}),
      })
      .where('incident_id', '=', incident.id)
      .where('key', '=', u.key)
      .execute();
  }
  if (plan.deletes.length > 0)
    await db.deleteFrom('report_deadline').where('incident_id', '=', incident.id).where('key', 'in', plan.deletes).execute();
  if (plan.cancels.length > 0)
    await db
      .updateTable('report_deadline')
      .set({ cancelled_at: now })
      .where('incident_id', '=', incident.id)
      .where('key', 'in', plan.cancels)
      .execute();
  await db
    .updateTable('report_deadline')
    .set({ incident_title: incident.title })
    .where('incident_id', '=', incident.id)
    .where('incident_title', '<>', incident.title)
    .execute();
}

function rows(db: Db) {
  return db
    .selectFrom('report_deadline as d')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .leftJoin('instruction_target as it', 'it.id', 'd.instruction_target_id')
    .selectAll('d')
    .select(['o.name as org_name', 'it.instruction_id as instruction_id']);
}

/** Every deadline of an incident with the responsible org's name, soonest first. */
export async function deadlinesOfIncident(db: Db, incidentId: string): Promise<DeadlineRow[]> {
  return rows(db).where('d.incident_id', '=', incidentId).orderBy('d.due_at').orderBy('d.id').execute();
}

export interface OverdueFilter {
  paths: readonly string[] | null;
  open: boolean | undefined;
  orgId: string | undefined;
}

function overdueQuery(db: Db, f: OverdueFilter) {
  let q = rows(db).where('d.overdue_at', 'is not', null).where(within('d.org_path', f.paths));
  if (f.open === true) q = q.where('d.satisfied_at', 'is', null).where('d.cancelled_at', 'is', null);
  if (f.open === false) q = q.where('d.satisfied_at', 'is not', null);
  if (f.orgId) q = q.where('d.org_id', '=', f.orgId);
  return q;
}

/** Deadlines that went overdue (迟报), newest due first, after the keyset position. */
export async function overdueDeadlines(db: Db, f: OverdueFilter, after: { at: Date; id: string } | null, limit: number) {
  let q = overdueQuery(db, f);
  if (after)
    q = q.where((eb) => eb.or([eb('d.due_at', '<', after.at), eb.and([eb('d.due_at', '=', after.at), eb('d.id', '<', after.id)])]));
  return q.orderBy('d.due_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

/** How many deadlines the overdue board holds under the filter. */
export async function countOverdue(db: Db, f: OverdueFilter): Promise<number> {
  const r = await overdueQuery(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open deadlines past due and not yet marked overdue, oldest first. */
export async function fallenDue(db: Db, now: Date, limit: number): Promise<DeadlineRow[]> {
  return rows(db)
    .where('d.satisfied_at', 'is', null)
    .where('d.cancelled_at', 'is', null)
    .where('d.overdue_at', 'is', null)
    .where('d.due_at', '<=', now)
    .orderBy('d.due_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Marks one deadline overdue unless something else did first; true when this call did. */
export async function markOverdue(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('report_deadline')
    .set({ overdue_at: now })
    .where('id', '=', id)
    .where('overdue_at', 'is', null)
    .where('satisfied_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('due_at', '<=', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Open deadlines in a reminder window (`stages`: minutes before due) whose current stage has not been sent. */
export async function reminderCandidates(db: Db, now: Date, stages: readonly number[], limit: number): Promise<DeadlineRow[]> {
  const owed = stages.map(
    (m) =>
      sql<SqlBool>`(d.due_at - make_interval(mins => ${m}::int) <= ${now} AND (d.reminded_at IS NULL OR d.reminded_at < d.due_at - make_interval(mins => ${m}::int)))`,
  );
  return rows(db)
    .where('d.satisfied_at', 'is', null)
    .where('d.cancelled_at', 'is', null)
    .where('d.overdue_at', 'is', null)
    .where('d.due_at', '>', now)
    .where(sql<SqlBool>`(${sql.join(owed, sql` OR `)})`)
    .orderBy('d.due_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

/** Stamps a reminder for the stage starting at `stageAt`, unless it was already sent; true when this call did. */
export async function markReminded(db: Db, id: string, now: Date, stageAt: Date): Promise<boolean> {
  const r = await db
    .updateTable('report_deadline')
    .set({ reminded_at: now })
    .where('id', '=', id)
    .where('satisfied_at', 'is', null)
    .where('overdue_at', 'is', null)
    .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<', stageAt)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Open report deadlines of one org (handover), soonest first. */
export async function openForOrg(db: Db, orgPath: string) {
  return db
    .selectFrom('report_deadline')
    .select(['incident_id', 'incident_title', 'kind', 'due_at'])
    .where(sql<boolean>`org_path = ${orgPath}::ltree`)
    .where('kind', '<>', NOT_INSTRUCTION)
    .where('satisfied_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('due_at')
    .execute();
}

export interface StatsRow {
  grp: string;
  due: number;
  on_time: number;
  late: number;
  missing: number;
}

/**
 * On-time figures of report deadlines that fell due in [from, min(to, now)), grouped by the org at
 * `depth` on each deadline's path (its county, for a city user) or by Beijing-time month.
 */
export async function deadlineStats(
  db: Db,
  p: { paths: readonly string[] | null; from: Date; to: Date; groupBy: 'county' | 'month'; depth: number },
): Promise<StatsRow[]> {
  const grp =
    p.groupBy === 'month'
      ? sql<string>`to_char(d.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`
      : sql<string>`subpath(d.org_path, 0, LEAST(nlevel(d.org_path), ${p.depth}::int))::text`;
  const r = await sql<StatsRow>`
    SELECT ${grp} AS grp,
      count(*)::int AS due,
      count(*) FILTER (WHERE d.satisfied_at IS NOT NULL AND d.satisfied_at <= d.due_at)::int AS on_time,
      count(*) FILTER (WHERE d.satisfied_at > d.due_at)::int AS late,
      count(*) FILTER (WHERE d.satisfied_at IS NULL)::int AS missing
    FROM report_deadline d
    WHERE d.kind <> ${NOT_INSTRUCTION} AND ${within('d.org_path', p.paths)}
      AND d.due_at >= ${p.from} AND d.due_at < ${p.to}
      AND (d.cancelled_at IS NULL OR d.overdue_at IS NOT NULL)
    GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows.map((x) => ({ ...x, due: Number(x.due), on_time: Number(x.on_time), late: Number(x.late), missing: Number(x.missing) }));
}

/** Orgs by path (names for the county grouping). */
export async function orgsByPath(db: Db, paths: readonly string[]) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'name', sql<string>`path::text`.as('path')])
    .where(sql<boolean>`path::text = ANY(${sql.val([...paths])}::text[])`)
    .execute();
}

/** Late or still missing deadlines that fell due in the period (the export's detail sheet). */
export async function lateInPeriod(db: Db, paths: readonly string[] | null, from: Date, to: Date, limit: number) {
  return rows(db)
    .where('d.kind', '<>', NOT_INSTRUCTION)
    .where(within('d.org_path', paths))
    .where('d.due_at', '>=', from)
    .where('d.due_at', '<', to)
    .where((eb) => eb.or([eb('d.satisfied_at', 'is', null), eb('d.satisfied_at', '>', eb.ref('d.due_at'))]))
    .where((eb) => eb.or([eb('d.cancelled_at', 'is', null), eb('d.overdue_at', 'is not', null)]))
    .orderBy('d.due_at')
    .limit(limit)
    .execute();
}

/**
 * Demo data only: deadlines of these incidents that fell due before `now` unmet (or were met late)
 * get the overdue mark the worker would have set at the time, so a fresh demo does not announce
 * a month of lateness at once.
 */
export async function markDemoOverdue(db: Db, incidentIds: readonly string[], now: Date): Promise<void> {
  if (incidentIds.length === 0) return;
  await db
    .updateTable('report_deadline')
    .set({ overdue_at: sql`due_at + interval '30 seconds'`, reminded_at: sql`due_at - interval '5 minutes'` })
    .where('incident_id', 'in', incidentIds)
    .where('overdue_at', 'is', null)
    .where('due_at', '<', now)
    .where('cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('satisfied_at', 'is', null), eb('satisfied_at', '>', eb.ref('due_at'))]))
    .execute();
}

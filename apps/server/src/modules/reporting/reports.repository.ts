import { sql, type Expression, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database, IncidentReportTable } from '../../platform/db/schema.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { AppError } from '../../platform/errors.js';

type Db = Kysely<Database>;

export type ReportInsert = Insertable<IncidentReportTable>;

/** A report with the names of both orgs and the receiving org's own report that passed it up. */
export type ReportRow = Selectable<IncidentReportTable> & {
  from_org_name: string;
  to_org_name: string;
  forwarded_as_id: string | null;
  kind_seq: number | null;
};

/** An org of an incident's reporting chain. */
export interface ChainOrgRow {
  id: string;
  parent_id: string | null;
  path: string;
  name: string;
  kind: string;
}

/** `column` lies in one of the subtrees; null = everywhere (system), [] = nowhere. */
export function within(column: string, paths: readonly string[] | null): Expression<SqlBool> {
  return paths === null ? sql<SqlBool>`true` : pathWithin(column, paths);
}

function reports(db: Db) {
  return db
    .selectFrom('incident_report as r')
    .innerJoin('org as fo', 'fo.id', 'r.org_id')
    .innerJoin('org as t', 't.id', 'r.to_org_id')
    .selectAll('r')
    .select(['fo.name as from_org_name', 't.name as to_org_name'])
    .select((eb) =>
      eb
        .selectFrom('incident_report as up')
        .select('up.id')
        .whereRef('up.forwarded_from_id', '=', 'r.id')
        .orderBy('up.submitted_at')
        .limit(1)
        .as('forwarded_as_id'),
    )
    .select((eb) =>
      eb
        .selectFrom('incident_report as k')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('k.incident_id', '=', 'r.incident_id')
        .whereRef('k.org_id', '=', 'r.org_id')
        .whereRef('k.kind', '=', 'r.kind')
        .whereRef('k.version', '<=', 'r.version')
        .as('kind_seq'),
    );
}

/** Inserts a report; a concurrent duplicate (same version, second first report) is a 409. */
export async function insertReport(db: Db, row: ReportInsert): Promise<void> {
  try {
    await db.insertInto('incident_report').values(row).execute();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('CONFLICT', '报告已被同时提交，请刷新后重试');
    throw err;
  }
}

/** One report with org names. */
export async function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  return reports(db).where('r.id', '=', id).executeTakeFirst();
}

/** The report, locked for a read receipt or a forward in this transaction. */
export async function lockReport(db: Db, id: string): Promise<void> {
  await db.selectFrom('incident_report').select('id').where('id', '=', id).forUpdate().execute();
}

/** Every report of an incident, oldest first. */
export async function reportsOfIncident(db: Db, incidentId: string): Promise<ReportRow[]> {
  return reports(db).where('r.incident_id', '=', incidentId).orderBy('r.submitted_at').orderBy('r.id').execute();
}

/** The reports one org has sent for an incident, oldest first. */
export async function sentBy(db: Db, incidentId: string, orgId: string) {
  return db
    .selectFrom('incident_report')
    .select(['id', 'kind', 'version', 'submitted_at'])
    .where('incident_id', '=', incidentId)
    .where('org_id', '=', orgId)
    .orderBy('version')
    .execute();
}

/** Records the read receipt unless one exists; true when this call wrote it. */
export async function markAcknowledged(db: Db, id: string, at: Date, by: { id: string | null; name: string }): Promise<boolean> {
  const r = await db
    .updateTable('incident_report')
    .set({ acknowledged_at: at, acknowledged_by: by.id, acknowledged_by_name: by.name })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface InboxFilter {
  toOrgId: string;
  unacknowledged: boolean;
}

/** Reports sent to one org, newest first, after the keyset position. */
export async function inbox(db: Db, f: InboxFilter, after: { at: Date; id: string } | null, limit: number): Promise<ReportRow[]> {
  let q = reports(db).where('r.to_org_id', '=', f.toOrgId);
  if (f.unacknowledged) q = q.where('r.acknowledged_at', 'is', null);
  if (after)
    q = q.where((eb) =>
      eb.or([eb('r.submitted_at', '<', after.at), eb.and([eb('r.submitted_at', '=', after.at), eb('r.id', '<', after.id)])]),
    );
  return q.orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
}

/** How many reports the inbox holds under the filter. */
export async function countInbox(db: Db, f: InboxFilter): Promise<number> {
  let q = db
    .selectFrom('incident_report')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('to_org_id', '=', f.toOrgId);
  if (f.unacknowledged) q = q.where('acknowledged_at', 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The org and its ancestors, nearest first (the reporting chain). */
export async function chainOf(db: Db, orgPath: string): Promise<ChainOrgRow[]> {
  const rows = await sql<ChainOrgRow>`
    SELECT id, parent_id, path::text AS path, name, kind FROM org
    WHERE path @> ${orgPath}::ltree ORDER BY nlevel(path) DESC`.execute(db);
  return rows.rows;
}

/**
 * Active users of the org itself (not its sub-orgs or parents) holding `permission` there: the
 * fallback recipients when nobody is on the duty roster.
 */
export async function staffHolding(db: Db, orgId: string, permission: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as ur', 'ur.user_id', 'u.id')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .select('u.id')
    .distinct()
    .where('u.org_id', '=', orgId)
    .where('u.status', '=', 'active')
    .where(sql<boolean>`${permission} = ANY(r.permissions)`)
    .where(sql<boolean>`ur.scope_path @> u.org_path`)
    .execute();
  return rows.map((r) => r.id);
}

/** Reports submitted in [from, to) sent from or to an org in the subtrees (duty digest). */
export async function reportsBetween(db: Db, orgPaths: readonly string[], from: Date, to: Date) {
  return reports(db)
    .where((eb) => eb.or([within('r.org_path', orgPaths), within('r.to_org_path', orgPaths)]))
    .where('r.submitted_at', '>=', from)
    .where('r.submitted_at', '<', to)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('report_deadline as d')
            .select('d.id')
            .whereRef('d.satisfied_by', '=', 'r.id')
            .whereRef('d.satisfied_at', '>', 'd.due_at'),
        )
        .as('late'),
    )
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .execute();
}

/** Which of these attachment ids belong to the incident and are not deleted (report references). */
export async function attachmentsOfIncident(db: Db, incidentId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('incident_attachment')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A report's casualty figures, as submitted (forwarded copies left out), oldest first. */
export interface ReportCasualties {
  kind: string;
  submitted_at: Date;
  dead: number;
  missing: number;
  seriously_injured: number;
  lightly_injured: number;
}

/** The casualty figures the incident's own reports (首报/续报/补报/终报) gave over time. */
export async function reportCasualties(db: Db, incidentId: string): Promise<ReportCasualties[]> {
  return db
    .selectFrom('incident_report')
    .select(['kind', 'submitted_at', 'dead', 'missing', 'seriously_injured', 'lightly_injured'])
    .where('incident_id', '=', incidentId)
    .where('forwarded_from_id', 'is', null)
    .orderBy('submitted_at')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** When the incident's first report was submitted, if any. */
export async function firstReportAt(db: Db, incidentId: string): Promise<Date | null> {
  const r = await db
    .selectFrom('incident_report')
    .select((eb) => eb.fn.min('submitted_at').as('at'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return r?.at ? new Date(r.at) : null;
}

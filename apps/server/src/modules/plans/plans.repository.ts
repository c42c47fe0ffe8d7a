import type { PlanResponseLevel, PlanStatus } from '@vigil/shared';
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { countRows, newestFirstPage, type KeysetAfter } from '../../platform/db/paging.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import { plansDb, type PlanTable } from './plans.tables.js';

type Db = Kysely<Database>;

/** A plan version as stored, with its org's name. */
export interface PlanRow {
  id: string;
  series_id: string;
  version_no: number;
  previous_version_id: string | null;
  org_id: string;
  org_path: string;
  org_name: string;
  name: string;
  level: PlanTable['level'];
  type: PlanTable['type'];
  event_codes: string[];
  summary: string | null;
  levels: PlanResponseLevel[];
  status: PlanStatus;
  revision: number;
  reject_reason: string | null;
  source: 'manual' | 'import' | 'demo';
  created_by: string | null;
  created_by_name: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  activated_by: string | null;
  activated_at: Date | null;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function rows(db: Db) {
  return plansDb(db).selectFrom('plan as p').innerJoin('org as o', 'o.id', 'p.org_id').selectAll('p').select('o.name as org_name');
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return (await rows(db).where('p.id', '=', id).executeTakeFirst()) as PlanRow | undefined;
}

/** Loads with a row lock for an update in the current transaction. */
export async function lockPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  await plansDb(db).selectFrom('plan').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return findPlan(db, id);
}

export type NewPlanRow = Omit<Insertable<PlanTable>, 'levels'> & { levels: PlanResponseLevel[] };

export async function insertPlan(db: Db, row: NewPlanRow): Promise<void> {
  await plansDb(db)
    .insertInto('plan')
    .values({ ...row, levels: JSON.stringify(row.levels) })
    .execute();
}

export type PlanPatch = Omit<Updateable<PlanTable>, 'levels'> & { levels?: PlanResponseLevel[] };

/** Writes the patch and bumps the revision (every change of a version is a new revision). */
export async function updatePlan(db: Db, id: string, patch: PlanPatch): Promise<void> {
  const { levels, ...rest } = patch;
  await plansDb(db)
    .updateTable('plan')
    .set((eb) => ({ ...rest, ...(levels ? { levels: JSON.stringify(levels) } : {}), revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Every version of a series, newest first. */
export async function seriesVersions(db: Db, seriesId: string): Promise<PlanRow[]> {
  return (await rows(db).where('p.series_id', '=', seriesId).orderBy('p.version_no', 'desc').execute()) as PlanRow[];
}

/** The series' version in force, if any, locked. */
export async function lockActiveOf(db: Db, seriesId: string): Promise<PlanRow | undefined> {
  const r = await plansDb(db)
    .selectFrom('plan')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('status', '=', 'active')
    .forUpdate()
    .executeTakeFirst();
  return r ? findPlan(db, r.id) : undefined;
}

/** Ids of the series' approved versions other than `exceptId` (superseded when another version goes in force). */
export async function otherApprovedOf(db: Db, seriesId: string, exceptId: string): Promise<string[]> {
  const r = await plansDb(db)
    .selectFrom('plan')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('status', '=', 'approved')
    .where('id', '<>', exceptId)
    .forUpdate()
    .execute();
  return r.map((x) => x.id);
}

/** The series' open version (draft or submitted), if any. */
export async function openVersionOf(db: Db, seriesId: string): Promise<{ id: string; version_no: number } | undefined> {
  return plansDb(db)
    .selectFrom('plan')
    .select(['id', 'version_no'])
    .where('series_id', '=', seriesId)
    .where('status', 'in', ['draft', 'submitted'])
    .executeTakeFirst();
}

export async function maxVersionNo(db: Db, seriesId: string): Promise<number> {
  const r = await plansDb(db)
    .selectFrom('plan')
    .select((eb) => eb.fn.max('version_no').as('n'))
    .where('series_id', '=', seriesId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface PlanFilters {
  /** Subtrees the actor may read; null = everywhere (the system actor). */
  scope: string[] | null;
  status?: string;
  level?: string;
  type?: string;
  eventCode?: string;
  orgId?: string;
  q?: string;
}

function filtered(db: Db, f: PlanFilters) {
  let q = rows(db);
  if (f.scope) q = q.where(pathWithin('p.org_path', f.scope));
  if (f.status) q = q.where('p.status', '=', f.status as 'draft');
  if (f.level) q = q.where('p.level', '=', f.level as 'city');
  if (f.type) q = q.where('p.type', '=', f.type as 'special');
  if (f.eventCode) q = q.where(sql<boolean>`${f.eventCode} = ANY(p.event_codes)`);
  if (f.orgId) q = q.where('p.org_id', '=', f.orgId);
  if (f.q) q = q.where('p.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q;
}

export async function listPlans(db: Db, f: PlanFilters, after: KeysetAfter | null, limit: number): Promise<PlanRow[]> {
  return (await newestFirstPage(filtered(db, f), 'p.created_at', 'p.id', after, limit).execute()) as PlanRow[];
}

export async function countPlans(db: Db, f: PlanFilters): Promise<number> {
  return countRows(filtered(db, f));
}

/** Active plan versions visible in the scope whose event codes could cover `eventCode` (prefix candidates). */
export async function activePlansFor(db: Db, scope: string[] | null, candidates: string[]): Promise<PlanRow[]> {
  let q = rows(db).where('p.status', '=', 'active');
  if (scope) q = q.where(pathWithin('p.org_path', scope));
  q = q.where(sql<boolean>`p.event_codes && ${sql.val(candidates)}::text[]`);
  return (await q.orderBy('p.name').limit(500).execute()) as PlanRow[];
}

/** Which of the codes are in the national event code table. */
export async function knownEventCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const r = await db
    .selectFrom('code_table')
    .select('code')
    .where('family', '=', 'event')
    .where('code', 'in', [...codes])
    .execute();
  return new Set(r.map((x) => x.code));
}

/** Orgs by id (to check task owners exist). */
export async function knownOrgs(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await db
    .selectFrom('org')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(r.map((x) => x.id));
}

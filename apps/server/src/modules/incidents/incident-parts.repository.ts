import type { GradingRuleDto } from '@vigil/shared';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, IncidentAttachmentTable, IncidentTimelineTable } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

export type TimelineRow = Selectable<IncidentTimelineTable>;
export type AttachmentRow = Selectable<IncidentAttachmentTable>;

export async function insertTimeline(
  db: Db,
  row: {
    id: string;
    incident_id: string;
    at: Date;
    kind: string;
    summary: string;
    data: unknown;
    actor_id: string | null;
    actor_name: string | null;
  },
): Promise<void> {
  await db
    .insertInto('incident_timeline')
    .values({ ...row, data: row.data === undefined || row.data === null ? null : JSON.stringify(row.data) })
    .execute();
}

/** Timeline entries in time order; `after` is the last entry of the previous page. */
export async function listTimeline(db: Db, incidentId: string, after: { at: Date; id: string } | null, limit: number) {
  let q = db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId);
  if (after) q = q.where((eb) => eb(eb.refTuple('at', 'id'), '>', eb.tuple(after.at, after.id)));
  return q.orderBy('at').orderBy('id').limit(limit).execute();
}

export async function countTimeline(db: Db, incidentId: string): Promise<number> {
  const r = await db
    .selectFrom('incident_timeline')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAttachment(db: Db, row: Omit<AttachmentRow, 'deleted_at' | 'deleted_by'>): Promise<AttachmentRow> {
  return db.insertInto('incident_attachment').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listAttachments(db: Db, incidentId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom('incident_attachment')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAttachment(db: Db, incidentId: string, id: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('incident_attachment')
    .selectAll()
    .where('id', '=', id)
    .where('incident_id', '=', incidentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Attachments (not deleted) by id, whatever their incident. */
export async function attachmentsByIds(db: Db, ids: readonly string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('incident_attachment')
    .selectAll()
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function markAttachmentDeleted(db: Db, id: string, at: Date, by: string | null): Promise<void> {
  await db.updateTable('incident_attachment').set({ deleted_at: at, deleted_by: by }).where('id', '=', id).execute();
}

export async function listGradingRules(db: Db): Promise<GradingRuleDto[]> {
  const rows = await db
    .selectFrom('grading_rule')
    .select(['category', 'criterion', 'grade', 'threshold'])
    .orderBy('category')
    .orderBy('criterion')
    .orderBy('grade')
    .execute();
  return rows.map((r) => ({ ...r, threshold: Number(r.threshold) }) as GradingRuleDto);
}

/** Replaces the rules of the given categories with `rules`. */
export async function replaceGradingRules(
  db: Db,
  categories: readonly string[],
  rules: readonly GradingRuleDto[],
  by: string | null,
  at: Date,
): Promise<void> {
  if (categories.length > 0)
    await db
      .deleteFrom('grading_rule')
      .where('category', 'in', [...categories])
      .execute();
  if (rules.length > 0)
    await db
      .insertInto('grading_rule')
      .values(rules.map((r) => ({ ...r, updated_by: by, updated_at: at })))
      .execute();
}

/** An event code of the national table with whether it has children. */
export async function findEventCode(db: Db, code: string) {
  return db
    .selectFrom('code_table as c')
    .select(['c.code', 'c.name', 'c.level', 'c.parent_code'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('code_table as k').select('k.code').whereRef('k.parent_code', '=', 'c.code').where('k.family', '=', 'event'))
        .as('has_children'),
    )
    .where('c.family', '=', 'event')
    .where('c.code', '=', code)
    .executeTakeFirst();
}

/** Kinds of the orgs at these paths (to tell a city-level grant from a county one). */
export async function orgKindsAt(db: Db, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const rows = await db
    .selectFrom('org')
    .select('kind')
    .where(
      sql<boolean>`(${sql.join(
        paths.map((p) => sql`path = ${p}::ltree`),
        sql` OR `,
      )})`,
    )
    .execute();
  return rows.map((r) => r.kind);
}

/**
 * Active users of exactly this org whose role (duty officer or commander) reads incidents: who
 * is told about a new incident when nobody is on the roster.
 */
export async function deskStaffOf(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as ur', 'ur.user_id', 'u.id')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .select('u.id')
    .distinct()
    .where('u.org_id', '=', orgId)
    .where('u.status', '=', 'active')
    .where('ur.role_id', 'in', ['duty_officer', 'commander'])
    .where(sql<boolean>`'incident.read' = ANY(r.permissions)`)
    .where(sql<boolean>`ur.scope_path @> u.org_path`)
    .execute();
  return rows.map((r) => r.id);
}

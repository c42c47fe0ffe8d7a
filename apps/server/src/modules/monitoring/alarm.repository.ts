import { sql, type Kysely, type SqlBool, type Updateable } from 'kysely';
import { newestFirstPage, type KeysetAfter } from '../../platform/db/paging.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import { alarmDb, type AlarmTable } from './alarm.tables.js';

type Db = Kysely<Database>;

/** An alarm as stored, with the names of what it refers to. */
export interface AlarmRow {
  id: string;
  rule_id: string;
  rule_name: string;
  rule_kind: 'threshold' | 'duration' | 'rate' | 'offline' | 'composite';
  subject_key: string;
  device_id: string;
  device_code: string;
  device_name: string;
  device_type_code: string;
  device_type_name: string | null;
  category: string | null;
  point_id: string | null;
  point_name: string | null;
  metric: string | null;
  unit: string | null;
  org_id: string;
  org_path: string;
  org_name: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  division_code: string | null;
  county_name: string | null;
  lng: number | null;
  lat: number | null;
  level: AlarmTable['level'];
  status: AlarmTable['status'];
  title: string;
  message: string | null;
  value: number | null;
  threshold: number | null;
  first_at: Date;
  last_at: Date;
  occurrences: number;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledged_at: Date | null;
  cleared_at: Date | null;
  closed_by: string | null;
  closed_by_name: string | null;
  closed_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  false_alarm: boolean;
  escalation_step: number;
  next_escalation_at: Date | null;
  incident_id: string | null;
  escalation_policy_id: string | null;
  version: number;
}

function alarms(db: Db) {
  return alarmDb(db)
    .selectFrom('alarm as a')
    .innerJoin('alarm_rule as r', 'r.id', 'a.rule_id')
    .innerJoin('device as d', 'd.id', 'a.device_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('device_type as t', 't.code', 'd.type_code')
    .leftJoin('point as p', 'p.id', 'a.point_id')
    .leftJoin('resource as e', 'e.id', 'a.enterprise_id')
    .leftJoin('admin_division as ad', 'ad.code', 'a.division_code')
    .leftJoin('app_user as ua', 'ua.id', 'a.acknowledged_by')
    .leftJoin('app_user as uc', 'uc.id', 'a.closed_by')
    .leftJoin('app_user as us', 'us.id', 'a.assignee_id')
    .select([
      'a.id',
      'a.rule_id',
      'r.name as rule_name',
      'r.kind as rule_kind',
      'r.escalation_policy_id',
      'a.subject_key',
      'a.device_id',
      'd.code as device_code',
      'd.name as device_name',
      'd.type_code as device_type_code',
      't.name_zh as device_type_name',
      't.category',
      'a.point_id',
      'p.name as point_name',
      'p.metric',
      'p.unit',
      'a.org_id',
      'a.org_path',
      'o.name as org_name',
      'a.enterprise_id',
      'e.name as enterprise_name',
      'a.division_code',
      'ad.name as county_name',
      'a.level',
      'a.status',
      'a.title',
      'a.message',
      'a.value',
      'a.threshold',
      'a.first_at',
      'a.last_at',
      'a.occurrences',
      'a.acknowledged_by',
      'ua.display_name as acknowledged_by_name',
      'a.acknowledged_at',
      'a.cleared_at',
      'a.closed_by',
      'uc.display_name as closed_by_name',
      'a.closed_at',
      'a.assignee_id',
      'us.display_name as assignee_name',
      'a.false_alarm',
      'a.escalation_step',
      'a.next_escalation_at',
      'a.incident_id',
      'a.version',
    ])
    .select([
      sql<number | null>`CASE WHEN a.location IS NULL THEN NULL ELSE ST_X(a.location) END`.as('lng'),
      sql<number | null>`CASE WHEN a.location IS NULL THEN NULL ELSE ST_Y(a.location) END`.as('lat'),
    ]);
}

export interface AlarmFilters {
  /** Org subtrees the actor may read; null = everywhere (system). */
  scope: readonly string[] | null;
  statuses?: readonly AlarmTable['status'][] | undefined;
  levels?: readonly AlarmTable['level'][] | undefined;
  deviceTypeCode?: string | undefined;
  category?: string | undefined;
  enterpriseId?: string | undefined;
  divisionCode?: string | undefined;
  deviceId?: string | undefined;
  ruleId?: string | undefined;
  falseAlarm?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
}

function filtered(db: Db, f: AlarmFilters) {
  let q = alarms(db);
  if (f.scope) q = q.where(pathWithin('a.org_path', f.scope));
  if (f.statuses?.length) q = q.where('a.status', 'in', [...f.statuses]);
  if (f.levels?.length) q = q.where('a.level', 'in', [...f.levels]);
  if (f.deviceTypeCode) q = q.where('d.type_code', '=', f.deviceTypeCode);
  if (f.category) q = q.where('t.category', '=', f.category as 'hazchem');
  if (f.enterpriseId) q = q.where('a.enterprise_id', '=', f.enterpriseId);
  if (f.divisionCode)
    q = f.divisionCode.endsWith('00')
      ? q.where('a.division_code', 'like', `${f.divisionCode.replace(/0+$/, '')}%`)
      : q.where('a.division_code', '=', f.divisionCode);
  if (f.deviceId) q = q.where('a.device_id', '=', f.deviceId);
  if (f.ruleId) q = q.where('a.rule_id', '=', f.ruleId);
  if (f.falseAlarm !== undefined) q = q.where('a.false_alarm', '=', f.falseAlarm);
  if (f.from) q = q.where('a.first_at', '>=', f.from);
  if (f.to) q = q.where('a.first_at', '<', f.to);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('a.title', 'ilike', like), eb('d.name', 'ilike', like), eb('d.code', 'ilike', like)]));
  }
  return q;
}

/** One newest-first page (limit + 1 rows, so the caller knows whether more follow). */
export async function listAlarms(db: Db, f: AlarmFilters, after: KeysetAfter | null, limit: number): Promise<AlarmRow[]> {
  return (await newestFirstPage(filtered(db, f), 'a.first_at', 'a.id', after, limit + 1).execute()) as AlarmRow[];
}

export async function countAlarms(db: Db, f: AlarmFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findAlarm(db: Db, id: string): Promise<AlarmRow | undefined> {
  return (await alarms(db).where('a.id', '=', id).executeTakeFirst()) as AlarmRow | undefined;
}

export async function findAlarms(db: Db, ids: readonly string[]): Promise<AlarmRow[]> {
  if (ids.length === 0) return [];
  return (await alarms(db)
    .where('a.id', 'in', [...ids])
    .execute()) as AlarmRow[];
}

/** The alarm locked for an update in the current transaction. */
export async function lockAlarm(db: Db, id: string): Promise<AlarmRow | undefined> {
  const locked = await alarmDb(db).selectFrom('alarm').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findAlarm(db, id) : undefined;
}

export type AlarmPatch = Partial<
  Pick<
    Updateable<AlarmTable>,
    | 'status'
    | 'level'
    | 'title'
    | 'message'
    | 'value'
    | 'threshold'
    | 'last_at'
    | 'acknowledged_by'
    | 'acknowledged_at'
    | 'cleared_at'
    | 'closed_by'
    | 'closed_at'
    | 'assignee_id'
    | 'false_alarm'
    | 'escalation_step'
    | 'next_escalation_at'
    | 'incident_id'
  >
> & { occurrences?: number | 'increment' };

/** Applies a change and moves the version on. */
export async function updateAlarm(db: Db, id: string, patch: AlarmPatch, now: Date): Promise<void> {
  const { occurrences, ...rest } = patch;
  await alarmDb(db)
    .updateTable('alarm')
    .set({
      ...rest,
      ...(occurrences === 'increment' ? { occurrences: sql<number>`occurrences + 1` } : occurrences !== undefined ? { occurrences } : {}),
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export interface NewAlarm {
  id: string;
  rule_id: string;
  subject_key: string;
  device_id: string;
  point_id: string | null;
  level: AlarmTable['level'];
  title: string;
  message: string | null;
  value: number | null;
  threshold: number | null;
  at: Date;
  next_escalation_at: Date | null;
}

/** Inserts an alarm; org, enterprise, county and location are copied from its device. */
export async function insertAlarm(db: Db, a: NewAlarm, now: Date): Promise<void> {
  await sql`
    INSERT INTO alarm (id, rule_id, subject_key, device_id, point_id, org_id, org_path, enterprise_id, division_code, location,
      level, status, title, message, value, threshold, first_at, last_at, next_escalation_at, created_at, updated_at)
    SELECT ${a.id}, ${a.rule_id}, ${a.subject_key}, d.id, ${a.point_id}, d.org_id, d.org_path, d.enterprise_id, d.division_code, d.location,
      ${a.level}, 'active', ${a.title}, ${a.message}, ${a.value}, ${a.threshold}, ${a.at}, ${a.at}, ${a.next_escalation_at}, ${now}, ${now}
    FROM device d WHERE d.id = ${a.device_id}`.execute(db);
}

/** Open alarms (not closed) of these rule and subject pairs, locked for update. */
export async function lockOpenAlarms(db: Db, keys: readonly { ruleId: string; subjectKey: string }[]) {
  if (keys.length === 0) return [];
  const pairs = sql.join(keys.map((k) => sql`(${k.ruleId}::uuid, ${k.subjectKey}::text)`));
  return alarmDb(db)
    .selectFrom('alarm')
    .select(['id', 'rule_id', 'subject_key', 'status', 'level', 'first_at', 'acknowledged_at'])
    .where('status', '<>', 'closed')
    .where(sql<SqlBool>`(rule_id, subject_key) IN (${pairs})`)
    .forUpdate()
    .execute();
}

export interface AlarmEventRow {
  id: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
  note: string | null;
  data: unknown;
}

export async function insertEvents(
  db: Db,
  rows: { id: string; alarm_id: string; kind: string; actor_id: string | null; at: Date; note: string | null; data: unknown }[],
): Promise<void> {
  if (rows.length === 0) return;
  await alarmDb(db)
    .insertInto('alarm_event')
    .values(rows.map((r) => ({ ...r, data: r.data === null || r.data === undefined ? null : JSON.stringify(r.data) })))
    .execute();
}

export async function listEvents(db: Db, alarmId: string): Promise<AlarmEventRow[]> {
  return (await alarmDb(db)
    .selectFrom('alarm_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.kind', 'e.actor_id', 'u.display_name as actor_name', 'e.at', 'e.note', 'e.data'])
    .where('e.alarm_id', '=', alarmId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute()) as AlarmEventRow[];
}

/** What a new alarm's title and message are made of: the device and the point. */
export interface SubjectInfo {
  device_id: string;
  device_name: string;
  device_code: string;
  point_id: string | null;
  point_name: string | null;
  unit: string | null;
}

export async function subjectInfo(
  db: Db,
  deviceIds: readonly string[],
  pointIds: readonly string[],
): Promise<{ devices: Map<string, SubjectInfo>; points: Map<string, SubjectInfo> }> {
  const devices = new Map<string, SubjectInfo>();
  const points = new Map<string, SubjectInfo>();
  if (deviceIds.length > 0)
    for (const d of await alarmDb(db)
      .selectFrom('device')
      .select(['id', 'name', 'code'])
      .where('id', 'in', [...deviceIds])
      .execute())
      devices.set(d.id, { device_id: d.id, device_name: d.name, device_code: d.code, point_id: null, point_name: null, unit: null });
  if (pointIds.length > 0)
    for (const p of await alarmDb(db)
      .selectFrom('point as p')
      .innerJoin('device as d', 'd.id', 'p.device_id')
      .select(['p.id', 'p.name', 'p.unit', 'd.id as device_id', 'd.name as device_name', 'd.code as device_code'])
      .where('p.id', 'in', [...pointIds])
      .execute())
      points.set(p.id, {
        device_id: p.device_id,
        device_name: p.device_name,
        device_code: p.device_code,
        point_id: p.id,
        point_name: p.name,
        unit: p.unit,
      });
  return { devices, points };
}

/** Escalation steps of the rules' policies (rules without one are absent). */
export async function policyStepsOfRules(db: Db, ruleIds: readonly string[]): Promise<Map<string, { afterMinutes: number }[]>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await alarmDb(db)
    .selectFrom('alarm_rule as r')
    .innerJoin('alarm_escalation_policy as p', 'p.id', 'r.escalation_policy_id')
    .select(['r.id', 'p.steps'])
    .where('r.id', 'in', [...ruleIds])
    .where('p.archived_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, (Array.isArray(r.steps) ? r.steps : []) as { afterMinutes: number }[]]));
}

/** Whether a user is active and holds `permission` for an org at `orgPath`. */
export async function userHolds(db: Db, userId: string, permission: string, orgPath: string): Promise<boolean> {
  const r = await db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .innerJoin('app_user as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.status', '=', 'active')
    .where(sql<boolean>`${permission} = ANY(r.permissions)`)
    .where(sql<boolean>`ur.scope_path @> ${orgPath}::ltree`)
    .executeTakeFirst();
  return Boolean(r);
}

/** Active users holding a role for an org at `orgPath` (their grant's scope covers it). */
export async function roleHolders(db: Db, roleId: string, orgPath: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_role as ur')
    .innerJoin('app_user as u', 'u.id', 'ur.user_id')
    .select('u.id')
    .distinct()
    .where('ur.role_id', '=', roleId)
    .where('u.status', '=', 'active')
    .where(sql<boolean>`ur.scope_path @> ${orgPath}::ltree`)
    .execute();
  return rows.map((r) => r.id);
}

/** The org at `path` and its ancestors, nearest first: [own, parent, grandparent …]. */
export async function orgChain(db: Db, path: string): Promise<{ id: string; path: string; name: string }[]> {
  const rows = await db
    .selectFrom('org')
    .select(['id', 'path', 'name'])
    .where(sql<boolean>`path @> ${path}::ltree`)
    .orderBy(sql`nlevel(path)`, 'desc')
    .execute();
  return rows;
}

/** Alarms whose next escalation step is due, oldest first; locked, skipping rows another worker holds. */
export async function dueEscalations(db: Db, now: Date, limit: number, skipLocked: boolean): Promise<string[]> {
  let q = alarmDb(db)
    .selectFrom('alarm')
    .select('id')
    .where('status', '=', 'active')
    .where('next_escalation_at', 'is not', null)
    .where('next_escalation_at', '<=', now)
    .orderBy('next_escalation_at')
    .limit(limit)
    .forUpdate();
  if (skipLocked) q = q.skipLocked();
  return (await q.execute()).map((r) => r.id);
}

/** The escalation steps of an alarm's rule's policy ([] without one). */
export async function stepsOfAlarm(db: Db, alarmId: string): Promise<unknown[]> {
  const r = await alarmDb(db)
    .selectFrom('alarm as a')
    .innerJoin('alarm_rule as r', 'r.id', 'a.rule_id')
    .innerJoin('alarm_escalation_policy as p', 'p.id', 'r.escalation_policy_id')
    .select('p.steps')
    .where('a.id', '=', alarmId)
    .where('p.archived_at', 'is', null)
    .executeTakeFirst();
  return Array.isArray(r?.steps) ? (r.steps as unknown[]) : [];
}

/** Active users who may handle alarms of an org at `orgPath` (their grant covers it), for assignment. */
export async function handlersOf(db: Db, orgPath: string): Promise<{ id: string; display_name: string; org_name: string }[]> {
  return db
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .innerJoin('app_user as u', 'u.id', 'ur.user_id')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.display_name', 'o.name as org_name'])
    .distinct()
    .where('u.status', '=', 'active')
    .where(sql<boolean>`'alarm.handle' = ANY(r.permissions)`)
    .where(sql<boolean>`ur.scope_path @> ${orgPath}::ltree`)
    .orderBy('u.display_name')
    .limit(200)
    .execute();
}

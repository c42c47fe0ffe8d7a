import { sql, type Kysely } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import { alarmDb } from './alarm.tables.js';

type Db = Kysely<Database>;

/** A rule as stored, with the names shown next to its references. */
export interface RuleRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  name: string;
  description: string | null;
  enabled: boolean;
  device_type_code: string | null;
  device_type_name: string | null;
  device_id: string | null;
  device_name: string | null;
  kind: 'threshold' | 'duration' | 'rate' | 'offline' | 'composite';
  definition: unknown;
  level: 'blue' | 'yellow' | 'orange' | 'red';
  escalation_policy_id: string | null;
  escalation_policy_name: string | null;
  open_alarms: number;
  version: number;
  archived_at: Date | null;
  updated_at: Date;
}

export interface RuleWrite {
  org_id: string;
  org_path: string;
  name: string;
  description: string | null;
  enabled: boolean;
  device_type_code: string | null;
  device_id: string | null;
  kind: RuleRow['kind'];
  definition: unknown;
  level: RuleRow['level'];
  escalation_policy_id: string | null;
}

function rules(db: Db) {
  return alarmDb(db)
    .selectFrom('alarm_rule as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('device_type as t', 't.code', 'r.device_type_code')
    .leftJoin('device as d', 'd.id', 'r.device_id')
    .leftJoin('alarm_escalation_policy as p', 'p.id', 'r.escalation_policy_id')
    .select([
      'r.id',
      'r.org_id',
      'r.org_path',
      'o.name as org_name',
      'r.name',
      'r.description',
      'r.enabled',
      'r.device_type_code',
      't.name_zh as device_type_name',
      'r.device_id',
      'd.name as device_name',
      'r.kind',
      'r.definition',
      'r.level',
      'r.escalation_policy_id',
      'p.name as escalation_policy_name',
      'r.version',
      'r.archived_at',
      'r.updated_at',
    ])
    .select(sql<number>`(SELECT count(*) FROM alarm a WHERE a.rule_id = r.id AND a.status <> 'closed')::int`.as('open_alarms'));
}

export interface RuleFilters {
  scope: readonly string[] | null;
  q?: string | undefined;
  kind?: string | undefined;
  enabled?: boolean | undefined;
  deviceTypeCode?: string | undefined;
  deviceId?: string | undefined;
  includeArchived?: boolean | undefined;
  limit: number;
}

export async function listRules(db: Db, f: RuleFilters): Promise<RuleRow[]> {
  let q = rules(db);
  if (f.scope) q = q.where(pathWithin('r.org_path', f.scope));
  if (!f.includeArchived) q = q.where('r.archived_at', 'is', null);
  if (f.q) q = q.where('r.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.kind) q = q.where('r.kind', '=', f.kind as RuleRow['kind']);
  if (f.enabled !== undefined) q = q.where('r.enabled', '=', f.enabled);
  if (f.deviceTypeCode) q = q.where('r.device_type_code', '=', f.deviceTypeCode);
  if (f.deviceId) q = q.where('r.device_id', '=', f.deviceId);
  return (await q.orderBy('r.updated_at', 'desc').orderBy('r.id').limit(f.limit).execute()) as RuleRow[];
}

export async function findRule(db: Db, id: string): Promise<RuleRow | undefined> {
  return (await rules(db).where('r.id', '=', id).executeTakeFirst()) as RuleRow | undefined;
}

/** The rule locked for an update in the current transaction. */
export async function lockRule(db: Db, id: string): Promise<RuleRow | undefined> {
  const locked = await alarmDb(db).selectFrom('alarm_rule').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findRule(db, id) : undefined;
}

export async function insertRule(db: Db, id: string, w: RuleWrite, actorId: string | null, now: Date): Promise<void> {
  await alarmDb(db)
    .insertInto('alarm_rule')
    .values({
      id,
      ...w,
      definition: JSON.stringify(w.definition),
      created_by: actorId,
      created_at: now,
      updated_by: actorId,
      updated_at: now,
    })
    .execute();
}

export async function updateRule(db: Db, id: string, w: Partial<RuleWrite>, actorId: string | null, now: Date): Promise<void> {
  const { definition, ...rest } = w;
  await alarmDb(db)
    .updateTable('alarm_rule')
    .set({
      ...rest,
      ...(definition !== undefined ? { definition: JSON.stringify(definition) } : {}),
      updated_by: actorId,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

export async function archiveRule(db: Db, id: string, actorId: string | null, now: Date): Promise<void> {
  await alarmDb(db)
    .updateTable('alarm_rule')
    .set({ archived_at: now, enabled: false, updated_by: actorId, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** A rule as the engine needs it: enabled, not archived. */
export interface EnabledRuleRow {
  id: string;
  name: string;
  org_path: string;
  level: RuleRow['level'];
  device_type_code: string | null;
  device_id: string | null;
  definition: unknown;
  escalation_policy_id: string | null;
}

export async function enabledRules(db: Db): Promise<EnabledRuleRow[]> {
  return alarmDb(db)
    .selectFrom('alarm_rule')
    .select(['id', 'name', 'org_path', 'level', 'device_type_code', 'device_id', 'definition', 'escalation_policy_id'])
    .where('enabled', '=', true)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Sites of devices (for site-wide composite rules), only where one is set. */
export async function deviceSites(db: Db): Promise<Map<string, string>> {
  const rows = await alarmDb(db).selectFrom('device').select(['id', 'site']).where('site', 'is not', null).execute();
  return new Map(rows.map((r) => [r.id, r.site!]));
}

/** When each device was last heard from, for offline timers after a restart. */
export async function deviceLastSeen(db: Db): Promise<Map<string, number>> {
  const rows = await alarmDb(db).selectFrom('device').select(['id', 'last_seen_at']).where('last_seen_at', 'is not', null).execute();
  return new Map(rows.map((r) => [r.id, new Date(r.last_seen_at!).getTime()]));
}

/** Latest stored value of every point that has one. */
export async function latestValues(db: Db): Promise<[number, { ts: number; value: number; receivedAt: number }][]> {
  const rows = await alarmDb(db).selectFrom('reading_latest').select(['point_ref', 'ts', 'value', 'received_at']).execute();
  return rows.map((r) => [
    Number(r.point_ref),
    { ts: new Date(r.ts).getTime(), value: Number(r.value), receivedAt: new Date(r.received_at).getTime() },
  ]);
}

/** Alarms whose condition was still on when last seen (so the engine does not raise them again). */
export async function activeSubjects(db: Db): Promise<{ rule_id: string; subject_key: string; level: RuleRow['level'] }[]> {
  return alarmDb(db)
    .selectFrom('alarm')
    .select(['rule_id', 'subject_key', 'level'])
    .where('status', 'in', ['active', 'acknowledged'])
    .execute();
}

export async function deviceTypeExists(db: Db, code: string): Promise<boolean> {
  return Boolean(await alarmDb(db).selectFrom('device_type').select('code').where('code', '=', code).executeTakeFirst());
}

export async function findDeviceBrief(db: Db, id: string): Promise<{ id: string; org_path: string; archived: boolean } | undefined> {
  const r = await alarmDb(db).selectFrom('device').select(['id', 'org_path', 'archived_at']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, org_path: r.org_path, archived: r.archived_at !== null } : undefined;
}

// ——— escalation policies ———

export interface PolicyRow {
  id: string;
  org_id: string;
  org_path: string;
  org_name: string;
  name: string;
  steps: unknown;
  rules: number;
  version: number;
  archived_at: Date | null;
  updated_at: Date;
}

function policies(db: Db) {
  return alarmDb(db)
    .selectFrom('alarm_escalation_policy as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.org_id', 'p.org_path', 'o.name as org_name', 'p.name', 'p.steps', 'p.version', 'p.archived_at', 'p.updated_at'])
    .select(
      sql<number>`(SELECT count(*) FROM alarm_rule r WHERE r.escalation_policy_id = p.id AND r.archived_at IS NULL)::int`.as('rules'),
    );
}

export async function listPolicies(db: Db, scope: readonly string[] | null, includeArchived: boolean): Promise<PolicyRow[]> {
  let q = policies(db);
  if (scope) q = q.where(pathWithin('p.org_path', scope));
  if (!includeArchived) q = q.where('p.archived_at', 'is', null);
  return (await q.orderBy('p.name').orderBy('p.id').limit(500).execute()) as PolicyRow[];
}

export async function findPolicy(db: Db, id: string): Promise<PolicyRow | undefined> {
  return (await policies(db).where('p.id', '=', id).executeTakeFirst()) as PolicyRow | undefined;
}

export async function lockPolicy(db: Db, id: string): Promise<PolicyRow | undefined> {
  const locked = await alarmDb(db).selectFrom('alarm_escalation_policy').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findPolicy(db, id) : undefined;
}

export async function insertPolicy(
  db: Db,
  p: { id: string; org_id: string; org_path: string; name: string; steps: unknown },
  actorId: string | null,
  now: Date,
): Promise<void> {
  await alarmDb(db)
    .insertInto('alarm_escalation_policy')
    .values({ ...p, steps: JSON.stringify(p.steps), created_by: actorId, created_at: now, updated_by: actorId, updated_at: now })
    .execute();
}

export async function updatePolicy(
  db: Db,
  id: string,
  p: { name?: string; steps?: unknown; archived_at?: Date | null },
  actorId: string | null,
  now: Date,
) {
  const { steps, ...rest } = p;
  await alarmDb(db)
    .updateTable('alarm_escalation_policy')
    .set({
      ...rest,
      ...(steps !== undefined ? { steps: JSON.stringify(steps) } : {}),
      updated_by: actorId,
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/** Whether any role with this id exists (built-in or custom). */
export async function roleExists(db: Db, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('role').select('id').where('id', '=', id).executeTakeFirst());
}

/** Of the given user ids, those that exist. */
export async function existingUsers(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

import {
  ALARM_RULE_EVENTS,
  thresholdRuleLevel,
  type AlarmLevel,
  type RuleDefinition,
  type RuleDto,
  type RuleInput,
  type RuleListQuery,
  type RuleUpdateInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { findOrg, resolveOrgRef } from '../orgs/index.js';
import { alarmScope, can } from './alarm.policy.js';
import { alarmDb } from './alarm.tables.js';
import * as repo from './rule.repository.js';

const RULE_TOPIC = 'alarm_rule';

/** Optimistic concurrency: an edit based on another version than the stored one is refused (409). */
export function checkVersion(row: { version: number }, version: number): void {
  if (version === row.version) return;
  throw new AppError('CONFLICT', '记录已被他人修改，请刷新后重试', {
    errors: [{ field: 'version', message: `当前版本为 ${row.version}` }],
    extra: { currentVersion: row.version },
  });
}

export function presentRule(ctx: Ctx, r: repo.RuleRow): RuleDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    kind: r.kind,
    level: r.level,
    deviceTypeCode: r.device_type_code,
    deviceTypeName: r.device_type_name,
    deviceId: r.device_id,
    deviceName: r.device_name,
    definition: r.definition as RuleDefinition,
    escalationPolicyId: r.escalation_policy_id,
    escalationPolicyName: r.escalation_policy_name,
    orgId: r.org_id,
    orgName: r.org_name,
    openAlarms: Number(r.open_alarms),
    version: r.version,
    archivedAt: r.archived_at ? new Date(r.archived_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
    abilities: { edit: can(ctx.actor, 'monitoring.manage', r) && r.archived_at === null },
  };
}

/** Loads a rule: 404 when missing, audited 404 outside the actor's scope, 403 without `monitoring.manage` when writing. */
async function loadRule(ctx: Ctx, id: string, write = false): Promise<repo.RuleRow> {
  const row = write ? await repo.lockRule(ctx.tx, id) : await repo.findRule(ctx.tx, id);
  if (!row) notFound('报警规则', id);
  if (!can(ctx.actor, 'monitoring.read', row)) return denyOutOfScope(ctx, 'alarm_rule', id);
  if (write && !can(ctx.actor, 'monitoring.manage', row)) throw new AppError('FORBIDDEN', '缺少权限 monitoring.manage');
  return row;
}

async function owningOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  if (orgId) return resolveOrgRef(ctx, orgId, 'orgId', 'monitoring.manage');
  const own = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!own) invalid('orgId', '请指定规则所属单位');
  if (!hasPermissionIn(ctx.actor, 'monitoring.manage', own.path)) throw new AppError('FORBIDDEN', '缺少权限 monitoring.manage');
  return own;
}

/** The metrics a rule refers to. */
function metricsOf(d: RuleDefinition): string[] {
  if (d.kind === 'composite') return d.conditions.map((c) => c.metric);
  return d.metric ? [d.metric] : [];
}

/**
 * Checks what a rule points at: the device type exists (or the device is visible to the actor),
 * the metrics are ones that type or device reports, and the escalation policy can be used.
 */
export async function checkTargets(
  ctx: Ctx,
  v: {
    deviceTypeCode?: string | null | undefined;
    deviceId?: string | null | undefined;
    definition: RuleDefinition;
    escalationPolicyId?: string | null | undefined;
  },
): Promise<void> {
  const db = alarmDb(ctx.tx);
  let known: Set<string>;
  if (v.deviceId) {
    const device = await repo.findDeviceBrief(ctx.tx, v.deviceId);
    if (!device || device.archived || !can(ctx.actor, 'monitoring.read', device)) invalid('deviceId', '设备不存在或不在您的管辖范围内');
    const rows = await db.selectFrom('point').select('metric').where('device_id', '=', v.deviceId).execute();
    known = new Set(rows.map((r) => r.metric));
  } else {
    const type = await db.selectFrom('device_type').select('points').where('code', '=', v.deviceTypeCode!).executeTakeFirst();
    if (!type) invalid('deviceTypeCode', `设备类型 ${v.deviceTypeCode} 不存在`);
    const points = (Array.isArray(type.points) ? type.points : []) as { metric?: unknown }[];
    known = new Set(points.map((p) => String(p.metric)));
    // Custom points added to devices of the type count too.
    const extra = await db
      .selectFrom('point as p')
      .innerJoin('device as d', 'd.id', 'p.device_id')
      .select('p.metric')
      .distinct()
      .where('d.type_code', '=', v.deviceTypeCode!)
      .execute();
    for (const r of extra) known.add(r.metric);
  }
  const d = v.definition;
  metricsOf(d).forEach((m, i) => {
    if (known.has(m)) return;
    const field = d.kind === 'composite' ? `definition.conditions.${i}.metric` : 'definition.metric';
    invalid(field, `指标 ${m} 不是所选${v.deviceId ? '设备' : '设备类型'}的监测指标`);
  });
  if (v.escalationPolicyId) {
    const p = await repo.findPolicy(ctx.tx, v.escalationPolicyId);
    if (!p || p.archived_at || !can(ctx.actor, 'monitoring.read', p)) invalid('escalationPolicyId', '升级策略不存在或不可用');
  }
}

function levelOf(input: { level?: AlarmLevel | undefined; definition: RuleDefinition }): AlarmLevel {
  return input.definition.kind === 'threshold' ? (input.level ?? thresholdRuleLevel(input.definition)) : input.level!;
}

function writeOf(input: RuleInput | RuleUpdateInput, org: { id: string; path: string }, enabled: boolean): repo.RuleWrite {
  return {
    org_id: org.id,
    org_path: org.path,
    name: input.name,
    description: input.description || null,
    enabled,
    device_type_code: input.deviceTypeCode || null,
    device_id: input.deviceId || null,
    kind: input.definition.kind,
    definition: input.definition,
    level: levelOf(input),
    escalation_policy_id: input.escalationPolicyId || null,
  };
}

async function emitRule(ctx: Ctx, name: string, row: repo.RuleRow, extra: Record<string, unknown> = {}): Promise<void> {
  await emit(
    ctx,
    name,
    { ruleId: row.id, name: row.name, enabled: row.enabled, version: row.version, ...extra },
    { topic: RULE_TOPIC, orgPath: row.org_path, permission: 'monitoring.read' },
  );
}

const snapshot = (r: repo.RuleRow) => ({
  name: r.name,
  enabled: r.enabled,
  kind: r.kind,
  level: r.level,
  deviceTypeCode: r.device_type_code,
  deviceId: r.device_id,
  definition: r.definition,
  escalationPolicyId: r.escalation_policy_id,
  version: r.version,
});

/** Creates a rule (hot-reloaded by every rule runtime through `alarm_rule.created`). */
export async function createRule(ctx: Ctx, input: RuleInput): Promise<RuleDto> {
  const org = await owningOrg(ctx, input.orgId);
  await checkTargets(ctx, input);
  const id = newId();
  await repo.insertRule(ctx.tx, id, writeOf(input, org, input.enabled ?? true), ctx.actor.userId, ctx.now);
  const row = (await repo.findRule(ctx.tx, id))!;
  await recordAudit(ctx, { action: 'alarm_rule.created', entity: 'alarm_rule', entityId: id, after: snapshot(row) });
  await emitRule(ctx, ALARM_RULE_EVENTS.created, row);
  return presentRule(ctx, row);
}

/** Replaces a rule at the version the editor saw (stale → 409). */
export async function updateRule(ctx: Ctx, id: string, input: RuleUpdateInput): Promise<RuleDto> {
  const row = await loadRule(ctx, id, true);
  if (row.archived_at) conflict('已归档的规则不能修改');
  checkVersion(row, input.version);
  const org = input.orgId && input.orgId !== row.org_id ? await owningOrg(ctx, input.orgId) : { id: row.org_id, path: row.org_path };
  await checkTargets(ctx, input);
  await repo.updateRule(ctx.tx, id, writeOf(input, org, input.enabled ?? row.enabled), ctx.actor.userId, ctx.now);
  const after = (await repo.findRule(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'alarm_rule.updated',
    entity: 'alarm_rule',
    entityId: id,
    before: snapshot(row),
    after: snapshot(after),
  });
  await emitRule(ctx, ALARM_RULE_EVENTS.updated, after);
  return presentRule(ctx, after);
}

/** Switches a rule on or off; an open alarm of a rule switched off stays for people to close. */
export async function setRuleEnabled(ctx: Ctx, id: string, enabled: boolean, version: number): Promise<RuleDto> {
  const row = await loadRule(ctx, id, true);
  if (row.archived_at) conflict('已归档的规则不能启用或停用');
  checkVersion(row, version);
  if (row.enabled === enabled) return presentRule(ctx, row);
  await repo.updateRule(ctx.tx, id, { enabled }, ctx.actor.userId, ctx.now);
  const after = (await repo.findRule(ctx.tx, id))!;
  const action = enabled ? 'alarm_rule.enabled' : 'alarm_rule.disabled';
  await recordAudit(ctx, {
    action,
    entity: 'alarm_rule',
    entityId: id,
    before: { enabled: row.enabled },
    after: { enabled, version: after.version },
  });
  await emitRule(ctx, enabled ? ALARM_RULE_EVENTS.enabled : ALARM_RULE_EVENTS.disabled, after);
  return presentRule(ctx, after);
}

/** Archives a rule (kept for the alarms that refer to it; no longer evaluated). */
export async function archiveRule(ctx: Ctx, id: string, version: number): Promise<RuleDto> {
  const row = await loadRule(ctx, id, true);
  if (row.archived_at) conflict('规则已归档');
  checkVersion(row, version);
  await repo.archiveRule(ctx.tx, id, ctx.actor.userId, ctx.now);
  const after = (await repo.findRule(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'alarm_rule.archived',
    entity: 'alarm_rule',
    entityId: id,
    before: { enabled: row.enabled },
    after: { archived: true },
  });
  await emitRule(ctx, ALARM_RULE_EVENTS.archived, after);
  return presentRule(ctx, after);
}

export async function getRule(ctx: Ctx, id: string): Promise<RuleDto> {
  return presentRule(ctx, await loadRule(ctx, id));
}

/** Rules in the actor's scope, newest first. */
export async function listRules(ctx: Ctx, q: RuleListQuery): Promise<RuleDto[]> {
  const rows = await repo.listRules(ctx.tx, {
    scope: alarmScope(ctx.actor),
    q: q.q,
    kind: q.kind,
    enabled: q.enabled === undefined ? undefined : q.enabled === 'true',
    deviceTypeCode: q.deviceTypeCode,
    deviceId: q.deviceId,
    includeArchived: q.includeArchived === 'true',
    limit: q.limit,
  });
  return rows.map((r) => presentRule(ctx, r));
}

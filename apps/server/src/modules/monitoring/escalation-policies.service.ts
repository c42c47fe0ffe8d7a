import type { EscalationPolicyDto, EscalationPolicyInput, EscalationPolicyUpdate, EscalationStep } from '@vigil/shared';
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
import * as repo from './rule.repository.js';
import { checkVersion } from './rules.service.js';

function present(ctx: Ctx, p: repo.PolicyRow): EscalationPolicyDto {
  return {
    id: p.id,
    name: p.name,
    steps: p.steps as EscalationStep[],
    orgId: p.org_id,
    orgName: p.org_name,
    rules: Number(p.rules),
    version: p.version,
    archivedAt: p.archived_at ? new Date(p.archived_at).toISOString() : null,
    updatedAt: new Date(p.updated_at).toISOString(),
    abilities: { edit: can(ctx.actor, 'monitoring.manage', p) && p.archived_at === null },
  };
}

async function loadPolicy(ctx: Ctx, id: string, write = false): Promise<repo.PolicyRow> {
  const row = write ? await repo.lockPolicy(ctx.tx, id) : await repo.findPolicy(ctx.tx, id);
  if (!row) notFound('升级策略', id);
  if (!can(ctx.actor, 'monitoring.read', row)) return denyOutOfScope(ctx, 'alarm_escalation_policy', id);
  if (write && !can(ctx.actor, 'monitoring.manage', row)) throw new AppError('FORBIDDEN', '缺少权限 monitoring.manage');
  return row;
}

async function owningOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  if (orgId) return resolveOrgRef(ctx, orgId, 'orgId', 'monitoring.manage');
  const own = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!own) invalid('orgId', '请指定策略所属单位');
  if (!hasPermissionIn(ctx.actor, 'monitoring.manage', own.path)) throw new AppError('FORBIDDEN', '缺少权限 monitoring.manage');
  return own;
}

/** Every role and user a chain names must exist. */
async function checkSteps(ctx: Ctx, steps: EscalationStep[]): Promise<void> {
  const users = await repo.existingUsers(ctx.tx, [...new Set(steps.flatMap((s) => s.userIds ?? []))]);
  for (const [i, s] of steps.entries()) {
    if (s.roleId && !(await repo.roleExists(ctx.tx, s.roleId))) invalid(`steps.${i}.roleId`, `角色 ${s.roleId} 不存在`);
    for (const [j, u] of (s.userIds ?? []).entries()) if (!users.has(u)) invalid(`steps.${i}.userIds.${j}`, '用户不存在');
  }
}

async function emitPolicy(ctx: Ctx, row: repo.PolicyRow, change: string): Promise<void> {
  await emit(
    ctx,
    'alarm_escalation_policy.changed',
    { policyId: row.id, name: row.name, version: row.version, change },
    { topic: 'alarm_rule', orgPath: row.org_path, permission: 'monitoring.read' },
  );
}

/** Creates an escalation chain (steps of "not acknowledged after N minutes → notify …"). */
export async function createPolicy(ctx: Ctx, input: EscalationPolicyInput): Promise<EscalationPolicyDto> {
  const org = await owningOrg(ctx, input.orgId);
  await checkSteps(ctx, input.steps);
  const id = newId();
  await repo.insertPolicy(
    ctx.tx,
    { id, org_id: org.id, org_path: org.path, name: input.name, steps: input.steps },
    ctx.actor.userId,
    ctx.now,
  );
  const row = (await repo.findPolicy(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'alarm_escalation_policy.created',
    entity: 'alarm_escalation_policy',
    entityId: id,
    after: { name: row.name, steps: row.steps },
  });
  await emitPolicy(ctx, row, 'created');
  return present(ctx, row);
}

/** Replaces a chain at the version the editor saw; alarms already escalating follow the new steps from their current one. */
export async function updatePolicy(ctx: Ctx, id: string, input: EscalationPolicyUpdate): Promise<EscalationPolicyDto> {
  const row = await loadPolicy(ctx, id, true);
  if (row.archived_at) conflict('已归档的升级策略不能修改');
  checkVersion(row, input.version);
  await checkSteps(ctx, input.steps);
  await repo.updatePolicy(ctx.tx, id, { name: input.name, steps: input.steps }, ctx.actor.userId, ctx.now);
  const after = (await repo.findPolicy(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'alarm_escalation_policy.updated',
    entity: 'alarm_escalation_policy',
    entityId: id,
    before: { name: row.name, steps: row.steps, version: row.version },
    after: { name: after.name, steps: after.steps, version: after.version },
  });
  await emitPolicy(ctx, after, 'updated');
  return present(ctx, after);
}

/** Archives a chain; refused while enabled rules still use it. */
export async function archivePolicy(ctx: Ctx, id: string, version: number): Promise<EscalationPolicyDto> {
  const row = await loadPolicy(ctx, id, true);
  if (row.archived_at) conflict('升级策略已归档');
  checkVersion(row, version);
  if (Number(row.rules) > 0) conflict(`仍有 ${row.rules} 条规则使用该升级策略，请先修改这些规则`);
  await repo.updatePolicy(ctx.tx, id, { archived_at: ctx.now }, ctx.actor.userId, ctx.now);
  const after = (await repo.findPolicy(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'alarm_escalation_policy.archived',
    entity: 'alarm_escalation_policy',
    entityId: id,
    after: { archived: true },
  });
  await emitPolicy(ctx, after, 'archived');
  return present(ctx, after);
}

export async function getPolicy(ctx: Ctx, id: string): Promise<EscalationPolicyDto> {
  return present(ctx, await loadPolicy(ctx, id));
}

export async function listPolicies(ctx: Ctx, includeArchived: boolean): Promise<EscalationPolicyDto[]> {
  return (await repo.listPolicies(ctx.tx, alarmScope(ctx.actor), includeArchived)).map((p) => present(ctx, p));
}

import {
  INCIDENT_STATUS_ZH,
  PLAN_STATUS_ZH,
  POST_ROLE_ZH,
  RESPONSE_LEVEL_ZH,
  type ChangeResponseLevelInput,
  type CommandLogInput,
  type LaunchResponseInput,
  type PlanResponseLevel,
  type ResponseDto,
  type ResponseLevel,
  type ResponseListQuery,
  type TerminateResponseInput,
} from '@vigil/shared';
import type { Insertable } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addTimelineEntry, changeIncidentStatus, findIncidentForActor } from '../incidents/index.js';
import { findPlan } from '../plans/index.js';
import { openAssessment } from './assessment.service.js';
import { checkVersion, loadResponse } from './command-access.js';
import { COMMAND_EVENTS, logCommandStep } from './command.events.js';
import { commandScope } from './command.policy.js';
import { presentResponse } from './command.presenter.js';
import * as repo from './command.repository.js';
import type { CommandTaskTable, StoredMember } from './command.tables.js';
import { releaseTaskEquipment } from './task-equipment.service.js';
import { syncTeamStatus, teamOf } from './team-status.js';

/** Incident statuses on which no response may be launched. */
const ENDED = new Set(['closed', 'merged', 'false_report']);
const RANK: Record<ResponseLevel, number> = { I: 1, II: 2, III: 3, IV: 4 };
const DEFAULT_ESCALATE_MINUTES = 15;

/** The response as the actor sees it now, with its level history, task count and abilities. */
export async function presentOneResponse(ctx: Ctx, id: string): Promise<ResponseDto> {
  const r = (await repo.findResponse(ctx.tx, id))!;
  const levels = await repo.levelsOf(ctx.tx, [id]);
  const counts = await repo.taskCounts(ctx.tx, [id]);
  return presentResponse(r, levels, counts.get(id) ?? 0, ctx.actor, { abilities: true });
}

/** Task rows for the task templates of a plan level; deadlines count from `from`. */
async function tasksFromTemplates(
  ctx: Ctx,
  r: { id: string; incident_id: string; org_path: string },
  level: PlanResponseLevel,
  from: Date,
): Promise<Insertable<CommandTaskTable>[]> {
  const out: Insertable<CommandTaskTable>[] = [];
  for (const t of level.tasks) {
    const orgName = t.responsibleOrgId ? await repo.orgName(ctx.tx, t.responsibleOrgId) : undefined;
    out.push({
      id: newId(),
      response_id: r.id,
      incident_id: r.incident_id,
      org_path: r.org_path,
      title: t.title,
      action: t.action,
      source: 'plan',
      responsible_role: t.responsibleRole ?? null,
      assignee_kind: orgName ? 'org' : null,
      assignee_id: orgName ? t.responsibleOrgId! : null,
      assignee_name: orgName ?? null,
      deadline_at: new Date(from.getTime() + t.deadlineMinutes * 60_000),
      reject_reason: null,
      assigned_at: from,
      created_by: ctx.actor.userId,
      created_at: from,
      updated_at: from,
    });
  }
  return out;
}

/** The plan version a launch follows: visible to the actor, active, and with the chosen level. */
async function planFor(ctx: Ctx, planId: string, level: ResponseLevel) {
  const plan = await findPlan(ctx.tx, planId);
  if (!plan || !hasPermissionIn(ctx.actor, 'plan.read', plan.org_path)) invalid('planId', '预案不存在');
  if (plan.status !== 'active') invalid('planId', `只能按实施中的预案启动响应（该版本${PLAN_STATUS_ZH[plan.status]}）`);
  const def = plan.levels.find((l) => l.level === level);
  if (!def) invalid('level', `预案“${plan.name}”未设置${RESPONSE_LEVEL_ZH[level]}`);
  return { plan, def };
}

/** Post members must be active users; their names are kept with the response. */
async function membersOf(ctx: Ctx, input: LaunchResponseInput): Promise<StoredMember[]> {
  const ms = input.post?.members ?? [];
  const users = await repo.activeUsers(
    ctx.tx,
    ms.map((m) => m.userId),
  );
  ms.forEach((m, i) => {
    if (!users.has(m.userId)) invalid(`post.members.${i}.userId`, '用户不存在或已停用');
  });
  return ms.map((m) => ({ userId: m.userId, role: m.role, name: users.get(m.userId)!.name }));
}

/**
 * `POST /incidents/:id/responses`: launches a response (启动响应) at the level the commander
 * chose, optionally following an active plan version whose task templates of that level become
 * tasks (deadline = launch + offset). Refused (409) on an ended incident. A verified incident
 * moves to 处置中 (responding) when the commander may update it.
 */
export async function launchResponse(ctx: Ctx, incidentId: string, input: LaunchResponseInput): Promise<ResponseDto> {
  const incident = await findIncidentForActor(ctx, incidentId);
  if (!hasPermissionIn(ctx.actor, 'command.launch', incident.org_path)) throw new AppError('FORBIDDEN', '缺少权限 command.launch');
  if (ENDED.has(incident.status))
    conflict(`事件${INCIDENT_STATUS_ZH[incident.status]}，不能启动应急响应；如需处置请先重新打开事件或新建事件`);
  const fromPlan = input.planId ? await planFor(ctx, input.planId, input.level) : null;
  const members = await membersOf(ctx, input);
  const id = newId();
  const name = input.name ?? (fromPlan ? fromPlan.plan.name : `${incident.title} 应急响应`);
  await repo.insertResponse(ctx.tx, {
    id,
    incident_id: incident.id,
    org_id: incident.org_id,
    org_path: incident.org_path,
    name,
    level: input.level,
    plan_id: fromPlan?.plan.id ?? null,
    plan_name: fromPlan?.plan.name ?? null,
    post_name: input.post?.name ?? null,
    post_address: input.post?.address ?? null,
    post_lng: input.post?.location?.lng ?? null,
    post_lat: input.post?.location?.lat ?? null,
    members,
    escalate_after_minutes: input.escalateAfterMinutes ?? DEFAULT_ESCALATE_MINUTES,
    launched_by: ctx.actor.userId,
    launched_by_name: ctx.actor.displayName ?? ctx.actor.username,
    launched_at: ctx.now,
    terminated_at: null,
    terminate_reason: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await repo.insertLevel(ctx.tx, levelRow(ctx, id, null, input.level, input.reason ?? null));
  const row = { id, incident_id: incident.id, org_path: incident.org_path };
  const tasks = fromPlan ? await tasksFromTemplates(ctx, row, fromPlan.def, ctx.now) : [];
  await repo.insertTasks(ctx.tx, tasks);
  await recordAudit(ctx, {
    action: 'command.response_launched',
    entity: 'command_response',
    entityId: id,
    after: { incidentId, name, level: input.level, planId: input.planId ?? null, tasks: tasks.length, members: members.length },
  });
  const who = members.map((m) => `${POST_ROLE_ZH[m.role]} ${m.name ?? ''}`.trim()).join('、');
  await logCommandStep(
    ctx,
    COMMAND_EVENTS.responseLaunched,
    row,
    `启动${name}${RESPONSE_LEVEL_ZH[input.level]}${tasks.length ? `，按预案下达任务 ${tasks.length} 项` : ''}${who ? `；指挥部：${who}` : ''}`,
    { responseId: id, level: input.level, tasks: tasks.length },
  );
  // A verified incident on which a response starts is now being handled (处置中).
  if (incident.status === 'verified' && hasPermissionIn(ctx.actor, 'incident.update', incident.org_path))
    await changeIncidentStatus(ctx, incident.id, { status: 'responding', version: incident.version });
  return presentOneResponse(ctx, id);
}

function levelRow(ctx: Ctx, responseId: string, from: ResponseLevel | null, to: ResponseLevel, reason: string | null) {
  return {
    id: newId(),
    response_id: responseId,
    from_level: from,
    to_level: to,
    reason,
    at: ctx.now,
    by_id: ctx.actor.userId,
    by_name: ctx.actor.displayName ?? ctx.actor.username,
  };
}

/**
 * `POST /responses/:id/level`: raises or lowers the response level with a reason. Raising it on
 * a plan-based response instantiates the new level's task templates.
 */
export async function changeResponseLevel(ctx: Ctx, id: string, input: ChangeResponseLevelInput): Promise<ResponseDto> {
  const r = await loadResponse(ctx, id, 'command.launch', true);
  checkVersion('响应', r.version, input.version);
  if (r.status !== 'active') conflict('响应已终止，不能调整级别');
  if (r.level === input.level) invalid('level', `当前已是${RESPONSE_LEVEL_ZH[input.level]}`);
  await repo.updateResponse(ctx.tx, id, { level: input.level, updated_at: ctx.now });
  await repo.insertLevel(ctx.tx, levelRow(ctx, id, r.level, input.level, input.reason));
  let tasks: Insertable<CommandTaskTable>[] = [];
  if (r.plan_id && RANK[input.level] < RANK[r.level]) {
    const plan = await findPlan(ctx.tx, r.plan_id);
    const def = plan?.levels.find((l) => l.level === input.level);
    if (def) tasks = await tasksFromTemplates(ctx, r, def, ctx.now);
    await repo.insertTasks(ctx.tx, tasks);
  }
  await recordAudit(ctx, {
    action: 'command.level_changed',
    entity: 'command_response',
    entityId: id,
    before: { level: r.level },
    after: { level: input.level, reason: input.reason, tasks: tasks.length },
  });
  await logCommandStep(
    ctx,
    COMMAND_EVENTS.levelChanged,
    r,
    `${r.name}由${RESPONSE_LEVEL_ZH[r.level]}调整为${RESPONSE_LEVEL_ZH[input.level]}，理由：${input.reason}`,
    { responseId: id, from: r.level, to: input.level },
  );
  return presentOneResponse(ctx, id);
}

/** `POST /responses/:id/terminate`: ends a response (终止响应) with a reason and opens its assessment. */
export async function terminateResponse(ctx: Ctx, id: string, input: TerminateResponseInput): Promise<ResponseDto> {
  const r = await loadResponse(ctx, id, 'command.launch', true);
  checkVersion('响应', r.version, input.version);
  if (r.status !== 'active') conflict('响应已终止');
  await repo.updateResponse(ctx.tx, id, {
    status: 'terminated',
    terminated_at: ctx.now,
    terminate_reason: input.reason,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'command.response_terminated',
    entity: 'command_response',
    entityId: id,
    before: { status: r.status },
    after: { status: 'terminated', reason: input.reason },
  });
  await logCommandStep(ctx, COMMAND_EVENTS.responseTerminated, r, `终止${r.name}，理由：${input.reason}`, { responseId: id });
  // Teams whose only open tasks were in this response are available again.
  await syncTeamStatus(ctx, (await repo.tasksOfResponse(ctx.tx, id)).map(teamOf));
  // Equipment still out on its tasks goes back to the pool.
  await releaseTaskEquipment(ctx, { responseId: id }, `${r.name}已终止`);
  // The after-action assessment (应急评估) opens with the measures as of now.
  await openAssessment(ctx, r);
  return presentOneResponse(ctx, id);
}

/** `GET /responses?incidentId=`: the incident's responses in the actor's scope, oldest first. */
export async function listResponses(ctx: Ctx, q: ResponseListQuery): Promise<{ items: ResponseDto[] }> {
  await findIncidentForActor(ctx, q.incidentId);
  const rows = await repo.responsesOfIncident(ctx.tx, q.incidentId, commandScope(ctx.actor));
  const ids = rows.map((r) => r.id);
  const levels = await repo.levelsOf(ctx.tx, ids);
  const counts = await repo.taskCounts(ctx.tx, ids);
  return { items: rows.map((r) => presentResponse(r, levels, counts.get(r.id) ?? 0, ctx.actor)) };
}

/** `GET /responses/:id`. */
export async function getResponse(ctx: Ctx, id: string): Promise<ResponseDto> {
  await loadResponse(ctx, id);
  return presentOneResponse(ctx, id);
}

/** `POST /incidents/:id/command-log`: a manual entry on the incident's command log (timeline). */
export async function addCommandLog(ctx: Ctx, incidentId: string, input: CommandLogInput): Promise<{ ok: true }> {
  const incident = await findIncidentForActor(ctx, incidentId);
  if (!hasPermissionIn(ctx.actor, 'command.dispatch', incident.org_path)) throw new AppError('FORBIDDEN', '缺少权限 command.dispatch');
  await addTimelineEntry(ctx, incidentId, { kind: 'command.note', summary: input.summary });
  await recordAudit(ctx, { action: 'command.log_added', entity: 'incident', entityId: incidentId, after: { summary: input.summary } });
  return { ok: true };
}

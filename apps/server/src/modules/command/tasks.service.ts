import {
  TASK_STATUS_ZH,
  type AssigneeKind,
  type CreateTaskInput,
  type TaskDto,
  type TaskFeedbackInput,
  type TaskTransitionInput,
  type UpdateTaskInput,
} from '@vigil/shared';
import type { Updateable } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { resolveAssignee } from './assignee.js';
import { attachmentsByIds } from '../incidents/index.js';
import { actorTeams, checkVersion, loadResponse, loadTask } from './command-access.js';
import { COMMAND_EVENTS, logCommandStep } from './command.events.js';
import { presentTask, type TaskPhoto } from './command.presenter.js';
import * as repo from './command.repository.js';
import type { CommandTaskTable } from './command.tables.js';
import { canMove, isClosed, reasonProblem, refusal, STEP_COLUMN } from './task-status.js';
import { releaseTaskEquipment } from './task-equipment.service.js';
import { syncTeamStatus, teamOf } from './team-status.js';

/** The tasks' photos (links whose attachment was deleted on the incident are left out). */
async function photosOf(ctx: Ctx, taskIds: string[]): Promise<TaskPhoto[]> {
  const links = await repo.photosOf(ctx.tx, taskIds);
  const files = new Map(
    (
      await attachmentsByIds(
        ctx,
        links.map((l) => l.attachment_id),
      )
    ).map((a) => [a.id, a]),
  );
  return links.flatMap((l) => {
    const a = files.get(l.attachment_id);
    return a ? [{ taskId: l.task_id, id: a.id, fileName: a.fileName, uploadedAt: a.uploadedAt, uploadedByName: a.uploadedBy }] : [];
  });
}

async function presentMany(ctx: Ctx, rows: repo.TaskRow[]): Promise<TaskDto[]> {
  const ids = rows.map((t) => t.id);
  const fb = await repo.feedbackOf(ctx.tx, ids);
  const photos = await photosOf(ctx, ids);
  return rows.map((t) => presentTask(t, fb, photos));
}

/** The task as stored now. */
export async function presentOneTask(ctx: Ctx, id: string): Promise<TaskDto> {
  return (await presentMany(ctx, [(await repo.findTask(ctx.tx, id))!]))[0]!;
}

/** A task of a terminated response takes no more steps. */
async function requireActiveResponse(ctx: Ctx, responseId: string): Promise<void> {
  const r = await repo.findResponse(ctx.tx, responseId);
  if (r?.status !== 'active') conflict('响应已终止，任务不能再变更');
}

/** `GET /responses/:id/tasks`: the response's tasks, oldest first. */
export async function listResponseTasks(ctx: Ctx, responseId: string): Promise<{ items: TaskDto[] }> {
  await loadResponse(ctx, responseId);
  return { items: await presentMany(ctx, await repo.tasksOfResponse(ctx.tx, responseId)) };
}

/**
 * `GET /tasks/mine`: tasks assigned to the signed-in user in person, to their org, or to a rescue
 * team they belong to (a team of their org, or one they lead), newest first.
 */
export async function myTasks(ctx: Ctx): Promise<{ items: TaskDto[] }> {
  const who: { kind: AssigneeKind; id: string }[] = [];
  if (ctx.actor.userId) who.push({ kind: 'user', id: ctx.actor.userId });
  if (ctx.actor.orgId) who.push({ kind: 'org', id: ctx.actor.orgId });
  for (const team of await actorTeams(ctx)) who.push({ kind: 'team', id: team });
  return { items: await presentMany(ctx, await repo.tasksAssignedTo(ctx.tx, who)) };
}

/** `GET /tasks/:id`. */
export async function getTask(ctx: Ctx, id: string): Promise<TaskDto> {
  await loadTask(ctx, id);
  return presentOneTask(ctx, id);
}

/** `POST /responses/:id/tasks`: an ad-hoc task (临时任务) of an active response. */
export async function createTask(ctx: Ctx, responseId: string, input: CreateTaskInput): Promise<TaskDto> {
  const r = await loadResponse(ctx, responseId, 'command.dispatch', true);
  if (r.status !== 'active') conflict('响应已终止，不能再下达任务');
  const who = input.assignee ? await resolveAssignee(ctx, input.assignee, 'assignee') : null;
  const id = newId();
  await repo.insertTasks(ctx.tx, [
    {
      id,
      response_id: r.id,
      incident_id: r.incident_id,
      org_path: r.org_path,
      title: input.title,
      action: input.action || null,
      source: 'adhoc',
      responsible_role: null,
      assignee_kind: who?.assignee_kind ?? null,
      assignee_id: who?.assignee_id ?? null,
      assignee_name: who?.assignee_name ?? null,
      deadline_at: input.deadline ? new Date(input.deadline) : null,
      reject_reason: null,
      assigned_at: ctx.now,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    },
  ]);
  await recordAudit(ctx, {
    action: 'command.task_created',
    entity: 'command_task',
    entityId: id,
    after: { responseId, title: input.title, assignee: who, deadline: input.deadline ?? null },
  });
  await logCommandStep(ctx, COMMAND_EVENTS.taskCreated, r, `下达任务“${input.title}”${who ? `给${who.assignee_name}` : ''}`, {
    responseId,
    taskId: id,
  });
  if (who) await syncTeamStatus(ctx, [teamOf(who)]);
  return presentOneTask(ctx, id);
}

/**
 * `PATCH /tasks/:id`: a commander edits a task (title, action, deadline, assignee). `version` is
 * the one the commander saw: a stale one is a 409, never a silent overwrite. Reassigning starts
 * the task over as `assigned` (also a rejected one).
 */
export async function updateTask(ctx: Ctx, id: string, input: UpdateTaskInput): Promise<TaskDto> {
  const t = await loadTask(ctx, id, 'dispatch', true);
  checkVersion('任务', t.version, input.version);
  await requireActiveResponse(ctx, t.response_id);
  if (t.status === 'done') conflict('任务已完成，不能修改');
  if (isClosed(t.status) && !input.assignee) conflict('任务已被拒绝，请重新指定执行对象');
  const patch: Updateable<CommandTaskTable> = { updated_at: ctx.now };
  if (input.title !== undefined) patch.title = input.title;
  if (input.action !== undefined) patch.action = input.action || null;
  if (input.deadline !== undefined) patch.deadline_at = input.deadline === null ? null : new Date(input.deadline);
  if (input.assignee) {
    Object.assign(patch, await resolveAssignee(ctx, input.assignee, 'assignee'), {
      status: 'assigned',
      assigned_at: ctx.now,
      accepted_at: null,
      en_route_at: null,
      on_site_at: null,
      rejected_at: null,
      reject_reason: null,
      escalated_at: null,
    });
  }
  if (!(await repo.updateTaskAt(ctx.tx, id, t.version, patch))) throw new AppError('CONFLICT', '任务已被他人修改，请刷新后重试');
  await recordAudit(ctx, {
    action: 'command.task_edited',
    entity: 'command_task',
    entityId: id,
    before: { title: t.title, assignee: t.assignee_name, deadline: t.deadline_at, version: t.version },
    after: { ...input, version: t.version + 1 },
  });
  if (input.assignee)
    await logCommandStep(ctx, COMMAND_EVENTS.taskUpdated, t, `任务“${patch.title ?? t.title}”改派给${String(patch.assignee_name)}`, {
      responseId: t.response_id,
      taskId: id,
    });
  // Reassigned: the old team may be free now, the new one is on a mission.
  if (input.assignee) await syncTeamStatus(ctx, [teamOf(t), teamOf(patch as { assignee_kind: string | null; assignee_id: string | null })]);
  return presentOneTask(ctx, id);
}

/**
 * `POST /tasks/:id/transition`: the assignee reports a step (accepted → en route → on site →
 * done, or rejected with a reason); each step stamps its time. A stale `version` is a 409.
 */
export async function transitionTask(ctx: Ctx, id: string, input: TaskTransitionInput): Promise<TaskDto> {
  const t = await loadTask(ctx, id, 'work', true);
  checkVersion('任务', t.version, input.version);
  await requireActiveResponse(ctx, t.response_id);
  if (!canMove(t.status, input.to)) conflict(refusal(t.status, input.to));
  const problem = reasonProblem(input.to, input.reason);
  if (problem) invalid('reason', problem);
  const patch: Updateable<CommandTaskTable> = { status: input.to, updated_at: ctx.now };
  const column = STEP_COLUMN[input.to as keyof typeof STEP_COLUMN];
  patch[column] = ctx.now;
  if (input.to === 'rejected') patch.reject_reason = input.reason!.trim();
  if (!(await repo.updateTaskAt(ctx.tx, id, t.version, patch))) throw new AppError('CONFLICT', '任务已被他人修改，请刷新后重试');
  await recordAudit(ctx, {
    action: 'command.task_status_changed',
    entity: 'command_task',
    entityId: id,
    before: { status: t.status },
    after: { status: input.to, reason: input.reason ?? null },
  });
  await logCommandStep(
    ctx,
    COMMAND_EVENTS.taskUpdated,
    t,
    `任务“${t.title}”${TASK_STATUS_ZH[input.to]}${input.to === 'rejected' ? `，理由：${input.reason!.trim()}` : ''}`,
    { responseId: t.response_id, taskId: id, from: t.status, to: input.to },
  );
  if (input.to === 'done' || input.to === 'rejected') {
    await syncTeamStatus(ctx, [teamOf(t)]);
    // Equipment still out on the task goes back to the pool.
    await releaseTaskEquipment(ctx, { taskId: id }, `任务“${t.title}”${TASK_STATUS_ZH[input.to]}`);
  }
  return presentOneTask(ctx, id);
}

/** `POST /tasks/:id/feedback`: a progress note (反馈) from whoever works the task. */
export async function addTaskFeedback(ctx: Ctx, id: string, input: TaskFeedbackInput): Promise<TaskDto> {
  const t = await loadTask(ctx, id, 'work', true);
  const fid = newId();
  await repo.insertFeedback(ctx.tx, {
    id: fid,
    task_id: id,
    note: input.note,
    by_id: ctx.actor.userId,
    by_name: ctx.actor.displayName ?? ctx.actor.username,
    at: ctx.now,
  });
  await recordAudit(ctx, { action: 'command.task_feedback', entity: 'command_task', entityId: id, after: { note: input.note } });
  await logCommandStep(ctx, COMMAND_EVENTS.taskUpdated, t, `任务“${t.title}”反馈：${input.note}`, {
    responseId: t.response_id,
    taskId: id,
    feedbackId: fid,
  });
  return presentOneTask(ctx, id);
}

import type { Permission } from '@vigil/shared';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findResponse, findTask, lockResponse, lockTask, teamsOfUser, type ResponseRow, type TaskRow } from './command.repository.js';
import { can, canAddTaskPhoto, canSeeTask, canWorkTask } from './command.policy.js';

/**
 * Loads a response for the actor: 404 when missing, an audited 404 outside the actor's
 * command.read scope, 403 when visible but `perm` is not held for its org. `lock` takes a row lock.
 */
export async function loadResponse(ctx: Ctx, id: string, perm: Permission = 'command.read', lock = false): Promise<ResponseRow> {
  const row = lock ? await lockResponse(ctx.tx, id) : await findResponse(ctx.tx, id);
  if (!row) notFound('响应', id);
  if (!can(ctx.actor, 'command.read', row)) return denyOutOfScope(ctx, 'command_response', id);
  if (perm !== 'command.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

/** The rescue teams the signed-in user belongs to (see `teamsOfUser`); empty for other actors. */
export async function actorTeams(ctx: Ctx): Promise<Set<string>> {
  const a = ctx.actor;
  if (a.kind !== 'user' || !a.orgId) return new Set();
  return new Set(await teamsOfUser(ctx.tx, { orgId: a.orgId, orgPath: a.orgPath, displayName: a.displayName }));
}

/**
 * Loads a task for the actor: 404 when missing, an audited 404 when the actor may not see it,
 * 403 when visible but the actor may not `need` it (dispatch: edit as a commander; work: accept,
 * report progress and feedback as its assignee, a member of its team included; photo: add a photo
 * as whoever works it or a commander).
 */
export async function loadTask(
  ctx: Ctx,
  id: string,
  need: 'read' | 'dispatch' | 'work' | 'photo' = 'read',
  lock = false,
): Promise<TaskRow> {
  const row = lock ? await lockTask(ctx.tx, id) : await findTask(ctx.tx, id);
  if (!row) notFound('任务', id);
  // Team membership costs a query: only asked for a team's task.
  const teams = row.assignee_kind === 'team' ? await actorTeams(ctx) : undefined;
  if (!canSeeTask(ctx.actor, row, teams)) return denyOutOfScope(ctx, 'command_task', id);
  if (need === 'dispatch' && !can(ctx.actor, 'command.dispatch', row)) throw new AppError('FORBIDDEN', '缺少权限 command.dispatch');
  if (need === 'work' && !canWorkTask(ctx.actor, row, teams)) throw new AppError('FORBIDDEN', '缺少权限 task.update');
  if (need === 'photo' && !canAddTaskPhoto(ctx.actor, row, teams)) throw new AppError('FORBIDDEN', '缺少权限 task.update');
  return row;
}

/** Optimistic concurrency: an edit based on another version than the stored one is refused (409). */
export function checkVersion(entity: string, current: number, seen: number | undefined): void {
  if (seen === undefined || seen === current) return;
  throw new AppError('CONFLICT', `${entity}已被他人修改，请刷新后重试`, {
    errors: [{ field: 'version', message: `当前版本为 ${current}` }],
    extra: { currentVersion: current },
  });
}

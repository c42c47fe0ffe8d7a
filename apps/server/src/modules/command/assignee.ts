import type { TaskAssignee } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, invalid } from '../../platform/errors.js';
import { getResourceById } from '../resources/index.js';
import * as repo from './command.repository.js';

export interface ResolvedAssignee {
  assignee_kind: TaskAssignee['kind'];
  assignee_id: string;
  assignee_name: string;
}

/**
 * Checks who a task goes to: an existing org, an active user, or a live (not archived) rescue
 * team the actor can see. Anything else is a 400 on `field`.
 */
export async function resolveAssignee(ctx: Ctx, a: TaskAssignee, field: string): Promise<ResolvedAssignee> {
  if (a.kind === 'org') {
    const name = await repo.orgName(ctx.tx, a.id);
    if (!name) invalid(`${field}.id`, '单位不存在');
    return { assignee_kind: 'org', assignee_id: a.id, assignee_name: name };
  }
  if (a.kind === 'user') {
    const u = (await repo.activeUsers(ctx.tx, [a.id])).get(a.id);
    if (!u) invalid(`${field}.id`, '人员不存在或已停用');
    return { assignee_kind: 'user', assignee_id: a.id, assignee_name: u.name };
  }
  let team;
  try {
    team = await getResourceById(ctx, a.id);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) invalid(`${field}.id`, '救援队伍不存在');
    throw err;
  }
  if (team.kind !== 'team') invalid(`${field}.id`, '所选资源不是救援队伍');
  if (team.archivedAt) invalid(`${field}.id`, '该队伍已归档，不能派发任务');
  return { assignee_kind: 'team', assignee_id: a.id, assignee_name: team.name };
}

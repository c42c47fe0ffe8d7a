import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { setTeamStatus } from '../resources/index.js';
import * as repo from './command.repository.js';

/**
 * Keeps rescue teams' status in step with their tasks: a team with an open task of an active
 * response is on a mission (执行任务); when its last one is done, rejected or its response ends,
 * it is available (待命) again. The change is the system's consequence of the task step (the
 * person who moved the task may not manage the team's org), audited on the team as such.
 */
export async function syncTeamStatus(ctx: Ctx, teamIds: readonly (string | null | undefined)[]): Promise<void> {
  const ids = [...new Set(teamIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return;
  const open = await repo.openTeamTaskCounts(ctx.tx, ids);
  const system: Ctx = { ...ctx, actor: SYSTEM_ACTOR };
  for (const id of ids) await setTeamStatus(system, id, (open.get(id) ?? 0) > 0 ? 'on_mission' : 'available');
}

/** The team a task is assigned to, if it is a team. */
export function teamOf(t: { assignee_kind: string | null; assignee_id: string | null }): string | null {
  return t.assignee_kind === 'team' ? t.assignee_id : null;
}

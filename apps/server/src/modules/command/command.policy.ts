import type { Permission } from '@vigil/shared';
import { hasPermission, hasPermissionIn, scopePaths, type Actor } from '../../platform/auth/actor.js';
import type { ResponseRow, TaskRow } from './command.repository.js';

/** Subtrees where the actor sees responses and tasks; null = everywhere (the system actor). */
export function commandScope(actor: Actor): string[] | null {
  return actor.kind === 'system' ? null : scopePaths(actor, 'command.read');
}

export function can(actor: Actor, perm: Permission, row: { org_path: string }): boolean {
  return hasPermissionIn(actor, perm, row.org_path);
}

/**
 * Whether the task is assigned to the actor in person, to the actor's org, or to a rescue team the
 * actor belongs to (`myTeams`, from `teamsOfUser`: teams of the actor's org or led by the actor).
 */
export function isAssignedToActor(
  actor: Actor,
  t: Pick<TaskRow, 'assignee_kind' | 'assignee_id'>,
  myTeams: ReadonlySet<string> = new Set(),
): boolean {
  if (t.assignee_kind === 'user') return actor.userId !== null && t.assignee_id === actor.userId;
  if (t.assignee_kind === 'org') return actor.orgId !== null && t.assignee_id === actor.orgId;
  if (t.assignee_kind === 'team') return t.assignee_id !== null && myTeams.has(t.assignee_id);
  return false;
}

/** Who sees a task: command readers and task workers of its org subtree, and its own assignee. */
export function canSeeTask(actor: Actor, t: TaskRow, myTeams?: ReadonlySet<string>): boolean {
  return can(actor, 'command.read', t) || can(actor, 'task.update', t) || isAssignedToActor(actor, t, myTeams);
}

/** Who works a task (accepts, reports progress, gives feedback): task.update in its subtree, or held by its assignee. */
export function canWorkTask(actor: Actor, t: TaskRow, myTeams?: ReadonlySet<string>): boolean {
  return can(actor, 'task.update', t) || (isAssignedToActor(actor, t, myTeams) && hasPermission(actor, 'task.update'));
}

/** Who may add photos to a task's feedback: whoever works it, or a commander (command.dispatch) of its subtree. */
export function canAddTaskPhoto(actor: Actor, t: TaskRow, myTeams?: ReadonlySet<string>): boolean {
  return canWorkTask(actor, t, myTeams) || can(actor, 'command.dispatch', t);
}

/** What the actor may do next with a response (the buttons the web app shows). */
export function responseAbilities(actor: Actor, r: ResponseRow) {
  const active = r.status === 'active';
  return {
    changeLevel: active && can(actor, 'command.launch', r),
    terminate: active && can(actor, 'command.launch', r),
    createTask: active && can(actor, 'command.dispatch', r),
  };
}

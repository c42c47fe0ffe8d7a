import { TASK_STATUS_ZH, type TaskStatus } from '@vigil/shared';

const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  assigned: ['accepted', 'rejected'],
  accepted: ['en_route'],
  en_route: ['on_site'],
  on_site: ['done'],
  done: [],
  rejected: [],
};

/** The time column each status step stamps. */
export const STEP_COLUMN = {
  accepted: 'accepted_at',
  en_route: 'en_route_at',
  on_site: 'on_site_at',
  done: 'done_at',
  rejected: 'rejected_at',
} as const satisfies Partial<Record<TaskStatus, string>>;

/** The statuses a task may move to from `from`. */
export function nextStatuses(from: TaskStatus): readonly TaskStatus[] {
  return NEXT[from];
}

/** Whether `from → to` is a step of the task workflow. */
export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return NEXT[from].includes(to);
}

/** Done and rejected tasks are closed: no further steps, no edits. */
export function isClosed(s: TaskStatus): boolean {
  return NEXT[s].length === 0;
}

/** Why a step is refused, in words for the user. */
export function refusal(from: TaskStatus, to: TaskStatus): string {
  return `任务当前为“${TASK_STATUS_ZH[from]}”，不能变更为“${TASK_STATUS_ZH[to]}”`;
}

/** A rejection needs a reason; other steps do not. Returns the field error message, or null. */
export function reasonProblem(to: TaskStatus, reason: string | undefined): string | null {
  return to === 'rejected' && !reason?.trim() ? '拒绝任务须填写理由' : null;
}

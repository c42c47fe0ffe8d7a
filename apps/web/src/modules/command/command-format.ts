import type {
  AssigneeKind,
  CreateTaskInput,
  LaunchResponseInput,
  PostRole,
  ResponseLevel,
  ResponseStatus,
  TaskDto,
  TaskStatus,
} from '@vigil/shared';
import { ApiError } from '../../lib/api-error';

/** Tag colours of the response statuses. */
export const RESPONSE_STATUS_TAG: Record<ResponseStatus, string> = { active: 'processing', terminated: 'default' };

/** Tag colours of the task statuses. */
export const TASK_STATUS_TAG: Record<TaskStatus, string> = {
  assigned: 'gold',
  accepted: 'blue',
  en_route: 'cyan',
  on_site: 'purple',
  done: 'success',
  rejected: 'error',
};

/** The workflow button of each target status (the status a step moves the task to). */
export type TaskAction = 'accept' | 'enRoute' | 'onSite' | 'done' | 'reject';

const ACTION_OF: Record<Exclude<TaskStatus, 'assigned'>, TaskAction> = {
  accepted: 'accept',
  en_route: 'enRoute',
  on_site: 'onSite',
  done: 'done',
  rejected: 'reject',
};

export const TARGET_OF: Record<TaskAction, TaskStatus> = {
  accept: 'accepted',
  enRoute: 'en_route',
  onSite: 'on_site',
  done: 'done',
  reject: 'rejected',
};

const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  assigned: ['accepted', 'rejected'],
  accepted: ['en_route'],
  en_route: ['on_site'],
  on_site: ['done'],
  done: [],
  rejected: [],
};

/** The statuses a task may move to from a status (mirrors the server's workflow). */
export function nextStatuses(status: TaskStatus): readonly TaskStatus[] {
  return NEXT[status];
}

/**
 * The step buttons a user sees on a task: none without `task.update` or on a terminated response;
 * otherwise the steps the server lists in `next` (or the workflow's, when it sent none), in workflow order.
 */
export function taskActions(
  task: Pick<TaskDto, 'status'> & { next?: readonly TaskStatus[] },
  permissions: readonly string[],
  responseActive = true,
): TaskAction[] {
  if (!responseActive || !permissions.includes('task.update')) return [];
  const next = task.next ?? nextStatuses(task.status);
  const order: TaskStatus[] = ['accepted', 'en_route', 'on_site', 'done', 'rejected'];
  return order.filter((s) => next.includes(s) && nextStatuses(task.status).includes(s)).map((s) => ACTION_OF[s as keyof typeof ACTION_OF]);
}

/** Closed tasks (done or rejected) take no more steps. */
export const isClosed = (status: TaskStatus) => status === 'done' || status === 'rejected';

/** A task is overdue when it has a deadline in the past and is not closed. */
export function isOverdue(task: Pick<TaskDto, 'status' | 'deadline'>, now: Date = new Date()): boolean {
  if (!task.deadline || isClosed(task.status)) return false;
  return new Date(task.deadline).getTime() < now.getTime();
}

/** The step timestamps of a task that are set, in workflow order. */
export function stepTimes(task: TaskDto): { status: TaskStatus; at: string }[] {
  const all: [TaskStatus, string | null][] = [
    ['assigned', task.assignedAt],
    ['accepted', task.acceptedAt],
    ['en_route', task.enRouteAt],
    ['on_site', task.onSiteAt],
    ['done', task.doneAt],
    ['rejected', task.rejectedAt],
  ];
  return all.flatMap(([status, at]) => (at ? [{ status, at }] : []));
}

/** A stale version (someone else changed the record): the server answers 409 on `version`. */
export function isVersionConflict(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409 && (e.fieldErrors.length === 0 || e.fieldErrors.some((f) => f.field === 'version'));
}

/** The launch form as the modal holds it. */
export interface LaunchFormValues {
  planId?: string | null;
  level: ResponseLevel;
  name?: string;
  reason?: string;
  postName?: string;
  postAddress?: string;
  lng?: number | null;
  lat?: number | null;
  members?: { userId?: string; role?: PostRole }[];
  escalateAfterMinutes?: number | null;
}

const trimmed = (v: string | undefined) => v?.trim() || undefined;
const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The launch form → `POST /incidents/:id/responses` body (empty fields dropped; the post only when it has something). */
export function launchBody(v: LaunchFormValues): LaunchResponseInput {
  const members = (v.members ?? []).flatMap((m) => (m.userId && m.role ? [{ userId: m.userId, role: m.role }] : []));
  const location = isNum(v.lng) && isNum(v.lat) ? { lng: v.lng, lat: v.lat } : undefined;
  const name = trimmed(v.postName);
  const address = trimmed(v.postAddress);
  const hasPost = !!(name || address || location || members.length);
  return {
    level: v.level,
    ...(v.planId ? { planId: v.planId } : {}),
    ...(trimmed(v.name) ? { name: trimmed(v.name) } : {}),
    ...(trimmed(v.reason) ? { reason: trimmed(v.reason) } : {}),
    ...(hasPost
      ? { post: { ...(name ? { name } : {}), ...(address ? { address } : {}), ...(location ? { location } : {}), members } }
      : {}),
    ...(isNum(v.escalateAfterMinutes) ? { escalateAfterMinutes: v.escalateAfterMinutes } : {}),
  };
}

/**
 * The best plan match with a suggested level (the server sorts best first), to prefill the launch form.
 * A match without a suggestion is not prefilled: the plan may not define the default level.
 */
export function launchDefaults(matches: readonly { planId: string; suggestedLevel: ResponseLevel | null }[]): {
  planId?: string;
  level: ResponseLevel;
} {
  const best = matches.find((m) => m.suggestedLevel);
  return best?.suggestedLevel ? { planId: best.planId, level: best.suggestedLevel } : { level: 'IV' };
}

export interface TaskFormValues {
  title: string;
  action?: string;
  assigneeKind?: AssigneeKind;
  assigneeId?: string;
  /** An ISO time with offset (from the date picker). */
  deadline?: string | null;
}

/** The ad-hoc task form → `POST /responses/:id/tasks` body. */
export function taskBody(v: TaskFormValues): CreateTaskInput {
  return {
    title: v.title.trim(),
    ...(trimmed(v.action) ? { action: trimmed(v.action) } : {}),
    ...(v.assigneeKind && v.assigneeId ? { assignee: { kind: v.assigneeKind, id: v.assigneeId } } : {}),
    ...(v.deadline ? { deadline: v.deadline } : {}),
  };
}

/** What is still out of a dispatch (and could be returned). */
export const outstanding = (d: { quantity: number; returnedQuantity?: number | null }) =>
  Math.max(0, d.quantity - (Number(d.returnedQuantity) || 0));

/** Picture types a task photo may be (the server checks the content again). */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'];

/**
 * Why a picked file cannot be a task photo (`type`, `empty` or `size` over `maxBytes`), or null.
 * A camera file is known by its MIME type, a picked one by either its type or its extension.
 */
export function photoProblem(
  file: { name: string; size: number; type: string },
  maxBytes = 20 * 1024 * 1024,
): 'type' | 'size' | 'empty' | null {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const typed = PHOTO_TYPES.includes(file.type);
  if (!typed && (file.type !== '' || !PHOTO_EXTENSIONS.includes(ext))) return 'type';
  if (ext && !PHOTO_EXTENSIONS.includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  return null;
}

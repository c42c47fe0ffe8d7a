import type { ResponseDto, TaskDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { FeedbackRow, ResponseLevelRow, ResponseRow, TaskRow } from './command.repository.js';
import { responseAbilities } from './command.policy.js';
import { nextStatuses } from './task-status.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Row → API shape; `abilities` for single-response answers. */
export function presentResponse(
  r: ResponseRow,
  levels: ResponseLevelRow[],
  taskCount: number,
  actor: Actor,
  opts: { abilities?: boolean } = {},
): ResponseDto {
  return {
    id: r.id,
    incidentId: r.incident_id,
    orgId: r.org_id,
    name: r.name,
    level: r.level,
    status: r.status,
    planId: r.plan_id,
    planName: r.plan_name,
    post: {
      name: r.post_name,
      address: r.post_address,
      location: r.post_lng === null || r.post_lat === null ? null : { lng: Number(r.post_lng), lat: Number(r.post_lat) },
      members: r.members.map((m) => ({ userId: m.userId, role: m.role, name: m.name })),
    },
    escalateAfterMinutes: r.escalate_after_minutes,
    launchedBy: r.launched_by_name,
    launchedAt: iso(r.launched_at)!,
    terminatedAt: iso(r.terminated_at),
    terminateReason: r.terminate_reason,
    levelHistory: levels
      .filter((l) => l.response_id === r.id)
      .map((l) => ({ from: l.from_level, to: l.to_level, reason: l.reason, at: iso(l.at)!, by: l.by_name })),
    taskCount,
    version: r.version,
    ...(opts.abilities ? { abilities: responseAbilities(actor, r) } : {}),
  };
}

/** A task's photo as read (the link plus its attachment), before presenting. */
export interface TaskPhoto {
  taskId: string;
  id: string;
  fileName: string;
  uploadedAt: string;
  uploadedByName: string | null;
}

/** Where a task photo streams from (under the task's scope, for its assignee too). */
export const taskPhotoUrl = (taskId: string, photoId: string) => `/api/v1/tasks/${taskId}/photos/${photoId}`;

/** Row → API shape with its feedback notes, photos and the statuses it may move to. */
export function presentTask(t: TaskRow, feedback: FeedbackRow[], photos: TaskPhoto[] = []): TaskDto {
  return {
    id: t.id,
    responseId: t.response_id,
    incidentId: t.incident_id,
    title: t.title,
    action: t.action,
    source: t.source,
    responsibleRole: t.responsible_role,
    assignee: t.assignee_kind && t.assignee_id ? { kind: t.assignee_kind, id: t.assignee_id, name: t.assignee_name } : null,
    status: t.status,
    deadline: iso(t.deadline_at),
    rejectReason: t.reject_reason,
    assignedAt: iso(t.assigned_at)!,
    acceptedAt: iso(t.accepted_at),
    enRouteAt: iso(t.en_route_at),
    onSiteAt: iso(t.on_site_at),
    doneAt: iso(t.done_at),
    rejectedAt: iso(t.rejected_at),
    escalatedAt: iso(t.escalated_at),
    feedback: feedback.filter((f) => f.task_id === t.id).map((f) => ({ id: f.id, note: f.note, by: f.by_name, at: iso(f.at)! })),
    photos: photos
      .filter((p) => p.taskId === t.id)
      .map((p) => ({
        id: p.id,
        fileName: p.fileName,
        url: taskPhotoUrl(t.id, p.id),
        uploadedAt: p.uploadedAt,
        uploadedByName: p.uploadedByName,
      })),
    version: t.version,
    next: [...nextStatuses(t.status)],
  };
}

import type { AssessmentDto, CorrectiveActionDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { ActionRow, AssessmentRow } from './assessment.repository.js';
import { can } from './command.policy.js';
import type { ResponseRow } from './command.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentAction(a: ActionRow, now: Date): CorrectiveActionDto {
  return {
    id: a.id,
    title: a.title,
    ownerOrgId: a.owner_org_id,
    ownerOrgName: a.owner_org_name,
    ownerUserId: a.owner_user_id,
    ownerUserName: a.owner_user_name,
    deadline: iso(a.deadline_at),
    status: a.status,
    doneAt: iso(a.done_at),
    doneBy: a.done_by,
    note: a.note,
    overdue: a.status === 'open' && a.deadline_at !== null && new Date(a.deadline_at).getTime() < now.getTime(),
  };
}

export function presentAssessment(
  a: AssessmentRow,
  r: ResponseRow,
  incidentTitle: string,
  actions: ActionRow[],
  actor: Actor,
  now: Date,
): AssessmentDto {
  return {
    id: a.id,
    responseId: r.id,
    responseName: r.name,
    level: r.level,
    incidentId: a.incident_id,
    incidentTitle,
    openedAt: new Date(a.opened_at).toISOString(),
    measures: a.measures,
    evaluation: a.evaluation,
    actions: actions.map((x) => presentAction(x, now)),
    version: a.version,
    canEdit: can(actor, 'command.launch', a),
  };
}

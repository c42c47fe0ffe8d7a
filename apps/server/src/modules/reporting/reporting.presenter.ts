import {
  DEADLINE_KIND_ZH,
  type DeadlineDto,
  type DeadlineKind,
  type InstructionDto,
  type InstructionTargetDto,
  type ReportDto,
} from '@vigil/shared';
import type { DeadlineRow } from './deadlines.repository.js';
import { deadlineState } from './deadlines.js';
import type { InstructionRow, TargetRow } from './instructions.repository.js';
import type { ReportRow } from './reports.repository.js';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const person = (id: string | null, name: string | null) => (name ? { id, name } : null);

/** A report as the API shows it. */
export function presentReport(r: ReportRow): ReportDto {
  return {
    id: r.id,
    incidentId: r.incident_id,
    incidentTitle: r.title,
    kind: r.kind,
    version: r.version,
    kindSeq: Math.max(1, Number(r.kind_seq ?? 1)),
    fromOrg: { id: r.org_id, name: r.from_org_name },
    toOrg: { id: r.to_org_id, name: r.to_org_name },
    text: r.text,
    snapshot: {
      title: r.title,
      eventType: r.event_type,
      grade: r.grade,
      status: r.status,
      dead: r.dead,
      missing: r.missing,
      seriouslyInjured: r.seriously_injured,
      lightlyInjured: r.lightly_injured,
      directLossYuan: Number(r.direct_loss_yuan),
    },
    attachmentIds: r.attachment_ids ?? [],
    phoneReportedAt: iso(r.phone_reported_at),
    submittedAt: iso(r.submitted_at)!,
    submittedBy: person(r.submitted_by, r.submitted_by_name),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: person(r.acknowledged_by, r.acknowledged_by_name),
    forwardedFromId: r.forwarded_from_id,
    forwardedAsId: r.forwarded_as_id,
  };
}

/** A deadline with its state at `now` and the rule's wording. */
export function presentDeadline(d: DeadlineRow, now: Date, descriptions: ReadonlyMap<string, string>): DeadlineDto {
  const kind = d.kind as DeadlineKind;
  return {
    id: d.id,
    incidentId: d.incident_id,
    incidentTitle: d.incident_title,
    kind,
    org: { id: d.org_id, name: d.org_name },
    dueAt: iso(d.due_at)!,
    remindedAt: iso(d.reminded_at),
    overdueAt: iso(d.overdue_at),
    satisfiedAt: iso(d.satisfied_at),
    satisfiedBy: d.satisfied_by,
    instructionId: d.instruction_id,
    state: deadlineState({ dueAt: d.due_at, satisfiedAt: d.satisfied_at, cancelledAt: d.cancelled_at, overdueAt: d.overdue_at }, now),
    description: (d.rule_id ? descriptions.get(d.rule_id) : undefined) ?? DEADLINE_KIND_ZH[kind],
  };
}

function presentTarget(t: TargetRow): InstructionTargetDto {
  return {
    id: t.id,
    kind: t.user_id ? 'user' : 'org',
    user: t.user_id ? { id: t.user_id, name: t.user_name ?? '（已停用用户）' } : null,
    org: { id: t.org_id, name: t.org_name },
    acknowledgedAt: iso(t.acknowledged_at),
    acknowledgedBy: person(t.acknowledged_by, t.acknowledged_by_name),
    feedback: t.feedback,
    feedbackAt: iso(t.feedback_at),
    feedbackBy: person(t.feedback_by, t.feedback_by_name),
    overdue: Boolean(t.overdue),
  };
}

/** An instruction with its targets; `isMine` says which targets the current user acts for. */
export function presentInstruction(i: InstructionRow, targets: readonly TargetRow[], isMine: (t: TargetRow) => boolean): InstructionDto {
  const own = targets.filter((t) => t.instruction_id === i.id);
  return {
    id: i.id,
    incidentId: i.incident_id,
    incidentTitle: i.incident_title,
    text: i.text,
    author: { id: i.author_id, name: i.author_name },
    issuedAt: iso(i.issued_at)!,
    dueAt: iso(i.due_at)!,
    targets: own.map(presentTarget),
    openTargets: own.filter((t) => !t.feedback_at).length,
    mineOpen: own.some((t) => !t.feedback_at && isMine(t)),
  };
}

import type {
  AssessmentDto,
  AssessmentEvaluation,
  AssessmentSummaryDto,
  CloseActionInput,
  CorrectiveActionDto,
  CorrectiveActionInput,
  UpdateEvaluationInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { computeMeasures } from './assessment-measures.js';
import { presentAction, presentAssessment } from './assessment.presenter.js';
import * as arepo from './assessment.repository.js';
import { can, commandScope } from './command.policy.js';
import * as repo from './command.repository.js';
import * as situation from './situation.repository.js';
import { firstReportAt } from '../reporting/index.js';

const blank = { score: null, comment: '' };
export const EMPTY_EVALUATION: AssessmentEvaluation = {
  speed: blank,
  coordination: blank,
  resources: blank,
  reporting: blank,
  overall: blank,
  lessons: '',
};

/**
 * Opens the after-action assessment of a response just terminated (in the same transaction), with
 * the measures computed from the stored timestamps at that moment.
 */
export async function openAssessment(ctx: Ctx, r: repo.ResponseRow): Promise<void> {
  const incident = await situation.incidentTimes(ctx.tx, r.incident_id);
  const measures = computeMeasures(
    {
      occurredAt: incident.occurred_at,
      receivedAt: incident.received_at,
      firstReportAt: await firstReportAt(ctx.tx, r.incident_id),
      launchedAt: r.launched_at,
      terminatedAt: ctx.now,
      tasks: await repo.tasksOfResponse(ctx.tx, r.id),
      dispatches: await situation.dispatchesOfResponse(ctx.tx, r.id),
    },
    ctx.now,
  );
  await arepo.insertAssessment(ctx.tx, {
    id: r.id,
    incident_id: r.incident_id,
    org_id: r.org_id,
    org_path: r.org_path,
    measures,
    evaluation: EMPTY_EVALUATION,
    opened_at: ctx.now,
  });
  await recordAudit(ctx, { action: 'command.assessment_opened', entity: 'command_assessment', entityId: r.id, after: { measures } });
}

/** Loads an assessment for the actor: 404 when missing, audited 404 outside scope, 403 without `command.launch` for a write. */
async function loadAssessment(ctx: Ctx, id: string, write = false, lock = false): Promise<arepo.AssessmentRow> {
  const row = await arepo.findAssessment(ctx.tx, id, lock);
  if (!row) notFound('评估', id);
  if (!can(ctx.actor, 'command.read', row)) return denyOutOfScope(ctx, 'command_assessment', id);
  if (write && !can(ctx.actor, 'command.launch', row)) throw new AppError('FORBIDDEN', '缺少权限 command.launch');
  return row;
}

async function present(ctx: Ctx, id: string): Promise<AssessmentDto> {
  const a = (await arepo.findAssessment(ctx.tx, id))!;
  const r = (await repo.findResponse(ctx.tx, id))!;
  const incident = await situation.incidentTimes(ctx.tx, a.incident_id);
  return presentAssessment(a, r, incident.title, await arepo.actionsOf(ctx.tx, id), ctx.actor, ctx.now);
}

/** `GET /assessments`: the assessments in the actor's command scope, newest first. */
export async function listAssessments(ctx: Ctx): Promise<{ items: AssessmentSummaryDto[] }> {
  const rows = await arepo.listAssessments(ctx.tx, commandScope(ctx.actor));
  return {
    items: rows.map((r) => ({
      id: r.id,
      responseName: r.response_name,
      level: r.level,
      incidentId: r.incident_id,
      incidentTitle: r.incident_title,
      openedAt: new Date(r.opened_at).toISOString(),
      openActions: Number(r.open_actions ?? 0),
    })),
  };
}

/** `GET /assessments/:id`. */
export async function getAssessment(ctx: Ctx, id: string): Promise<AssessmentDto> {
  await loadAssessment(ctx, id);
  return present(ctx, id);
}

/** `PUT /assessments/:id/evaluation`: saves the evaluation form; a stale `version` is refused (409). */
export async function updateEvaluation(ctx: Ctx, id: string, input: UpdateEvaluationInput): Promise<AssessmentDto> {
  const a = await loadAssessment(ctx, id, true, true);
  if (!(await arepo.updateEvaluationAt(ctx.tx, id, input.version, input.evaluation, ctx.now)))
    throw new AppError('CONFLICT', '评估已被他人修改，请刷新后重试', {
      errors: [{ field: 'version', message: `当前版本为 ${a.version}` }],
      extra: { currentVersion: a.version },
    });
  await recordAudit(ctx, {
    action: 'command.assessment_evaluated',
    entity: 'command_assessment',
    entityId: id,
    before: { evaluation: a.evaluation },
    after: { evaluation: input.evaluation },
  });
  return present(ctx, id);
}

/** Owner org and person of an action, checked to exist; their names are kept with it. */
async function owners(ctx: Ctx, input: CorrectiveActionInput) {
  let orgName: string | null = null;
  let userName: string | null = null;
  if (input.ownerOrgId) {
    orgName = (await arepo.activeOrg(ctx.tx, input.ownerOrgId))?.name ?? null;
    if (orgName === null) invalid('ownerOrgId', '责任单位不存在');
  }
  if (input.ownerUserId) {
    userName = (await repo.activeUsers(ctx.tx, [input.ownerUserId])).get(input.ownerUserId)?.name ?? null;
    if (userName === null) invalid('ownerUserId', '责任人不存在或已停用');
  }
  return {
    owner_org_id: input.ownerOrgId ?? null,
    owner_org_name: orgName,
    owner_user_id: input.ownerUserId ?? null,
    owner_user_name: userName,
    deadline_at: input.deadline ? new Date(input.deadline) : null,
  };
}

/** `POST /assessments/:id/actions`: adds a corrective action (整改措施). */
export async function addAction(ctx: Ctx, id: string, input: CorrectiveActionInput): Promise<CorrectiveActionDto> {
  await loadAssessment(ctx, id, true);
  const row = {
    id: newId(),
    assessment_id: id,
    title: input.title,
    ...(await owners(ctx, input)),
    done_at: null,
    done_by: null,
    note: null,
    created_at: ctx.now,
  };
  await arepo.insertAction(ctx.tx, row);
  await recordAudit(ctx, {
    action: 'command.assessment_action_added',
    entity: 'command_assessment',
    entityId: id,
    after: { actionId: row.id, title: input.title },
  });
  return presentAction((await arepo.findAction(ctx.tx, id, row.id))!, ctx.now);
}

async function openAction(ctx: Ctx, id: string, actionId: string): Promise<arepo.ActionRow> {
  await loadAssessment(ctx, id, true);
  const a = (await arepo.findAction(ctx.tx, id, actionId)) ?? notFound('整改措施', actionId);
  if (a.status !== 'open') conflict('整改措施已完成，不能再修改');
  return a;
}

/** `PATCH /assessments/:id/actions/:actionId`: edits an open action. */
export async function updateAction(ctx: Ctx, id: string, actionId: string, input: CorrectiveActionInput): Promise<CorrectiveActionDto> {
  const before = await openAction(ctx, id, actionId);
  await arepo.updateAction(ctx.tx, actionId, { title: input.title, ...(await owners(ctx, input)) });
  await recordAudit(ctx, {
    action: 'command.assessment_action_updated',
    entity: 'command_assessment',
    entityId: id,
    before: { actionId, title: before.title, deadline: before.deadline_at },
    after: { actionId, title: input.title, deadline: input.deadline ?? null },
  });
  return presentAction((await arepo.findAction(ctx.tx, id, actionId))!, ctx.now);
}

/** `DELETE /assessments/:id/actions/:actionId`: removes an open action. */
export async function deleteAction(ctx: Ctx, id: string, actionId: string): Promise<{ ok: true }> {
  const before = await openAction(ctx, id, actionId);
  await arepo.deleteAction(ctx.tx, actionId);
  await recordAudit(ctx, {
    action: 'command.assessment_action_deleted',
    entity: 'command_assessment',
    entityId: id,
    before: { actionId, title: before.title },
  });
  return { ok: true };
}

/** `POST /assessments/:id/actions/:actionId/close`: marks an action done (open → done). */
export async function closeAction(ctx: Ctx, id: string, actionId: string, input: CloseActionInput): Promise<CorrectiveActionDto> {
  await openAction(ctx, id, actionId);
  const by = ctx.actor.displayName ?? ctx.actor.username;
  await arepo.updateAction(ctx.tx, actionId, { status: 'done', done_at: ctx.now, done_by: by, note: input.note || null });
  await recordAudit(ctx, {
    action: 'command.assessment_action_closed',
    entity: 'command_assessment',
    entityId: id,
    before: { actionId, status: 'open' },
    after: { actionId, status: 'done', note: input.note ?? null },
  });
  return presentAction((await arepo.findAction(ctx.tx, id, actionId))!, ctx.now);
}

/** The assessment for its PDF report. */
export { present as presentAssessmentFor };

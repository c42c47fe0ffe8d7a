import type { ApproveWarningInput, WarningDto, WarningReasonInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict } from '../../platform/errors.js';
import { senderCodeOf, senderOf, identifierFor, identifierPrefix, buildDocuments } from './warning-cap.js';
import { loadWarning } from './warning-access.js';
import { presentOne } from './warning-draft.service.js';
import * as types from './warning-feeds.repository.js';
import { transition, type WarningAction } from './warning-status.js';
import { can, isAuthor, needsLeader } from './warnings.policy.js';
import * as repo from './warnings.repository.js';
import type { WarningRow } from './warnings.repository.js';
import { emitWarningEvent, WARNING_EVENTS } from './warnings.events.js';

const EVENT_OF: Record<WarningAction, (typeof WARNING_EVENTS)[keyof typeof WARNING_EVENTS]> = {
  submit: WARNING_EVENTS.submitted,
  approve: WARNING_EVENTS.approved,
  reject: WARNING_EVENTS.rejected,
  publish: WARNING_EVENTS.published,
  supersede: WARNING_EVENTS.superseded,
  cancel: WARNING_EVENTS.cancelled,
  expire: WARNING_EVENTS.expired,
};

/** Audits and emits one workflow step of `before`, now stored. */
async function recordStep(ctx: Ctx, action: WarningAction, before: WarningRow, extra: Record<string, unknown> = {}): Promise<WarningRow> {
  const after = (await repo.findWarning(ctx.tx, before.id))!;
  await recordAudit(ctx, {
    action: EVENT_OF[action],
    entity: 'warning',
    entityId: before.id,
    before: { status: before.status },
    after: { status: after.status, ...extra },
  });
  await emitWarningEvent(ctx, EVENT_OF[action], after, { previousStatus: before.status, ...extra });
  return after;
}

/** Submits a draft for approval (提交审批). */
export async function submitWarning(ctx: Ctx, id: string): Promise<WarningDto> {
  const w = await loadWarning(ctx, id, 'warning.draft', true);
  const to = transition(w.status, 'submit');
  await repo.updateWarning(ctx.tx, id, {
    status: to,
    submitted_by: ctx.actor.userId,
    submitted_at: ctx.now,
    reject_reason: null,
    updated_at: ctx.now,
  });
  await recordStep(ctx, 'submit', w);
  return presentOne(ctx, id);
}

/** The approver must be another person than the author and the submitter; orange and red need a leader. */
function checkApprover(ctx: Ctx, w: WarningRow): void {
  if (isAuthor(ctx.actor, w)) {
    throw new AppError('FORBIDDEN', '审批人不能是该预警的编制人或提交人，请由其他人员审批', { extra: { reason: 'same_person' } });
  }
  if (needsLeader(w.colour) && !can(ctx.actor, 'warning.approve_major', w)) {
    throw new AppError('FORBIDDEN', '橙色、红色预警须由领导审批（需要 warning.approve_major 权限）', {
      extra: { reason: 'leader_required' },
    });
  }
}

/** Approves a submitted warning (审批通过), and publishes it at once when asked (签发即发布). */
export async function approveWarning(ctx: Ctx, id: string, input: ApproveWarningInput): Promise<WarningDto> {
  const w = await loadWarning(ctx, id, 'warning.approve', true);
  const to = transition(w.status, 'approve');
  checkApprover(ctx, w);
  await repo.updateWarning(ctx.tx, id, {
    status: to,
    approved_by: ctx.actor.userId,
    approved_by_name: ctx.actor.displayName ?? ctx.actor.username,
    approved_at: ctx.now,
    updated_at: ctx.now,
  });
  const approved = await recordStep(ctx, 'approve', w, input.note ? { note: input.note } : {});
  if (input.publish) await publishApproved(ctx, approved);
  return presentOne(ctx, id);
}

/** Sends a submitted or approved warning back to its author with a reason (退回修改). */
export async function rejectWarning(ctx: Ctx, id: string, input: WarningReasonInput): Promise<WarningDto> {
  const w = await loadWarning(ctx, id, 'warning.approve', true);
  const to = transition(w.status, 'reject');
  checkApprover(ctx, w);
  await repo.updateWarning(ctx.tx, id, {
    status: to,
    reject_reason: input.reason,
    approved_by: null,
    approved_by_name: null,
    approved_at: null,
    updated_at: ctx.now,
  });
  await recordStep(ctx, 'reject', w, { reason: input.reason });
  return presentOne(ctx, id);
}

/** Publishes an approved warning (发布). */
export async function publishWarning(ctx: Ctx, id: string): Promise<WarningDto> {
  const w = await loadWarning(ctx, id, 'warning.draft', true);
  await publishApproved(ctx, w);
  return presentOne(ctx, id);
}

/**
 * Gives the warning its GB/T 35965.1 identifier (sender code + Beijing second + sequence), freezes
 * its CAP 1.2 and GB documents (both validated), marks the version it updates as superseded, and
 * emits `warning.published` (in-app notification of the orgs in the area reacts to it).
 */
async function publishApproved(ctx: Ctx, w: WarningRow): Promise<void> {
  const to = transition(w.status, 'publish');
  if (w.expires_at && new Date(w.expires_at) <= ctx.now) conflict('预警已过失效时间，不能发布；请修改失效时间后重新提交');
  const prev = w.previous_id ? await repo.lockWarning(ctx.tx, w.previous_id) : undefined;
  if (prev && prev.status !== 'published') conflict('被更新的预警已不再有效（已解除、过期或已被更新），不能作为更新发布');
  const senderCode = senderCodeOf(w.org_division_code, ctx.platform.config.CAP_SENDER_ORG_CODE);
  const used = await repo.identifiersLike(ctx.tx, identifierPrefix(senderCode, ctx.now));
  if (used > 9) conflict('同一秒内发布的预警过多，请稍后重试');
  const identifier = identifierFor(senderCode, ctx.now, used);
  const sender = senderOf(w.org_name);
  const msgType = prev ? 'Update' : 'Alert';
  const staged: WarningRow = { ...w, identifier, sender, sent_at: ctx.now, msg_type: msgType };
  const type = await types.findType(ctx.tx, w.type_code);
  const allowed = Object.fromEntries(
    (await types.listTypes(ctx.tx)).map((t) => [t.code, t.colours.map((c) => c[0]!.toUpperCase() + c.slice(1))]),
  );
  const docs = buildDocuments(staged, {
    typeNameEn: type?.name_en ?? w.type_code,
    previous: prev ? { sender: prev.sender!, identifier: prev.identifier!, sent: new Date(prev.sent_at!) } : null,
    senderCode,
    allowedColours: allowed,
  });
  await repo.updateWarning(ctx.tx, w.id, {
    status: to,
    identifier,
    sender,
    sent_at: ctx.now,
    msg_type: msgType,
    cap_xml: docs.capXml,
    gb_xml: docs.gbXml,
    published_by: ctx.actor.userId,
    published_at: ctx.now,
    updated_at: ctx.now,
  });
  await recordStep(ctx, 'publish', w, { identifier, msgType, references: prev?.identifier ?? null });
  if (prev) {
    await repo.updateWarning(ctx.tx, prev.id, {
      status: transition(prev.status, 'supersede'),
      superseded_by_id: w.id,
      ended_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordStep(ctx, 'supersede', prev, { supersededBy: w.id, identifier: prev.identifier });
  }
}

/** Cancels a warning (解除 a published one, or withdraws one not yet published), with a reason. */
export async function cancelWarning(ctx: Ctx, id: string, input: WarningReasonInput): Promise<WarningDto> {
  const w = await loadWarning(ctx, id, 'warning.approve', true);
  if (w.source !== 'internal') conflict('外部导入的预警由发布单位解除，不能在本系统解除');
  const to = transition(w.status, 'cancel');
  await repo.updateWarning(ctx.tx, id, { status: to, cancel_reason: input.reason, ended_at: ctx.now, updated_at: ctx.now });
  await recordStep(ctx, 'cancel', w, { reason: input.reason });
  return presentOne(ctx, id);
}

/** Worker step: every published warning whose `expires` has passed becomes expired (audited, emitted). */
export async function expireDue(ctx: Ctx): Promise<number> {
  const ids = await repo.dueForExpiry(ctx.tx, ctx.now);
  for (const id of ids) {
    const w = (await repo.lockWarning(ctx.tx, id))!;
    if (w.status !== 'published') continue;
    await repo.updateWarning(ctx.tx, id, { status: transition(w.status, 'expire'), ended_at: ctx.now, updated_at: ctx.now });
    await recordStep(ctx, 'expire', w, { expires: w.expires_at });
  }
  return ids.length;
}

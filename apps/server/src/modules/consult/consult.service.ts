import type {
  AddParticipantInput,
  ConsultDecisionDto,
  ConsultDecisionInput,
  ConsultDecisionPage,
  ConsultListQuery,
  ConsultMessageDto,
  ConsultMessageInput,
  ConsultMessagePage,
  ConsultParticipantDto,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addTimelineEntry } from '../incidents/index.js';
import { notify } from '../notifications/index.js';
import { getResourceById } from '../resources/index.js';
import { findUser } from '../users/index.js';
import { attachmentsForMessage, attachmentsOfMessages } from './consult-attachments.service.js';
import { CONSULT_EVENTS, emitConsult } from './consult.events.js';
import { CONSULT_WRITE, loadConsultIncident } from './consult.policy.js';
import { presentDecision, presentMessage, presentParticipant } from './consult.presenter.js';
import * as repo from './consult.repository.js';
import type { StoredMention } from './consult.tables.js';

const actorName = (ctx: Ctx) => ctx.actor.displayName ?? ctx.actor.username;

/** Opaque list cursor: the last row's time and id. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; a malformed one is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): repo.Cursor | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime())) invalid('cursor', '分页游标无效');
  return { at: date, id };
}

function page<R extends { created_at: Date; id: string }, T>(rows: R[], limit: number, present: (r: R) => T) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(present), nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
}

/** `GET /incidents/:id/consult/messages`: the chat history, newest first. */
export async function listMessages(ctx: Ctx, incidentId: string, q: ConsultListQuery): Promise<ConsultMessagePage> {
  await loadConsultIncident(ctx, incidentId);
  const rows = await repo.listMessages(ctx.tx, incidentId, q.limit, decodeCursor(q.cursor));
  const shown = rows.slice(0, q.limit).map((r) => r.id);
  const files = await attachmentsOfMessages(ctx, shown);
  return page(rows, q.limit, (r) => presentMessage(r, files.get(r.id) ?? []));
}

/** Active users by id for @mentions; an unknown or disabled one is a 400 on `mentions`. */
async function mentionedUsers(ctx: Ctx, ids: readonly string[]): Promise<StoredMention[]> {
  const out: StoredMention[] = [];
  for (const [i, id] of [...new Set(ids)].entries()) {
    const u = await findUser(ctx.tx, id);
    if (!u || u.status !== 'active') invalid(`mentions.${i}`, '提及的用户不存在或已停用');
    out.push({ userId: u.id, name: u.display_name });
  }
  return out;
}

/**
 * Posts a chat message in the incident's room, with up to five files the sender uploaded to it
 * (`attachmentIds`): stored, audited, pushed live on `consult` (files included), and each
 * @mentioned user gets an in-app notification linking to the incident.
 */
export async function postMessage(ctx: Ctx, incidentId: string, input: ConsultMessageInput): Promise<ConsultMessageDto> {
  const incident = await loadConsultIncident(ctx, incidentId);
  const mentions = await mentionedUsers(ctx, input.mentions ?? []);
  const files = await attachmentsForMessage(ctx, incident.id, input.attachmentIds ?? []);
  const id = newId();
  const row = {
    id,
    incident_id: incident.id,
    org_path: incident.org_path,
    body: input.body,
    mentions,
    author_id: ctx.actor.userId,
    author_name: actorName(ctx),
    created_at: ctx.now,
  };
  await repo.insertMessage(ctx.tx, row);
  await repo.insertMessageAttachments(
    ctx.tx,
    files.map((f, position) => ({ message_id: id, attachment_id: f.id, position })),
  );
  await recordAudit(ctx, {
    action: 'consult.message_posted',
    entity: 'incident',
    entityId: incident.id,
    after: { messageId: id, mentions: mentions.map((m) => m.userId), attachmentIds: files.map((f) => f.id) },
  });
  const others = mentions.map((m) => m.userId).filter((u) => u !== ctx.actor.userId);
  if (others.length > 0) {
    await notify(ctx, {
      userIds: others,
      title: `${actorName(ctx) ?? '有人'}在会商中提到了你：${incident.title}`.slice(0, 200),
      body: (input.body || files.map((f) => f.fileName).join('、')).slice(0, 2000),
      link: `/incidents/${incident.id}?tab=consult`,
      severity: 'info',
    });
  }
  const dto = presentMessage(row, files);
  await emitConsult(ctx, CONSULT_EVENTS.messagePosted, incident, { message: dto });
  return dto;
}

/** `GET /incidents/:id/consult/decisions`: recorded conclusions, newest first. */
export async function listDecisions(ctx: Ctx, incidentId: string, q: ConsultListQuery): Promise<ConsultDecisionPage> {
  await loadConsultIncident(ctx, incidentId);
  const rows = await repo.listDecisions(ctx.tx, incidentId, q.limit, decodeCursor(q.cursor));
  return page(rows, q.limit, presentDecision);
}

/** Records a consultation conclusion (会商结论): stored, on the incident timeline, audited, pushed live. */
export async function recordDecision(ctx: Ctx, incidentId: string, input: ConsultDecisionInput): Promise<ConsultDecisionDto> {
  const incident = await loadConsultIncident(ctx, incidentId, CONSULT_WRITE);
  const row = {
    id: newId(),
    incident_id: incident.id,
    org_path: incident.org_path,
    summary: input.summary,
    author_id: ctx.actor.userId,
    author_name: actorName(ctx),
    created_at: ctx.now,
  };
  await repo.insertDecision(ctx.tx, row);
  await addTimelineEntry(ctx, incident.id, {
    kind: CONSULT_EVENTS.decisionRecorded,
    summary: `会商结论：${input.summary}`,
    data: { decisionId: row.id },
  });
  await recordAudit(ctx, { action: 'consult.decision_recorded', entity: 'incident', entityId: incident.id, after: row });
  const dto = presentDecision(row);
  await emitConsult(ctx, CONSULT_EVENTS.decisionRecorded, incident, { decision: dto });
  return dto;
}

/** `GET /incidents/:id/consult/participants`. */
export async function listParticipants(ctx: Ctx, incidentId: string): Promise<{ items: ConsultParticipantDto[] }> {
  await loadConsultIncident(ctx, incidentId);
  return { items: (await repo.listParticipants(ctx.tx, incidentId)).map(presentParticipant) };
}

/** The display name of a participant to add: an active user, or an expert of the resources registry. */
async function participantName(ctx: Ctx, input: AddParticipantInput): Promise<string> {
  if (input.kind === 'user') {
    const u = await findUser(ctx.tx, input.refId);
    if (!u || u.status !== 'active') invalid('refId', '用户不存在或已停用');
    return u.display_name;
  }
  const r = await getResourceById(ctx, input.refId).catch(() => invalid('refId', '专家不存在或不可见'));
  if (r.kind !== 'expert') invalid('refId', '该资源不是专家');
  return r.name;
}

/** Adds a staff member or an invited expert to the room (idempotent), audited and pushed live. */
export async function addParticipant(
  ctx: Ctx,
  incidentId: string,
  input: AddParticipantInput,
): Promise<{ items: ConsultParticipantDto[] }> {
  const incident = await loadConsultIncident(ctx, incidentId, CONSULT_WRITE);
  const name = await participantName(ctx, input);
  const id = newId();
  const added = await repo.insertParticipant(ctx.tx, {
    id,
    incident_id: incident.id,
    org_path: incident.org_path,
    kind: input.kind,
    ref_id: input.refId,
    name,
    added_by: actorName(ctx),
    added_at: ctx.now,
  });
  if (added) {
    await recordAudit(ctx, {
      action: 'consult.participant_added',
      entity: 'incident',
      entityId: incident.id,
      after: { id, ...input, name },
    });
    await emitConsult(ctx, CONSULT_EVENTS.participantsChanged, incident, {});
  }
  return { items: (await repo.listParticipants(ctx.tx, incidentId)).map(presentParticipant) };
}

/** Removes a participant from the room, audited and pushed live. */
export async function removeParticipant(ctx: Ctx, incidentId: string, participantId: string): Promise<{ items: ConsultParticipantDto[] }> {
  const incident = await loadConsultIncident(ctx, incidentId, CONSULT_WRITE);
  const gone = (await repo.deleteParticipant(ctx.tx, incidentId, participantId)) ?? notFound('会商参与人', participantId);
  await recordAudit(ctx, { action: 'consult.participant_removed', entity: 'incident', entityId: incident.id, before: gone });
  await emitConsult(ctx, CONSULT_EVENTS.participantsChanged, incident, {});
  return { items: (await repo.listParticipants(ctx.tx, incidentId)).map(presentParticipant) };
}

import type { ConsultAttachmentDto } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { invalid, notFound } from '../../platform/errors.js';
import { attachmentsByIds, commitAttachmentFor, openAttachmentFor, type Upload } from '../incidents/index.js';
import { loadConsultIncident } from './consult.policy.js';
import { presentConsultAttachment } from './consult.presenter.js';
import * as repo from './consult.repository.js';

/**
 * `POST /incidents/:id/consult/attachments`, before the file is received: whoever may chat in the
 * room may attach files (404 outside the room's scope, audited).
 */
export async function checkConsultUpload(ctx: Ctx, incidentId: string): Promise<void> {
  await loadConsultIncident(ctx, incidentId);
}

/**
 * `POST /incidents/:id/consult/attachments`: stores a received file (image, PDF, Word, Excel —
 * checked by the store) as an attachment of the incident, noted on its timeline and audited as
 * coming from the consultation. It joins a message when the uploader sends it in `attachmentIds`.
 * Returns the file and its stored path (to remove if the transaction fails).
 */
export async function addConsultAttachment(ctx: Ctx, incidentId: string, up: Upload): Promise<{ dto: ConsultAttachmentDto; path: string }> {
  const incident = await loadConsultIncident(ctx, incidentId);
  const { dto, path } = await commitAttachmentFor(ctx, incident.id, up, '会商附件');
  return { dto: presentConsultAttachment(dto), path };
}

/**
 * The files a new message carries, in the given order: each must be a (not deleted) attachment of
 * this incident uploaded by the sender, named once; anything else is a 400 on `attachmentIds`.
 */
export async function attachmentsForMessage(ctx: Ctx, incidentId: string, ids: readonly string[]): Promise<ConsultAttachmentDto[]> {
  if (ids.length === 0) return [];
  if (new Set(ids).size !== ids.length) invalid('attachmentIds', '同一附件不能重复添加');
  const found = new Map((await attachmentsByIds(ctx, ids)).map((a) => [a.id, a]));
  return ids.map((id) => {
    const a = found.get(id);
    if (!a || a.incidentId !== incidentId || !ctx.actor.userId || a.uploadedById !== ctx.actor.userId)
      invalid('attachmentIds', '附件不存在、不属于本事件，或不是你上传的');
    return presentConsultAttachment(a);
  });
}

/** The files of the given messages, by message id, in attaching order (files deleted on the incident are left out). */
export async function attachmentsOfMessages(ctx: Ctx, messageIds: readonly string[]): Promise<Map<string, ConsultAttachmentDto[]>> {
  const links = await repo.attachmentLinksOf(ctx.tx, messageIds);
  const files = new Map((await attachmentsByIds(ctx, [...new Set(links.map((l) => l.attachment_id))])).map((a) => [a.id, a]));
  const out = new Map<string, ConsultAttachmentDto[]>();
  for (const l of links) {
    const a = files.get(l.attachment_id);
    if (!a) continue;
    out.set(l.message_id, [...(out.get(l.message_id) ?? []), presentConsultAttachment(a)]);
  }
  return out;
}

/**
 * `GET /incidents/:id/consult/attachments/:attId`: a file of the room — carried by one of its
 * messages, or uploaded by the actor and not yet sent — streamed to whoever may read the room.
 */
export async function openConsultAttachment(ctx: Ctx, incidentId: string, attId: string) {
  const incident = await loadConsultIncident(ctx, incidentId);
  if (!(await repo.isRoomAttachment(ctx.tx, incident.id, attId))) {
    const [own] = await attachmentsByIds(ctx, [attId]);
    if (!own || own.incidentId !== incident.id || !ctx.actor.userId || own.uploadedById !== ctx.actor.userId) notFound('附件', attId);
  }
  return openAttachmentFor(ctx, incident.id, attId);
}

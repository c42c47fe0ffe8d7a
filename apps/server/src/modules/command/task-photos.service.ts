import type { TaskDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { commitAttachmentFor, openAttachmentFor, type Upload } from '../incidents/index.js';
import { loadTask } from './command-access.js';
import { COMMAND_EVENTS, emitCommandEvent } from './command.events.js';
import * as repo from './command.repository.js';
import { presentOneTask } from './tasks.service.js';

/** Task photos are pictures: what a phone camera gives (JPEG), screenshots (PNG) and WebP. */
const PHOTO_TYPES: ReadonlySet<Upload['type']> = new Set(['jpeg', 'png', 'webp']);

/**
 * Whether the task still takes photos: a rejected task does not (it was never worked); a done task
 * does (pictures of the result often follow the last step), even once its response has ended; an
 * open task of a terminated response does not. 409 with the reason otherwise.
 */
async function requirePhotoable(ctx: Ctx, t: repo.TaskRow): Promise<void> {
  if (t.status === 'rejected') conflict('任务已被拒绝，不能再上传照片');
  if (t.status === 'done') return;
  const r = await repo.findResponse(ctx.tx, t.response_id);
  if (r?.status !== 'active') conflict('响应已终止，任务不能再上传照片');
}

/**
 * `POST /tasks/:id/photos`, before the file is received: the task exists and is visible (else an
 * audited 404), the actor may add photos to it (its assignee — a member of its team included —
 * or a commander; else 403) and it still takes photos (else 409).
 */
export async function checkTaskPhotoUpload(ctx: Ctx, taskId: string): Promise<void> {
  const t = await loadTask(ctx, taskId, 'photo');
  await requirePhotoable(ctx, t);
}

/**
 * `POST /tasks/:id/photos`: stores a received picture as an attachment of the task's incident
 * (timeline entry naming the task), links it to the task, audits the step and pushes a
 * `command.task_updated` event. A file that is not a JPEG, PNG or WebP image is a 400 on `file`.
 * Returns the task with its photos and the stored file's path (to remove if the transaction fails).
 */
export async function addTaskPhoto(ctx: Ctx, taskId: string, up: Upload): Promise<{ task: TaskDto; path: string }> {
  const t = await loadTask(ctx, taskId, 'photo', true);
  await requirePhotoable(ctx, t);
  if (!PHOTO_TYPES.has(up.type)) invalid('file', '任务照片只能是 JPEG、PNG 或 WebP 图片');
  const { dto, path } = await commitAttachmentFor(ctx, t.incident_id, up, `任务“${t.title}”现场照片`);
  await repo.insertTaskPhoto(ctx.tx, { attachment_id: dto.id, task_id: t.id, created_at: ctx.now });
  await recordAudit(ctx, {
    action: 'command.task_photo_added',
    entity: 'command_task',
    entityId: t.id,
    after: { attachmentId: dto.id, fileName: dto.fileName, sha256: dto.sha256, size: dto.sizeBytes },
  });
  await emitCommandEvent(ctx, COMMAND_EVENTS.taskUpdated, t, { responseId: t.response_id, taskId: t.id, photoId: dto.id });
  return { task: await presentOneTask(ctx, t.id), path };
}

/** `GET /tasks/:id/photos/:photoId`: a photo of a task the actor can see (404 otherwise, or when not this task's). */
export async function openTaskPhoto(ctx: Ctx, taskId: string, photoId: string) {
  const t = await loadTask(ctx, taskId);
  if (!(await repo.findTaskPhoto(ctx.tx, t.id, photoId))) notFound('任务照片', photoId);
  return openAttachmentFor(ctx, t.incident_id, photoId);
}

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ATTACHMENT_MAX_BYTES, type IncidentAttachmentDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  ATTACHMENT_INFO,
  cleanFileName,
  extensionProblem,
  officeType,
  sniffHead,
  zipEntryNames,
  type AttachmentType,
} from './attachment-type.js';
import { loadIncident } from './incident-access.js';
import * as parts from './incident-parts.repository.js';
import { findIncidentRow, type IncidentRow } from './incidents.repository.js';
import { writeTimeline } from './incident-timeline.js';
import { presentAttachment } from './incidents.presenter.js';

/** Where attachments live: `DATA_DIR/attachments`. */
export function attachmentRoot(dataDir: string): string {
  return resolve(dataDir, 'attachments');
}

/** A received file, checked and waiting in a temporary file for its database row. */
export interface Upload {
  tempPath: string;
  size: number;
  sha256: string;
  type: AttachmentType;
  fileName: string;
}

const fileError = (code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE', message: string) =>
  new AppError(code, message, { errors: [{ field: 'file', message }] });

async function detectType(path: string, head: Buffer): Promise<AttachmentType | null> {
  const t = sniffHead(head);
  if (t !== 'zip') return t;
  return officeType(zipEntryNames(await readFile(path)));
}

/**
 * Streams an uploaded file to a temporary file while hashing it, then checks it: not empty, at
 * most 20 MB (413), and by its magic bytes a JPEG, PNG, WebP, PDF, Word or Excel file whose name
 * does not claim another type (400 on `file`). The client's name is never used on disk.
 */
export async function receiveUpload(
  dataDir: string,
  file: Readable & { truncated?: boolean },
  clientName: string | undefined,
): Promise<Upload> {
  const dir = join(attachmentRoot(dataDir), 'tmp');
  await mkdir(dir, { recursive: true });
  const tempPath = join(dir, newId());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  await pipeline(
    file,
    async function* (src: AsyncIterable<Buffer>) {
      for await (const chunk of src) {
        hash.update(chunk);
        size += chunk.length;
        if (head.length < 16) head = Buffer.concat([head, chunk]).subarray(0, 16);
        yield chunk;
      }
    },
    createWriteStream(tempPath, { mode: 0o600 }),
  );
  try {
    if (file.truncated || size > ATTACHMENT_MAX_BYTES) throw fileError('PAYLOAD_TOO_LARGE', '文件超过 20 MB');
    if (size === 0) throw fileError('VALIDATION', '文件为空');
    const type = await detectType(tempPath, head);
    if (!type) throw fileError('VALIDATION', '只能上传 JPEG、PNG、WebP 图片或 PDF、Word（docx）、Excel（xlsx）文档');
    const problem = extensionProblem(clientName ?? '', type);
    if (problem) throw fileError('VALIDATION', problem);
    return { tempPath, size, sha256: hash.digest('hex'), type, fileName: cleanFileName(clientName, type) };
  } catch (err) {
    await unlink(tempPath).catch(() => {});
    throw err;
  }
}

/** Removes a received file whose row was never written (or a deleted attachment's file). */
export async function discardFile(path: string): Promise<void> {
  await unlink(path).catch(() => {});
}

/**
 * Moves a checked upload to `attachments/<yyyy>/<mm>/<uuid>` and records it on the incident
 * (row, timeline, audit). Returns the DTO and the final path (to remove if the transaction fails).
 */
export async function commitAttachment(ctx: Ctx, incidentId: string, up: Upload): Promise<{ dto: IncidentAttachmentDto; path: string }> {
  const incident = await loadIncident(ctx, incidentId, 'incident.update');
  return storeAttachment(ctx, incident, up, null);
}

/**
 * Like `commitAttachment` for another module's upload (a task photo, a consultation file): the
 * caller has authorised the step, so `incident.update` is not demanded. `source` (e.g. `任务“转移群众”现场照片`)
 * is noted on the timeline entry and in the audit row. A missing incident is a 404.
 */
export async function commitAttachmentFor(
  ctx: Ctx,
  incidentId: string,
  up: Upload,
  source: string,
): Promise<{ dto: IncidentAttachmentDto; path: string }> {
  const incident = (await findIncidentRow(ctx.tx, incidentId)) ?? notFound('事件', incidentId);
  return storeAttachment(ctx, incident, up, source.slice(0, 200));
}

async function storeAttachment(
  ctx: Ctx,
  incident: IncidentRow,
  up: Upload,
  source: string | null,
): Promise<{ dto: IncidentAttachmentDto; path: string }> {
  const id = newId();
  const key = `${ctx.now.getUTCFullYear()}/${String(ctx.now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
  const path = join(attachmentRoot(ctx.platform.config.DATA_DIR), key);
  await mkdir(join(path, '..'), { recursive: true });
  await rename(up.tempPath, path);
  const info = ATTACHMENT_INFO[up.type];
  const row = await parts.insertAttachment(ctx.tx, {
    id,
    incident_id: incident.id,
    org_id: incident.org_id,
    org_path: incident.org_path,
    file_name: up.fileName,
    mime: info.mime,
    kind: info.kind,
    size_bytes: up.size,
    sha256: up.sha256,
    storage_key: key,
    uploaded_by: ctx.actor.userId,
    uploaded_by_name: ctx.actor.displayName ?? ctx.actor.username,
    created_at: ctx.now,
  });
  await writeTimeline(ctx, incident.id, {
    kind: 'attachment_added',
    summary: `上传附件：${up.fileName}${source ? `（${source}）` : ''}`,
    data: source ? { attachmentId: id, source } : { attachmentId: id },
  });
  await recordAudit(ctx, {
    action: 'incident.attachment_added',
    entity: 'incident_attachment',
    entityId: id,
    after: {
      incidentId: incident.id,
      fileName: up.fileName,
      mime: info.mime,
      size: up.size,
      sha256: up.sha256,
      ...(source ? { source } : {}),
    },
  });
  return { dto: presentAttachment(row), path };
}

/** The incident's attachments (not deleted), oldest first. */
export async function listIncidentAttachments(ctx: Ctx, incidentId: string): Promise<{ items: IncidentAttachmentDto[] }> {
  await loadIncident(ctx, incidentId);
  return { items: (await parts.listAttachments(ctx.tx, incidentId)).map(presentAttachment) };
}

/** An attachment to stream back, scope-checked through its incident. */
export async function openAttachment(ctx: Ctx, incidentId: string, attId: string) {
  await loadIncident(ctx, incidentId);
  return openAttachmentFor(ctx, incidentId, attId);
}

/** The (not deleted) attachments among `ids` with their uploader's id, for another module that has authorised the read. */
export async function attachmentsByIds(
  ctx: Ctx,
  ids: readonly string[],
): Promise<(IncidentAttachmentDto & { uploadedById: string | null })[]> {
  return (await parts.attachmentsByIds(ctx.tx, ids)).map((r) => ({ ...presentAttachment(r), uploadedById: r.uploaded_by }));
}

/**
 * An attachment of the incident to stream back, for another module that has authorised the read
 * (a task photo under the task's scope, a consultation file under the room's). 404 when missing or deleted.
 */
export async function openAttachmentFor(ctx: Ctx, incidentId: string, attId: string) {
  const row = (await parts.findAttachment(ctx.tx, incidentId, attId)) ?? notFound('附件', attId);
  const path = join(attachmentRoot(ctx.platform.config.DATA_DIR), row.storage_key);
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError('NOT_FOUND', '附件文件已丢失，请联系系统管理员');
  return { dto: presentAttachment(row), size, open: () => createReadStream(path) };
}

/** Deletes an attachment (row kept as deleted for the record; the file is removed after commit). */
export async function deleteAttachment(ctx: Ctx, incidentId: string, attId: string): Promise<{ path: string }> {
  await loadIncident(ctx, incidentId, 'incident.update');
  const row = (await parts.findAttachment(ctx.tx, incidentId, attId)) ?? notFound('附件', attId);
  await parts.markAttachmentDeleted(ctx.tx, attId, ctx.now, ctx.actor.userId);
  await writeTimeline(ctx, incidentId, {
    kind: 'attachment_deleted',
    summary: `删除附件：${row.file_name}`,
    data: { attachmentId: attId },
  });
  await recordAudit(ctx, {
    action: 'incident.attachment_deleted',
    entity: 'incident_attachment',
    entityId: attId,
    before: { incidentId, fileName: row.file_name, sha256: row.sha256, size: Number(row.size_bytes) },
  });
  return { path: join(attachmentRoot(ctx.platform.config.DATA_DIR), row.storage_key) };
}

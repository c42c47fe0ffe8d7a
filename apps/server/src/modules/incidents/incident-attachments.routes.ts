import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES, AttachmentParams, IdParams, IncidentAttachmentDto } from '@vigil/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/ctx.js';
import { contentDisposition, uploadedFilePart } from '../../platform/http/files.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadIncident } from './incident-access.js';
import {
  commitAttachment,
  deleteAttachment,
  discardFile,
  listIncidentAttachments,
  openAttachment,
  receiveUpload,
  type Upload,
} from './incident-attachments.service.js';

const tags = ['incidents'];

/**
 * Streams an opened attachment with its type, length, name (inline for images, a download for
 * documents), sha256 and no caching. Shared with the routes of other modules that serve incident files.
 */
export function sendAttachment(
  reply: FastifyReply,
  att: { dto: { mime: string; kind: string; fileName: string; sha256: string }; size: number; open: () => Readable },
) {
  return reply
    .header('content-type', att.dto.mime)
    .header('content-length', String(att.size))
    .header('content-disposition', contentDisposition(att.dto.fileName, { kind: att.dto.kind === 'image' ? 'inline' : 'attachment' }))
    .header('x-content-sha256', att.dto.sha256)
    .header('cache-control', 'private, no-store')
    .send(att.open());
}

/**
 * Receives one multipart file (field `file`) for a route of any module that stores incident files:
 * `check` runs first (scope, permission, state) so nothing is received for a record the caller
 * cannot touch; the file is checked into a temporary file, then `commit` records it in a
 * transaction. On any failure both the temporary and the final file are removed. Answers 201.
 */
export async function receiveAttachment<T>(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  check: (ctx: Ctx) => Promise<unknown>,
  commit: (ctx: Ctx, upload: Upload) => Promise<{ path: string; result: T }>,
) {
  await app.run(req, check);
  const part = await uploadedFilePart(req);
  const upload = await receiveUpload(app.platform.config.DATA_DIR, part.file, part.filename);
  let finalPath: string | null = null;
  try {
    const result = await app.run(req, async (ctx) => {
      const out = await commit(ctx, upload);
      finalPath = out.path;
      return out.result;
    });
    return reply.status(201).send(result);
  } catch (err) {
    await discardFile(upload.tempPath);
    if (finalPath) await discardFile(finalPath);
    throw err;
  }
}

/** Photos and documents on an incident: multipart upload (checked, ≤ 20 MB), download, delete. */
export const incidentAttachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });

  app.get(
    '/incidents/:id/attachments',
    {
      schema: { tags, summary: '事件附件列表', params: IdParams, response: { 200: z.object({ items: z.array(IncidentAttachmentDto) }) } },
      preHandler: app.requirePermission('incident.read'),
    },
    async (req) => app.run(req, (ctx) => listIncidentAttachments(ctx, req.params.id)),
  );

  app.post(
    '/incidents/:id/attachments',
    {
      schema: { tags, summary: '上传事件附件（multipart，字段 file；图片或 PDF/Word/Excel，≤ 20 MB）', params: IdParams },
      preHandler: app.requirePermission('incident.update'),
    },
    async (req, reply) =>
      receiveAttachment(
        app,
        req,
        reply,
        (ctx) => loadIncident(ctx, req.params.id, 'incident.update'),
        async (ctx, upload) => {
          const out = await commitAttachment(ctx, req.params.id, upload);
          return { path: out.path, result: out.dto };
        },
      ),
  );

  app.get(
    '/incidents/:id/attachments/:attId',
    { schema: { tags, summary: '下载事件附件', params: AttachmentParams }, preHandler: app.requirePermission('incident.read') },
    async (req, reply) => {
      const att = await app.run(req, (ctx) => openAttachment(ctx, req.params.id, req.params.attId));
      return sendAttachment(reply, att);
    },
  );

  app.delete(
    '/incidents/:id/attachments/:attId',
    { schema: { tags, summary: '删除事件附件', params: AttachmentParams }, preHandler: app.requirePermission('incident.update') },
    async (req, reply) => {
      const { path } = await app.run(req, (ctx) => deleteAttachment(ctx, req.params.id, req.params.attId));
      await discardFile(path);
      return reply.status(204).send();
    },
  );
};

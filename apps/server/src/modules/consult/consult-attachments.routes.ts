import multipart from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES, ConsultAttachmentDto, ConsultAttachmentParams, IdParams } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { receiveAttachment, sendAttachment } from '../incidents/index.js';
import { addConsultAttachment, checkConsultUpload, openConsultAttachment } from './consult-attachments.service.js';
import { CONSULT_READ } from './consult.policy.js';

const tags = ['consult'];

/** Files in the consultation room: multipart upload (then sent with a message) and download under the room's scope. */
export const consultAttachmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  const read = app.requirePermission(CONSULT_READ);

  app.post(
    '/incidents/:id/consult/attachments',
    {
      schema: {
        tags,
        summary: '上传会商附件（multipart，字段 file；图片或 PDF/Word/Excel，≤ 20 MB；发送消息时以 attachmentIds 引用）',
        params: IdParams,
        response: { 201: ConsultAttachmentDto },
      },
      preHandler: read,
    },
    async (req, reply) =>
      receiveAttachment(
        app,
        req,
        reply,
        (ctx) => checkConsultUpload(ctx, req.params.id),
        async (ctx, upload) => {
          const out = await addConsultAttachment(ctx, req.params.id, upload);
          return { path: out.path, result: out.dto };
        },
      ),
  );

  app.get(
    '/incidents/:id/consult/attachments/:attId',
    { schema: { tags, summary: '下载会商附件', params: ConsultAttachmentParams }, preHandler: read },
    async (req, reply) => sendAttachment(reply, await app.run(req, (ctx) => openConsultAttachment(ctx, req.params.id, req.params.attId))),
  );
};

import multipart from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES, IdParams, TaskDto, TaskPhotoParams } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { receiveAttachment, sendAttachment } from '../incidents/index.js';
import { addTaskPhoto, checkTaskPhotoUpload, openTaskPhoto } from './task-photos.service.js';

const tags = ['command'];

/** Photos of task feedback (现场照片): multipart upload by the assignee or a commander, and download under the task's scope. */
export const taskPhotosRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });

  app.post(
    '/tasks/:id/photos',
    {
      schema: {
        tags,
        summary: '上传任务现场照片（multipart，字段 file；JPEG/PNG/WebP，≤ 20 MB；作为事件附件保存）',
        params: IdParams,
        response: { 201: TaskDto },
      },
      preHandler: app.requirePermission('task.update'),
    },
    async (req, reply) =>
      receiveAttachment(
        app,
        req,
        reply,
        (ctx) => checkTaskPhotoUpload(ctx, req.params.id),
        async (ctx, upload) => {
          const out = await addTaskPhoto(ctx, req.params.id, upload);
          return { path: out.path, result: out.task };
        },
      ),
  );

  app.get(
    '/tasks/:id/photos/:photoId',
    { schema: { tags, summary: '查看任务现场照片', params: TaskPhotoParams }, preHandler: app.requirePermission('command.read') },
    async (req, reply) => sendAttachment(reply, await app.run(req, (ctx) => openTaskPhoto(ctx, req.params.id, req.params.photoId))),
  );
};

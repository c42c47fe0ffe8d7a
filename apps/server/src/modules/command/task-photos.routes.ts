import multipart from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES, IdParams, TaskDto, TaskPhotoParams } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { discardFile, notMultipart, receiveUpload, sendAttachment } from '../incidents/index.js';
import { addTaskPhoto, checkTaskPhotoUpload, openTaskPhoto } from './task-photos.service.js';

const tags = ['command'];

/** Photos of task feedback (现场照片): multipart upload by the assignee or a commander, and download under the task's scope. */
export const taskPhotosRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  const dataDir = app.platform.config.DATA_DIR;

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
    async (req, reply) => {
      const id = req.params.id;
      // Scope, permission and task state first, so nothing is received for a task the caller cannot touch.
      await app.run(req, (ctx) => checkTaskPhotoUpload(ctx, id));
      if (!req.isMultipart()) notMultipart();
      const part = await req.file({ throwFileSizeLimit: false });
      if (!part || part.fieldname !== 'file') {
        if (part) part.file.resume();
        notMultipart();
      }
      const upload = await receiveUpload(dataDir, part.file, part.filename);
      let finalPath: string | null = null;
      try {
        const task = await app.run(req, async (ctx) => {
          const out = await addTaskPhoto(ctx, id, upload);
          finalPath = out.path;
          return out.task;
        });
        return reply.status(201).send(task);
      } catch (err) {
        await discardFile(upload.tempPath);
        if (finalPath) await discardFile(finalPath);
        throw err;
      }
    },
  );

  app.get(
    '/tasks/:id/photos/:photoId',
    { schema: { tags, summary: '查看任务现场照片', params: TaskPhotoParams }, preHandler: app.requirePermission('command.read') },
    async (req, reply) => sendAttachment(reply, await app.run(req, (ctx) => openTaskPhoto(ctx, req.params.id, req.params.photoId))),
  );
};

import multipart from '@fastify/multipart';
import { DeviceCredentialsDto, DeviceImportJobDto, DeviceImportTemplateQuery, IdParams } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, FILE_TYPES, readUploadedFile } from '../../platform/http/files.js';
import { DEVICE_IMPORT_MAX_BYTES } from './device-import.file.js';
import {
  deviceImportErrors,
  deviceImportTemplate,
  getDeviceImport,
  listDeviceImports,
  queueDeviceImport,
  takeDeviceCredentials,
} from './device-import.service.js';

const tags = ['monitoring'];

/** Device import: template, upload (background job), progress, error report, the new devices' secrets (once). */
export const deviceImportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: DEVICE_IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  const read = app.requirePermission('monitoring.read');
  const manage = app.requirePermission('monitoring.manage');

  app.get(
    '/monitoring/device-imports/template',
    { schema: { tags, summary: '下载设备导入模板（xlsx 或 csv）', querystring: DeviceImportTemplateQuery }, preHandler: manage },
    async (req, reply) => {
      const t = await app.run(req, (ctx) => deviceImportTemplate(ctx, req.query.format));
      return reply
        .header('content-type', FILE_TYPES[req.query.format])
        .header('content-disposition', contentDisposition(t.fileName))
        .header('cache-control', 'no-store')
        .send(t.data);
    },
  );

  app.post(
    '/monitoring/device-imports',
    {
      schema: {
        tags,
        summary: '上传设备导入文件（multipart 字段 file；.xlsx 或 .csv，≤ 5 MB），后台导入，全部通过才写入',
        response: { 202: DeviceImportJobDto },
      },
      preHandler: manage,
    },
    async (req, reply) => {
      const upload = await readUploadedFile(req, DEVICE_IMPORT_MAX_BYTES);
      return reply.status(202).send(await app.run(req, (ctx) => queueDeviceImport(ctx, upload)));
    },
  );

  app.get(
    '/monitoring/device-imports',
    { schema: { tags, summary: '最近的设备导入任务', response: { 200: z.array(DeviceImportJobDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listDeviceImports(ctx)),
  );

  app.get(
    '/monitoring/device-imports/:id',
    { schema: { tags, summary: '设备导入任务（进度、结果）', params: IdParams, response: { 200: DeviceImportJobDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getDeviceImport(ctx, req.params.id)),
  );

  app.get(
    '/monitoring/device-imports/:id/errors.xlsx',
    { schema: { tags, summary: '设备导入错误报告（行号、列、原因）', params: IdParams }, preHandler: manage },
    async (req, reply) => {
      const r = await app.run(req, (ctx) => deviceImportErrors(ctx, req.params.id));
      return reply
        .header('content-type', FILE_TYPES.xlsx)
        .header('content-disposition', contentDisposition(r.fileName))
        .header('cache-control', 'no-store')
        .send(r.data);
    },
  );

  app.post(
    '/monitoring/device-imports/:id/credentials',
    {
      schema: { tags, summary: '取回导入设备的密钥（仅导入人、仅一次）', params: IdParams, response: { 200: DeviceCredentialsDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => takeDeviceCredentials(ctx, req.params.id)),
  );
};

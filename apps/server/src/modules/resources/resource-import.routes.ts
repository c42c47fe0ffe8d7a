import multipart from '@fastify/multipart';
import { IdParams, ImportEntity, ImportEntityParams, ImportJobDto, ImportListQuery, ImportTemplateQuery, Page } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition, FILE_TYPES, readUploadedFile } from '../../platform/http/files.js';
import { IMPORT_MAX_BYTES } from './import-file.js';
import { getImport, importErrorReport, importTemplate, listImports, queueImport } from './resource-import.service.js';

const tags = ['resources'];

/**
 * `POST /imports/{id}` takes the entity (team, expert, …, stock) in the place where `GET /imports/{id}`
 * takes a job id: one parameter name for both, as the router keeps one node per path position.
 */
const UploadParams = z.object({ id: ImportEntity }).strict();

/** Bulk import of registries and stock: templates, upload (background job), progress, error report. */
export const resourceImportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  const manage = app.requirePermission('resource.manage');
  const read = app.requirePermission('resource.read');

  app.get(
    '/imports/templates/:entity',
    {
      schema: { tags, summary: '下载导入模板（xlsx 或 csv）', params: ImportEntityParams, querystring: ImportTemplateQuery },
      preHandler: manage,
    },
    async (req, reply) => {
      const t = await importTemplate(req.params.entity, req.query.format);
      return reply
        .header('content-type', FILE_TYPES[req.query.format])
        .header('content-disposition', contentDisposition(t.fileName))
        .header('cache-control', 'no-store')
        .send(t.data);
    },
  );

  app.post(
    '/imports/:id',
    {
      schema: {
        tags,
        summary:
          '上传导入文件（路径参数为导入对象：team、expert、warehouse、shelter、equipment、hazard、target 或 stock；multipart 字段 file；.xlsx 或 .csv，≤ 20 MB），后台导入',
        params: UploadParams,
        response: { 202: ImportJobDto },
      },
      preHandler: manage,
    },
    async (req, reply) => {
      const upload = await readUploadedFile(req, IMPORT_MAX_BYTES);
      const job = await app.run(req, (ctx) => queueImport(ctx, req.params.id, upload));
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/imports',
    { schema: { tags, summary: '导入任务列表', querystring: ImportListQuery, response: { 200: Page(ImportJobDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listImports(ctx, req.query)),
  );

  app.get(
    '/imports/:id',
    { schema: { tags, summary: '导入任务（进度、结果）', params: IdParams, response: { 200: ImportJobDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getImport(ctx, req.params.id)),
  );

  app.get(
    '/imports/:id/errors.xlsx',
    { schema: { tags, summary: '导入错误报告（行号、列、原因）', params: IdParams }, preHandler: manage },
    async (req, reply) => {
      const r = await app.run(req, (ctx) => importErrorReport(ctx, req.params.id));
      return reply
        .header('content-type', FILE_TYPES.xlsx)
        .header('content-disposition', contentDisposition(r.fileName))
        .header('cache-control', 'no-store')
        .send(r.data);
    },
  );
};

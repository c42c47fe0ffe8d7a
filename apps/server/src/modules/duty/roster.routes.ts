import multipart from '@fastify/multipart';
import {
  CreateDutyShiftInput,
  CreateDutySwapInput,
  DecideDutySwapInput,
  DutyShiftDto,
  DutyShiftQuery,
  DutySwapDto,
  DutySwapQuery,
  IdParams,
  Page,
  RosterImportQuery,
  RosterImportResultDto,
  UpdateDutyShiftInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { sendDownload, XLSX_TYPE } from '../../platform/http/files.js';
import { rosterTemplate } from './roster-xlsx.js';
import { importErrorsXlsx, importRoster } from './roster-import.service.js';
import * as svc from './roster.service.js';
import * as swaps from './swaps.service.js';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const tags = ['duty'];

/** Rosters: shifts (month calendar), Excel import, swap requests. */
export const rosterRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
  const read = app.requirePermission('duty.read');
  const manage = app.requirePermission('duty.manage');

  app.get(
    '/duty/shifts',
    { schema: { tags, summary: '排班（月历）', querystring: DutyShiftQuery, response: { 200: Page(DutyShiftDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => svc.listShifts(ctx, req.query)),
  );

  app.post(
    '/duty/shifts',
    { schema: { tags, summary: '新建班次', body: CreateDutyShiftInput, response: { 201: DutyShiftDto } }, preHandler: manage },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => svc.createShift(ctx, req.body))),
  );

  app.get('/duty/shifts/template.xlsx', { schema: { tags, summary: '排班导入模板' }, preHandler: read }, async (_req, reply) =>
    sendDownload(reply, await rosterTemplate(), XLSX_TYPE, 'roster-template.xlsx', '排班导入模板.xlsx'),
  );

  app.post(
    '/duty/shifts/import',
    {
      schema: {
        tags,
        summary: '导入排班（Excel，全部成功才写入）',
        querystring: RosterImportQuery,
        response: { 200: RosterImportResultDto },
      },
      preHandler: manage,
    },
    async (req) => {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part)
        throw new AppError('VALIDATION', '请以 multipart/form-data 上传 Excel 文件', { errors: [{ field: 'file', message: '缺少文件' }] });
      const data = await part.toBuffer();
      const outcome = await app.run(req, (ctx) => importRoster(ctx, req.query.orgId, { data, fileName: part.filename || null }));
      if (outcome.ok) return outcome.result;
      throw new AppError('VALIDATION', `导入失败：共 ${outcome.errors.length} 处错误，未导入任何排班`, {
        extra: {
          errors: outcome.errors.map((e) => ({ ...e, field: `row${e.row}.${e.column}` })),
          errorReportId: outcome.reportId,
          errorReportUrl: `/api/v1/duty/shifts/import-errors/${outcome.reportId}.xlsx`,
        },
      });
    },
  );

  app.get(
    '/duty/shifts/import-errors/:id.xlsx',
    { schema: { tags, summary: '下载导入错误报告', params: IdParams }, preHandler: manage },
    async (req, reply) =>
      sendDownload(
        reply,
        await app.run(req, (ctx) => importErrorsXlsx(ctx, req.params.id)),
        XLSX_TYPE,
        'import-errors.xlsx',
        '排班导入错误.xlsx',
      ),
  );

  app.get(
    '/duty/shifts/:id',
    { schema: { tags, summary: '班次详情', params: IdParams, response: { 200: DutyShiftDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => svc.getShift(ctx, req.params.id)),
  );

  app.patch(
    '/duty/shifts/:id',
    {
      schema: { tags, summary: '修改班次', params: IdParams, body: UpdateDutyShiftInput, response: { 200: DutyShiftDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => svc.updateShift(ctx, req.params.id, req.body)),
  );

  app.delete('/duty/shifts/:id', { schema: { tags, summary: '删除班次', params: IdParams }, preHandler: manage }, async (req, reply) => {
    await app.run(req, (ctx) => svc.deleteShift(ctx, req.params.id));
    return reply.code(204).send();
  });

  app.get(
    '/duty/swaps',
    { schema: { tags, summary: '换班申请', querystring: DutySwapQuery, response: { 200: Page(DutySwapDto) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => swaps.listSwaps(ctx, req.query)),
  );

  app.post(
    '/duty/swaps',
    {
      schema: { tags, summary: '申请换班', body: CreateDutySwapInput, response: { 201: DutySwapDto } },
      preHandler: app.requirePermission('duty.sign'),
    },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => swaps.requestSwap(ctx, req.body))),
  );

  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const)
    app.post(
      `/duty/swaps/:id/${verb}`,
      {
        schema: {
          tags,
          summary: approve ? '批准换班' : '驳回换班',
          params: IdParams,
          body: DecideDutySwapInput.optional(),
          response: { 200: DutySwapDto },
        },
        preHandler: manage,
      },
      async (req) => app.run(req, (ctx) => swaps.decideSwap(ctx, req.params.id, approve, req.body?.note)),
    );
};

import {
  ActionParams,
  AssessmentDto,
  AssessmentSummaryDto,
  CloseActionInput,
  CorrectiveActionDto,
  CorrectiveActionInput,
  IdParams,
  SituationDto,
  UpdateEvaluationInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload } from '../../platform/http/files.js';
import {
  addAction,
  closeAction,
  deleteAction,
  getAssessment,
  listAssessments,
  presentAssessmentFor,
  updateAction,
  updateEvaluation,
} from './assessment.service.js';
import { assessmentPdf, situationPdf } from './command-pdf.js';
import { situationDocx } from './situation-docx.js';
import { buildSituation, situationForExport } from './situation.service.js';

const tags = ['command'];
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Situation summary (综合信息汇总) of an incident and after-action assessments (应急评估) of responses. */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('command.read');
  const edit = app.requirePermission('command.launch');
  const oneAction = { params: ActionParams, response: { 200: CorrectiveActionDto } };

  app.get(
    '/incidents/:id/situation',
    {
      schema: { tags, summary: '事件综合信息汇总（伤亡、响应、任务、力量、物资）', params: IdParams, response: { 200: SituationDto } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => buildSituation(ctx, req.params.id)),
  );

  app.get(
    '/incidents/:id/situation.pdf',
    { schema: { tags, summary: '综合信息汇总 PDF（含协同标绘态势图；导出留痕）', params: IdParams }, preHandler: read },
    async (req, reply) => {
      const { situation: s, plot } = await app.run(req, (ctx) => situationForExport(ctx, req.params.id, 'pdf'));
      return sendDownload(reply, await situationPdf(s, {}, plot), PDF, 'situation.pdf', `${s.incident.title}-综合信息.pdf`);
    },
  );

  app.get(
    '/incidents/:id/situation.docx',
    { schema: { tags, summary: '综合信息汇总 Word（.docx，含标绘要素表；导出留痕）', params: IdParams }, preHandler: read },
    async (req, reply) => {
      const { situation: s, plot } = await app.run(req, (ctx) => situationForExport(ctx, req.params.id, 'docx'));
      return sendDownload(reply, await situationDocx(s, plot), DOCX, 'situation.docx', `${s.incident.title}-综合信息.docx`);
    },
  );

  app.get(
    '/assessments',
    { schema: { tags, summary: '应急评估列表', response: { 200: z.object({ items: z.array(AssessmentSummaryDto) }) } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listAssessments(ctx)),
  );

  app.get(
    '/assessments/:id',
    {
      schema: { tags, summary: '应急评估详情（评估 ID 即响应 ID）', params: IdParams, response: { 200: AssessmentDto } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => getAssessment(ctx, req.params.id)),
  );

  app.get(
    '/assessments/:id/report.pdf',
    { schema: { tags, summary: '应急评估报告 PDF', params: IdParams }, preHandler: read },
    async (req, reply) => {
      const { a, now } = await app.run(req, async (ctx) => {
        await getAssessment(ctx, req.params.id);
        return { a: await presentAssessmentFor(ctx, req.params.id), now: ctx.now };
      });
      return sendDownload(reply, await assessmentPdf(a, now), PDF, 'assessment.pdf', `${a.responseName}-应急评估.pdf`);
    },
  );

  app.put(
    '/assessments/:id/evaluation',
    {
      schema: {
        tags,
        summary: '保存评估意见（version 不一致返回 409）',
        params: IdParams,
        body: UpdateEvaluationInput,
        response: { 200: AssessmentDto },
      },
      preHandler: edit,
    },
    async (req) => app.run(req, (ctx) => updateEvaluation(ctx, req.params.id, req.body)),
  );

  app.post(
    '/assessments/:id/actions',
    {
      schema: { tags, summary: '新增整改措施', params: IdParams, body: CorrectiveActionInput, response: { 201: CorrectiveActionDto } },
      preHandler: edit,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => addAction(ctx, req.params.id, req.body))),
  );

  app.patch(
    '/assessments/:id/actions/:actionId',
    { schema: { tags, summary: '修改整改措施（已完成的返回 409）', ...oneAction, body: CorrectiveActionInput }, preHandler: edit },
    async (req) => app.run(req, (ctx) => updateAction(ctx, req.params.id, req.params.actionId, req.body)),
  );

  app.delete(
    '/assessments/:id/actions/:actionId',
    {
      schema: {
        tags,
        summary: '删除整改措施（已完成的返回 409）',
        params: ActionParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
      preHandler: edit,
    },
    async (req) => app.run(req, (ctx) => deleteAction(ctx, req.params.id, req.params.actionId)),
  );

  app.post(
    '/assessments/:id/actions/:actionId/close',
    { schema: { tags, summary: '整改措施完成（open → done）', ...oneAction, body: CloseActionInput }, preHandler: edit },
    async (req) => app.run(req, (ctx) => closeAction(ctx, req.params.id, req.params.actionId, req.body)),
  );
};

import {
  AddParticipantInput,
  ConsultDecisionDto,
  ConsultDecisionInput,
  ConsultDecisionPage,
  ConsultListQuery,
  ConsultMessageDto,
  ConsultMessageInput,
  ConsultMessagePage,
  ConsultParticipantDto,
  CreatePlotFeatureInput,
  DeletePlotFeatureQuery,
  IdParams,
  ParticipantParams,
  PlotFeatureDto,
  PlotFeatureParams,
  PlotLayerDto,
  UpdatePlotFeatureInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addParticipant,
  listDecisions,
  listMessages,
  listParticipants,
  postMessage,
  recordDecision,
  removeParticipant,
} from './consult.service.js';
import { CONSULT_READ, CONSULT_WRITE } from './consult.policy.js';
import { createFeature, deleteFeature, getPlotLayer, updateFeature } from './plot.service.js';

const tags = ['consult'];
const Participants = z.object({ items: z.array(ConsultParticipantDto) });

/** Consultation room (协同会商) and collaborative plotting (协同标绘) of an incident. */
export const consultRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission(CONSULT_READ);
  const write = app.requirePermission(CONSULT_WRITE);

  app.get(
    '/incidents/:id/consult/messages',
    {
      schema: {
        tags,
        summary: '会商消息（最新在前，分页）',
        params: IdParams,
        querystring: ConsultListQuery,
        response: { 200: ConsultMessagePage },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listMessages(ctx, req.params.id, req.query)),
  );
  app.post(
    '/incidents/:id/consult/messages',
    {
      schema: {
        tags,
        summary: '发送会商消息（@提及的用户收到站内通知）',
        params: IdParams,
        body: ConsultMessageInput,
        response: { 201: ConsultMessageDto },
      },
      preHandler: read,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => postMessage(ctx, req.params.id, req.body))),
  );

  app.get(
    '/incidents/:id/consult/decisions',
    {
      schema: {
        tags,
        summary: '会商结论（最新在前，分页）',
        params: IdParams,
        querystring: ConsultListQuery,
        response: { 200: ConsultDecisionPage },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listDecisions(ctx, req.params.id, req.query)),
  );
  app.post(
    '/incidents/:id/consult/decisions',
    {
      schema: {
        tags,
        summary: '记录会商结论（写入事件时间线）',
        params: IdParams,
        body: ConsultDecisionInput,
        response: { 201: ConsultDecisionDto },
      },
      preHandler: write,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => recordDecision(ctx, req.params.id, req.body))),
  );

  app.get(
    '/incidents/:id/consult/participants',
    { schema: { tags, summary: '会商参与人（工作人员与专家）', params: IdParams, response: { 200: Participants } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listParticipants(ctx, req.params.id)),
  );
  app.post(
    '/incidents/:id/consult/participants',
    {
      schema: {
        tags,
        summary: '邀请会商参与人（用户或专家）',
        params: IdParams,
        body: AddParticipantInput,
        response: { 200: Participants },
      },
      preHandler: write,
    },
    async (req) => app.run(req, (ctx) => addParticipant(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/incidents/:id/consult/participants/:participantId',
    { schema: { tags, summary: '移除会商参与人', params: ParticipantParams, response: { 200: Participants } }, preHandler: write },
    async (req) => app.run(req, (ctx) => removeParticipant(ctx, req.params.id, req.params.participantId)),
  );

  app.get(
    '/incidents/:id/plot',
    { schema: { tags, summary: '协同标绘图层（GeoJSON）', params: IdParams, response: { 200: PlotLayerDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getPlotLayer(ctx, req.params.id)),
  );
  app.post(
    '/incidents/:id/plot/features',
    {
      schema: {
        tags,
        summary: '新增标绘（点、线、面，WGS84）',
        params: IdParams,
        body: CreatePlotFeatureInput,
        response: { 201: PlotFeatureDto },
      },
      preHandler: write,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createFeature(ctx, req.params.id, req.body))),
  );
  app.patch(
    '/incidents/:id/plot/features/:featureId',
    {
      schema: {
        tags,
        summary: '修改标绘（version 不一致返回 409）',
        params: PlotFeatureParams,
        body: UpdatePlotFeatureInput,
        response: { 200: PlotFeatureDto },
      },
      preHandler: write,
    },
    async (req) => app.run(req, (ctx) => updateFeature(ctx, req.params.id, req.params.featureId, req.body)),
  );
  app.delete(
    '/incidents/:id/plot/features/:featureId',
    {
      schema: {
        tags,
        summary: '删除标绘（给出 version 时须一致，否则 409）',
        params: PlotFeatureParams,
        querystring: DeletePlotFeatureQuery,
        response: { 204: z.null() },
      },
      preHandler: write,
    },
    async (req, reply) => {
      await app.run(req, (ctx) => deleteFeature(ctx, req.params.id, req.params.featureId, req.query.version));
      return reply.status(204).send(null);
    },
  );
};

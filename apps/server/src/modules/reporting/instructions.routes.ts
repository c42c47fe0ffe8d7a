import { IdParams, InstructionDto, InstructionFeedbackInput, IssueInstructionInput, MyInstructionsQuery, Page } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as svc from './instructions.service.js';

/** 领导批示: issue on an incident, acknowledge and report back as a target, list. */
export const instructionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('incident.read');

  app.post(
    '/incidents/:id/instructions',
    {
      schema: {
        tags: ['instructions'],
        summary: '领导批示',
        params: IdParams,
        body: IssueInstructionInput,
        response: { 201: InstructionDto },
      },
      preHandler: app.requirePermission('incident.instruct'),
    },
    async (req, reply) => reply.code(201).send(await app.run(req, (ctx) => svc.issueInstruction(ctx, req.params.id, req.body))),
  );

  app.get(
    '/incidents/:id/instructions',
    {
      schema: { tags: ['instructions'], summary: '事件的批示', params: IdParams, response: { 200: Page(InstructionDto) } },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => svc.instructionsOfIncident(ctx, req.params.id)),
  );

  app.get(
    '/instructions/mine',
    {
      schema: {
        tags: ['instructions'],
        summary: '交我（本单位）办理的批示',
        querystring: MyInstructionsQuery,
        response: { 200: Page(InstructionDto) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => svc.myInstructions(ctx, req.query)),
  );

  app.post(
    '/instructions/:id/ack',
    { schema: { tags: ['instructions'], summary: '签收批示', params: IdParams, response: { 200: InstructionDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => svc.acknowledgeInstruction(ctx, req.params.id)),
  );

  app.post(
    '/instructions/:id/feedback',
    {
      schema: {
        tags: ['instructions'],
        summary: '反馈批示办理情况',
        params: IdParams,
        body: InstructionFeedbackInput,
        response: { 200: InstructionDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => svc.answerInstruction(ctx, req.params.id, req.body.text)),
  );
};

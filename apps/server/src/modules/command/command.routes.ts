import {
  ActiveResponseDto,
  ChangeResponseLevelInput,
  CommandLogInput,
  CreateTaskInput,
  DispatchParams,
  DispatchMaterialInput,
  DispatchEquipmentInput,
  EquipmentAllocationDto,
  EquipmentAllocationParams,
  IdParams,
  LaunchResponseInput,
  MaterialDispatchDto,
  ResponseDto,
  ResponseListQuery,
  ResponseSuggestionsDto,
  ReturnEquipmentInput,
  ReturnMaterialInput,
  SuggestionQuery,
  TaskDto,
  TaskFeedbackInput,
  TaskList,
  TaskTransitionInput,
  TerminateResponseInput,
  UpdateTaskInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listActiveResponses, responseSuggestions } from './dispatch-suggest.service.js';
import { dispatchMaterial, listDispatches, returnMaterial } from './dispatch.service.js';
import { addCommandLog, changeResponseLevel, getResponse, launchResponse, listResponses, terminateResponse } from './responses.service.js';
import { dispatchEquipment, listTaskEquipment, returnEquipment } from './task-equipment.service.js';
import { addTaskFeedback, createTask, getTask, listResponseTasks, myTasks, transitionTask, updateTask } from './tasks.service.js';

const tags = ['command'];

/** Command and dispatch (指挥调度): responses on incidents, their command posts and tasks. */
export const commandRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('command.read');
  const launch = app.requirePermission('command.launch');
  const dispatch = app.requirePermission('command.dispatch');
  const work = app.requirePermission('task.update');
  const oneResponse = { params: IdParams, response: { 200: ResponseDto } };
  const oneTask = { params: IdParams, response: { 200: TaskDto } };

  app.post(
    '/incidents/:id/responses',
    {
      schema: {
        tags,
        summary: '启动应急响应（可按实施中的预案生成任务；已结束的事件返回 409）',
        params: IdParams,
        body: LaunchResponseInput,
        response: { 201: ResponseDto },
      },
      preHandler: launch,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => launchResponse(ctx, req.params.id, req.body))),
  );

  app.post(
    '/incidents/:id/command-log',
    {
      schema: {
        tags,
        summary: '手工记录指挥日志（写入事件时间线）',
        params: IdParams,
        body: CommandLogInput,
        response: { 201: z.object({ ok: z.literal(true) }) },
      },
      preHandler: dispatch,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => addCommandLog(ctx, req.params.id, req.body))),
  );

  app.get(
    '/responses',
    {
      schema: {
        tags,
        summary: '事件的应急响应列表',
        querystring: ResponseListQuery,
        response: { 200: z.object({ items: z.array(ResponseDto) }) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listResponses(ctx, req.query)),
  );

  app.get(
    '/responses/active',
    {
      schema: {
        tags,
        summary: '进行中的应急响应（一张图调度清单“派往响应”用）',
        response: { 200: z.object({ items: z.array(ActiveResponseDto) }) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listActiveResponses(ctx)),
  );

  app.get(
    '/responses/:id/suggestions',
    {
      schema: {
        tags,
        summary: '周边资源建议：指挥部（或事发地点）周边待命队伍、存有预案所需物资的仓库、有空余的避难场所、对口专家，按距离排序',
        params: IdParams,
        querystring: SuggestionQuery,
        response: { 200: ResponseSuggestionsDto },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => responseSuggestions(ctx, req.params.id, req.query)),
  );

  app.get(
    '/responses/:id',
    { schema: { tags, summary: '应急响应详情（含级别调整记录）', ...oneResponse }, preHandler: read },
    async (req) => app.run(req, (ctx) => getResponse(ctx, req.params.id)),
  );

  app.post(
    '/responses/:id/level',
    { schema: { tags, summary: '调整响应级别（须填写理由）', ...oneResponse, body: ChangeResponseLevelInput }, preHandler: launch },
    async (req) => app.run(req, (ctx) => changeResponseLevel(ctx, req.params.id, req.body)),
  );

  app.post(
    '/responses/:id/terminate',
    { schema: { tags, summary: '终止响应（须填写理由）', ...oneResponse, body: TerminateResponseInput }, preHandler: launch },
    async (req) => app.run(req, (ctx) => terminateResponse(ctx, req.params.id, req.body)),
  );

  app.get(
    '/responses/:id/tasks',
    { schema: { tags, summary: '响应的任务列表', params: IdParams, response: { 200: TaskList } }, preHandler: read },
    async (req) => app.run(req, (ctx) => listResponseTasks(ctx, req.params.id)),
  );

  app.post(
    '/responses/:id/tasks',
    {
      schema: { tags, summary: '下达临时任务', params: IdParams, body: CreateTaskInput, response: { 201: TaskDto } },
      preHandler: dispatch,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createTask(ctx, req.params.id, req.body))),
  );

  app.get(
    '/tasks/mine',
    { schema: { tags, summary: '我的任务（本人或本单位）', response: { 200: TaskList } }, preHandler: read },
    async (req) => app.run(req, (ctx) => myTasks(ctx)),
  );

  app.get('/tasks/:id', { schema: { tags, summary: '任务详情', ...oneTask }, preHandler: read }, async (req) =>
    app.run(req, (ctx) => getTask(ctx, req.params.id)),
  );

  app.patch(
    '/tasks/:id',
    { schema: { tags, summary: '修改或改派任务（version 不一致返回 409）', ...oneTask, body: UpdateTaskInput }, preHandler: dispatch },
    async (req) => app.run(req, (ctx) => updateTask(ctx, req.params.id, req.body)),
  );

  app.post(
    '/tasks/:id/transition',
    {
      schema: { tags, summary: '任务状态：接收、出发、到达、完成或拒绝（version 不一致返回 409）', ...oneTask, body: TaskTransitionInput },
      preHandler: work,
    },
    async (req) => app.run(req, (ctx) => transitionTask(ctx, req.params.id, req.body)),
  );

  app.post(
    '/tasks/:id/feedback',
    { schema: { tags, summary: '任务反馈', ...oneTask, body: TaskFeedbackInput }, preHandler: work },
    async (req) => app.run(req, (ctx) => addTaskFeedback(ctx, req.params.id, req.body)),
  );

  app.get(
    '/tasks/:id/materials',
    {
      schema: {
        tags,
        summary: '任务的物资调拨记录',
        params: IdParams,
        response: { 200: z.object({ items: z.array(MaterialDispatchDto) }) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listDispatches(ctx, req.params.id)),
  );

  app.post(
    '/tasks/:id/materials',
    {
      schema: {
        tags,
        summary: '为任务调拨仓库物资（出库与调拨记录同一事务，库存不足返回 409）',
        params: IdParams,
        body: DispatchMaterialInput,
        response: { 201: MaterialDispatchDto },
      },
      preHandler: dispatch,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => dispatchMaterial(ctx, req.params.id, req.body))),
  );

  app.post(
    '/tasks/:id/materials/:dispatchId/return',
    {
      schema: {
        tags,
        summary: '退回调拨的物资（默认全部未退回的数量；入库与记录同一事务）',
        params: DispatchParams,
        body: ReturnMaterialInput,
        response: { 200: MaterialDispatchDto },
      },
      preHandler: dispatch,
    },
    async (req) => app.run(req, (ctx) => returnMaterial(ctx, req.params.id, req.params.dispatchId, req.body)),
  );

  app.get(
    '/tasks/:id/equipment',
    {
      schema: {
        tags,
        summary: '任务的装备调派记录（含已归还的）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(EquipmentAllocationDto) }) },
      },
      preHandler: read,
    },
    async (req) => app.run(req, (ctx) => listTaskEquipment(ctx, req.params.id)),
  );

  app.post(
    '/tasks/:id/equipment',
    {
      schema: {
        tags,
        summary: '为任务调派装备（仅可用状态的装备，调派后为“使用中”；已被调派或维修、报废、归档的返回 409）',
        params: IdParams,
        body: DispatchEquipmentInput,
        response: { 201: EquipmentAllocationDto },
      },
      preHandler: dispatch,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => dispatchEquipment(ctx, req.params.id, req.body))),
  );

  app.post(
    '/tasks/:id/equipment/:allocationId/return',
    {
      schema: {
        tags,
        summary: '归还调派的装备（恢复为“可用”；已归还的返回 409）',
        params: EquipmentAllocationParams,
        body: ReturnEquipmentInput,
        response: { 200: EquipmentAllocationDto },
      },
      preHandler: dispatch,
    },
    async (req) => app.run(req, (ctx) => returnEquipment(ctx, req.params.id, req.params.allocationId, req.body)),
  );
};

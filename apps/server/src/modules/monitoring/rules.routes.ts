import {
  AlarmVersionInput,
  EscalationPolicyDto,
  EscalationPolicyInput,
  EscalationPolicyUpdate,
  IdParams,
  Page,
  RuleDto,
  RuleInput,
  RuleListQuery,
  RuleTestInput,
  RuleTestResult,
  RuleUpdateInput,
} from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { archivePolicy, createPolicy, getPolicy, listPolicies, updatePolicy } from './escalation-policies.service.js';
import { testRule } from './rule-test.service.js';
import { archiveRule, createRule, getRule, listRules, setRuleEnabled, updateRule } from './rules.service.js';

const tags = ['monitoring'];
const RulePage = Page(RuleDto);
const PolicyList = z.object({ items: z.array(EscalationPolicyDto) });
const ArchivedQuery = z.object({ includeArchived: z.enum(['true', 'false']).optional() }).strict();

/** Alarm rules (data, hot-reloaded by the rule runtime) and escalation chains. */
export const rulesRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = app.requirePermission('monitoring.read');
  const manage = app.requirePermission('monitoring.manage');

  app.get(
    '/monitoring/rules',
    { schema: { tags, summary: '报警规则列表', querystring: RuleListQuery, response: { 200: RulePage } }, preHandler: read },
    async (req) =>
      app.run(req, async (ctx) => {
        const items = await listRules(ctx, req.query);
        return { items, nextCursor: null, total: items.length };
      }),
  );

  app.post(
    '/monitoring/rules',
    { schema: { tags, summary: '新建报警规则（立即生效）', body: RuleInput, response: { 201: RuleDto } }, preHandler: manage },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createRule(ctx, req.body))),
  );

  app.post(
    '/monitoring/rules/test',
    {
      schema: { tags, summary: '用最近 24 小时的数据试算规则（不保存）', body: RuleTestInput, response: { 200: RuleTestResult } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => testRule(ctx, req.body)),
  );

  app.get(
    '/monitoring/rules/:id',
    { schema: { tags, summary: '报警规则详情', params: IdParams, response: { 200: RuleDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getRule(ctx, req.params.id)),
  );

  app.put(
    '/monitoring/rules/:id',
    {
      schema: {
        tags,
        summary: '修改报警规则（带版本号，过期版本 409）',
        params: IdParams,
        body: RuleUpdateInput,
        response: { 200: RuleDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updateRule(ctx, req.params.id, req.body)),
  );

  for (const [action, summary] of [
    ['enable', '启用规则'],
    ['disable', '停用规则'],
    ['archive', '归档规则'],
  ] as const)
    app.post(
      `/monitoring/rules/:id/${action}`,
      { schema: { tags, summary, params: IdParams, body: AlarmVersionInput, response: { 200: RuleDto } }, preHandler: manage },
      async (req) =>
        app.run(req, (ctx) =>
          action === 'archive'
            ? archiveRule(ctx, req.params.id, req.body.version)
            : setRuleEnabled(ctx, req.params.id, action === 'enable', req.body.version),
        ),
    );

  app.get(
    '/monitoring/escalation-policies',
    { schema: { tags, summary: '报警升级策略列表', querystring: ArchivedQuery, response: { 200: PolicyList } }, preHandler: read },
    async (req) => app.run(req, async (ctx) => ({ items: await listPolicies(ctx, req.query.includeArchived === 'true') })),
  );

  app.post(
    '/monitoring/escalation-policies',
    {
      schema: { tags, summary: '新建报警升级策略', body: EscalationPolicyInput, response: { 201: EscalationPolicyDto } },
      preHandler: manage,
    },
    async (req, reply) => reply.status(201).send(await app.run(req, (ctx) => createPolicy(ctx, req.body))),
  );

  app.get(
    '/monitoring/escalation-policies/:id',
    { schema: { tags, summary: '报警升级策略详情', params: IdParams, response: { 200: EscalationPolicyDto } }, preHandler: read },
    async (req) => app.run(req, (ctx) => getPolicy(ctx, req.params.id)),
  );

  app.put(
    '/monitoring/escalation-policies/:id',
    {
      schema: {
        tags,
        summary: '修改报警升级策略（带版本号）',
        params: IdParams,
        body: EscalationPolicyUpdate,
        response: { 200: EscalationPolicyDto },
      },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => updatePolicy(ctx, req.params.id, req.body)),
  );

  app.post(
    '/monitoring/escalation-policies/:id/archive',
    {
      schema: { tags, summary: '归档报警升级策略', params: IdParams, body: AlarmVersionInput, response: { 200: EscalationPolicyDto } },
      preHandler: manage,
    },
    async (req) => app.run(req, (ctx) => archivePolicy(ctx, req.params.id, req.body.version)),
  );
};

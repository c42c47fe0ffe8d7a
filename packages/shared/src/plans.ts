import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';
import { WARNING_COLOURS, WarningColour } from './warnings.js';

/**
 * Digital emergency plans (数字预案): a plan version with its response levels I–IV, each with
 * start conditions held as data and a list of task templates, and the approval workflow
 * draft → submitted → approved → active → retired.
 */

export const PLAN_LEVELS = ['city', 'county', 'enterprise'] as const;
export const PlanLevel = z.enum(PLAN_LEVELS);
export type PlanLevel = z.infer<typeof PlanLevel>;
export const PLAN_LEVEL_ZH: Record<PlanLevel, string> = { city: '市级', county: '县级', enterprise: '企业' };

export const PLAN_TYPES = ['overall', 'special', 'department', 'event'] as const;
export const PlanType = z.enum(PLAN_TYPES);
export type PlanType = z.infer<typeof PlanType>;
export const PLAN_TYPE_ZH: Record<PlanType, string> = {
  overall: '总体应急预案',
  special: '专项应急预案',
  department: '部门应急预案',
  event: '重大活动应急预案',
};

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'active', 'retired'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;
export const PLAN_STATUS_ZH: Record<PlanStatus, string> = {
  draft: '草稿',
  submitted: '待审批',
  approved: '已批准',
  active: '实施中',
  retired: '已废止',
};

/** Response levels, 一级 (I) the highest. The same four letters name incident grades (I 特别重大 … IV 一般). */
export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export const ResponseLevel = z.enum(RESPONSE_LEVELS);
export type ResponseLevel = z.infer<typeof ResponseLevel>;
export const RESPONSE_LEVEL_ZH: Record<ResponseLevel, string> = { I: 'Ⅰ级响应', II: 'Ⅱ级响应', III: 'Ⅲ级响应', IV: 'Ⅳ级响应' };

/** A national event code (GB/T 35561), a category (11B00) or a specific type (11B01); existence is checked on the server. */
export const PlanEventCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[1-9]\d[0-9A-Z]\d{2}$/, '事件类型应为 5 位国家代码，如 11B01 或 12D00');

const Count = z.number().int('须为整数').min(1, '阈值须大于 0').max(100_000_000, '阈值过大');

/** One start condition of a response level. `min` of a grade or colour means "at least that severe". */
export const PlanCondition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incidentGrade'), min: ResponseLevel }).strict(),
  z.object({ kind: z.literal('dead'), min: Count }).strict(),
  z.object({ kind: z.literal('injured'), min: Count }).strict(),
  z.object({ kind: z.literal('missing'), min: Count }).strict(),
  z.object({ kind: z.literal('evacuated'), min: Count }).strict(),
  z.object({ kind: z.literal('warningColour'), min: WarningColour }).strict(),
  z.object({ kind: z.literal('eventCode'), codes: z.array(PlanEventCode).min(1, '至少填写一个事件类型').max(50) }).strict(),
]);
export type PlanCondition = z.infer<typeof PlanCondition>;
export type PlanConditionKind = PlanCondition['kind'];
export const PLAN_CONDITION_KINDS = ['incidentGrade', 'dead', 'injured', 'missing', 'evacuated', 'warningColour', 'eventCode'] as const;
export const PLAN_CONDITION_ZH: Record<PlanConditionKind, string> = {
  incidentGrade: '事件等级',
  dead: '死亡人数',
  injured: '受伤人数',
  missing: '失踪人数',
  evacuated: '紧急转移人数',
  warningColour: '预警级别',
  eventCode: '事件类型',
};

export const PlanConditionSet = z
  .object({
    mode: z.enum(['any', 'all']),
    conditions: z.array(PlanCondition).min(1, '至少设置一个启动条件').max(20, '启动条件不超过 20 个'),
  })
  .strict();
export type PlanConditionSet = z.infer<typeof PlanConditionSet>;

export const PLAN_RESOURCE_KINDS = ['team', 'expert', 'supply', 'equipment', 'vehicle', 'shelter', 'other'] as const;
export const PlanResourceKind = z.enum(PLAN_RESOURCE_KINDS);
export type PlanResourceKind = z.infer<typeof PlanResourceKind>;
export const PLAN_RESOURCE_KIND_ZH: Record<PlanResourceKind, string> = {
  team: '救援队伍',
  expert: '专家',
  supply: '物资',
  equipment: '装备',
  vehicle: '车辆',
  shelter: '避难场所',
  other: '其他',
};

export const PlanResourceNeed = z
  .object({
    kind: PlanResourceKind,
    /** A resource class or catalogue code, e.g. 消防救援 / 1001. */
    code: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z_.-]{1,40}$/, '资源代码只能包含字母、数字、点、下划线和短横线（不超过 40 个字符）')
      .optional(),
    quantity: z.number().int('数量须为整数').min(1, '数量须大于 0').max(1_000_000, '数量过大').optional(),
    note: Text(200).optional(),
  })
  .strict();
export type PlanResourceNeed = z.infer<typeof PlanResourceNeed>;

/** A task the response creates when launched at this level; `deadlineMinutes` counts from the launch. */
export const PlanTaskTemplate = z
  .object({
    title: NonEmptyText(200),
    responsibleOrgId: z.uuid().optional(),
    responsibleRole: Text(100).optional(),
    action: NonEmptyText(2000),
    deadlineMinutes: z.number().int('须为整数').min(0, '时限不能为负').max(43_200, '时限不超过 30 天'),
    resources: z.array(PlanResourceNeed).max(50).default([]),
  })
  .strict();
export type PlanTaskTemplate = z.infer<typeof PlanTaskTemplate>;

export const PlanResponseLevel = z
  .object({
    level: ResponseLevel,
    start: PlanConditionSet,
    note: Text(1000).optional(),
    tasks: z.array(PlanTaskTemplate).max(200, '每级任务不超过 200 项').default([]),
  })
  .strict();
export type PlanResponseLevel = z.infer<typeof PlanResponseLevel>;

const Levels = z
  .array(PlanResponseLevel)
  .max(4)
  .default([])
  .refine((ls) => new Set(ls.map((l) => l.level)).size === ls.length, { message: '响应级别不能重复' });

/** The content of a plan version: what export, import and diff carry. */
export const PlanContent = z
  .object({
    name: NonEmptyText(200),
    level: PlanLevel,
    type: PlanType,
    eventCodes: z.array(PlanEventCode).min(1, '至少选择一个适用的事件类型').max(50),
    summary: Text(8000).optional(),
    levels: Levels,
  })
  .strict();
export type PlanContent = z.infer<typeof PlanContent>;

export const CreatePlanInput = PlanContent.extend({
  /** Owner org (default: the author's own); must lie where the author may manage plans. */
  orgId: z.uuid().optional(),
}).strict();
export type CreatePlanInput = z.infer<typeof CreatePlanInput>;

export const UpdatePlanInput = PlanContent.extend({ revision: z.number().int().min(1).optional() }).strict();
export type UpdatePlanInput = z.infer<typeof UpdatePlanInput>;

/** Body of a workflow step (may be absent); `revision` guards against acting on a stale view. */
export const PlanStepInput = z
  .object({ revision: z.number().int().min(1).optional(), note: Text(500).optional() })
  .strict()
  .nullish();
export type PlanStepInput = z.infer<typeof PlanStepInput>;

export const PlanRejectInput = z.object({ reason: NonEmptyText(500), revision: z.number().int().min(1).optional() }).strict();
export type PlanRejectInput = z.infer<typeof PlanRejectInput>;

export const PlanListQuery = ListQuery.extend({
  status: PlanStatus.optional(),
  level: PlanLevel.optional(),
  type: PlanType.optional(),
  eventCode: PlanEventCode.optional(),
  orgId: z.uuid().optional(),
}).strict();
export type PlanListQuery = z.infer<typeof PlanListQuery>;

export const PlanMatchQuery = z
  .object({
    incidentId: z.uuid(),
    /** The highest warning colour in force in the incident's area, when the caller knows it. */
    warningColour: WarningColour.optional(),
  })
  .strict();
export type PlanMatchQuery = z.infer<typeof PlanMatchQuery>;

export const PlanDiffQuery = z.object({ against: z.uuid() }).strict();

export const PlanImportQuery = z.object({ orgId: z.uuid().optional() }).strict();

export const PLAN_EXPORT_FORMAT = 'vigil.plan';

/** The JSON export document (and the JSON import body). */
export const PlanExportDocument = z
  .object({
    format: z.literal(PLAN_EXPORT_FORMAT),
    formatVersion: z.literal(1),
    exportedAt: z.iso.datetime({ offset: true }).optional(),
    source: z
      .object({ planId: z.uuid(), versionNo: z.number().int().min(1), orgName: Text(200), status: PlanStatus })
      .strict()
      .optional(),
    plan: PlanContent,
  })
  .strict();
export type PlanExportDocument = z.infer<typeof PlanExportDocument>;

export const PlanAbilitiesDto = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  reject: z.boolean(),
  activate: z.boolean(),
  retire: z.boolean(),
  newVersion: z.boolean(),
});
export type PlanAbilitiesDto = z.infer<typeof PlanAbilitiesDto>;

export const PlanDto = z.object({
  id: z.string(),
  seriesId: z.string(),
  versionNo: z.number().int(),
  previousVersionId: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  level: PlanLevel,
  type: PlanType,
  eventCodes: z.array(z.string()),
  summary: z.string().nullable(),
  levels: z.array(PlanResponseLevel),
  status: PlanStatus,
  revision: z.number().int(),
  createdBy: z.string().nullable(),
  submittedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: PlanAbilitiesDto.optional(),
});
export type PlanDto = z.infer<typeof PlanDto>;

/** What matching knows about an incident. `grade` 1–4 = I–IV; null when not graded. */
export interface IncidentFacts {
  eventCode: string;
  grade: 1 | 2 | 3 | 4 | null;
  dead: number;
  injured: number;
  missing: number;
  evacuated: number;
  warningColour: WarningColour | null;
}

export const IncidentFactsDto = z.object({
  eventCode: z.string(),
  grade: z.number().int().nullable(),
  dead: z.number(),
  injured: z.number(),
  missing: z.number(),
  evacuated: z.number(),
  warningColour: WarningColour.nullable(),
});

export const ConditionResultDto = z.object({
  condition: PlanCondition,
  met: z.boolean(),
  /** The incident's value compared (a number, a grade letter, a colour or an event code; null when unknown). */
  actual: z.union([z.string(), z.number()]).nullable(),
  text: z.string(),
});
export type ConditionResultDto = z.infer<typeof ConditionResultDto>;

export const LevelMatchDto = z.object({
  level: ResponseLevel,
  mode: z.enum(['any', 'all']),
  met: z.boolean(),
  matched: z.array(ConditionResultDto),
  unmatched: z.array(ConditionResultDto),
});
export type LevelMatchDto = z.infer<typeof LevelMatchDto>;

/** How closely a plan's event codes cover the incident's code: the same code, its 3-character class, or its 2-digit category. */
export const EVENT_MATCHES = ['exact', 'class', 'category'] as const;
export type EventMatch = (typeof EVENT_MATCHES)[number];

export const PlanMatchDto = z.object({
  planId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  level: PlanLevel,
  type: PlanType,
  versionNo: z.number().int(),
  eventMatch: z.enum(EVENT_MATCHES),
  suggestedLevel: ResponseLevel.nullable(),
  levels: z.array(LevelMatchDto),
  score: z.number(),
});
export type PlanMatchDto = z.infer<typeof PlanMatchDto>;

export const PlanMatchResultDto = z.object({
  incidentId: z.string(),
  facts: IncidentFactsDto,
  items: z.array(PlanMatchDto),
});
export type PlanMatchResultDto = z.infer<typeof PlanMatchResultDto>;

export const PlanChangeDto = z.object({
  scope: z.enum(['field', 'level', 'condition', 'task']),
  op: z.enum(['added', 'removed', 'changed']),
  /** Where: a field name, `levels.II`, `levels.II.start.conditions.dead`, `levels.II.tasks.<title>`. */
  path: z.string(),
  level: ResponseLevel.nullable(),
  label: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type PlanChangeDto = z.infer<typeof PlanChangeDto>;

export const PlanDiffDto = z.object({
  from: z.object({ id: z.string(), versionNo: z.number().int() }),
  to: z.object({ id: z.string(), versionNo: z.number().int() }),
  changes: z.array(PlanChangeDto),
});
export type PlanDiffDto = z.infer<typeof PlanDiffDto>;

export const PlanImportErrorDto = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string() });
export type PlanImportErrorDto = z.infer<typeof PlanImportErrorDto>;

/** Warning colours from the mildest up (blue < yellow < orange < red). */
export const PLAN_COLOUR_ORDER: readonly WarningColour[] = WARNING_COLOURS;

/** Domain events of plans (outbox, realtime topic `plans`); each write is also audited under the same name. */
export const PLAN_EVENTS = {
  created: 'plan.created',
  imported: 'plan.imported',
  edited: 'plan.edited',
  versionCreated: 'plan.version_created',
  submitted: 'plan.submitted',
  approved: 'plan.approved',
  rejected: 'plan.rejected',
  activated: 'plan.activated',
  retired: 'plan.retired',
} as const;
export type PlanEventName = (typeof PLAN_EVENTS)[keyof typeof PLAN_EVENTS];

/** The payload of every `plan.*` event. */
export interface PlanEventPayload {
  planId: string;
  seriesId: string;
  versionNo: number;
  orgId: string;
  status: PlanStatus;
  name: string;
}

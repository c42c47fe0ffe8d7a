import { z } from 'zod';
import { NonEmptyText, Text } from './common.js';
import { ResponseLevel } from './plans.js';

/**
 * Command and dispatch (指挥调度): responses launched on an incident (a response level I–IV chosen
 * by the commander, optionally following an active plan version, with a command post and its
 * members) and the tasks they hand out to orgs, rescue teams or people.
 */

export const RESPONSE_STATUSES = ['active', 'terminated'] as const;
export const ResponseStatus = z.enum(RESPONSE_STATUSES);
export type ResponseStatus = z.infer<typeof ResponseStatus>;
export const RESPONSE_STATUS_ZH: Record<ResponseStatus, string> = { active: '响应中', terminated: '已终止' };

/** Roles in a command post (指挥部). */
export const POST_ROLES = ['commander', 'deputy', 'member', 'liaison', 'expert', 'secretary'] as const;
export const PostRole = z.enum(POST_ROLES);
export type PostRole = z.infer<typeof PostRole>;
export const POST_ROLE_ZH: Record<PostRole, string> = {
  commander: '总指挥',
  deputy: '副总指挥',
  member: '成员',
  liaison: '联络员',
  expert: '专家',
  secretary: '秘书',
};

export const PostMember = z.object({ userId: z.uuid('成员须为用户 ID'), role: PostRole }).strict();
export type PostMember = z.infer<typeof PostMember>;

export const CommandLocation = z
  .object({
    lng: z.number('经度须为数字').min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
    lat: z.number('纬度须为数字').min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  })
  .strict();

export const CommandPostInput = z
  .object({
    name: NonEmptyText(200).optional(),
    address: Text(300).optional(),
    location: CommandLocation.optional(),
    members: z
      .array(PostMember)
      .max(200, '成员不超过 200 人')
      .default([])
      .refine((ms) => new Set(ms.map((m) => m.userId)).size === ms.length, { message: '成员不能重复' }),
  })
  .strict();
export type CommandPostInput = z.infer<typeof CommandPostInput>;

/** `POST /incidents/:id/responses`: launch a response (启动响应). */
export const LaunchResponseInput = z
  .object({
    level: ResponseLevel,
    planId: z.uuid('预案 ID 无效').optional(),
    name: NonEmptyText(200).optional(),
    reason: Text(1000).optional(),
    post: CommandPostInput.optional(),
    /** Minutes a task may stay unaccepted before the commander is reminded (default 15). */
    escalateAfterMinutes: z.number().int('须为整数').min(1, '不少于 1 分钟').max(1440, '不超过 1440 分钟').optional(),
  })
  .strict();
export type LaunchResponseInput = z.infer<typeof LaunchResponseInput>;

export const ChangeResponseLevelInput = z
  .object({ level: ResponseLevel, reason: NonEmptyText(1000), version: z.number().int().min(1).optional() })
  .strict();
export type ChangeResponseLevelInput = z.infer<typeof ChangeResponseLevelInput>;

export const TerminateResponseInput = z.object({ reason: NonEmptyText(1000), version: z.number().int().min(1).optional() }).strict();
export type TerminateResponseInput = z.infer<typeof TerminateResponseInput>;

export const ResponseListQuery = z.object({ incidentId: z.uuid('事件 ID 无效') }).strict();
export type ResponseListQuery = z.infer<typeof ResponseListQuery>;

export const ResponseLevelChangeDto = z.object({
  from: ResponseLevel.nullable(),
  to: ResponseLevel,
  reason: z.string().nullable(),
  at: z.string(),
  by: z.string().nullable(),
});

export const ResponseAbilitiesDto = z.object({ changeLevel: z.boolean(), terminate: z.boolean(), createTask: z.boolean() });

export const ResponseDto = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  orgId: z.uuid(),
  name: z.string(),
  level: ResponseLevel,
  status: ResponseStatus,
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  post: z.object({
    name: z.string().nullable(),
    address: z.string().nullable(),
    location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    members: z.array(z.object({ userId: z.uuid(), role: PostRole, name: z.string().nullable() })),
  }),
  escalateAfterMinutes: z.number().int(),
  launchedBy: z.string().nullable(),
  launchedAt: z.string(),
  terminatedAt: z.string().nullable(),
  terminateReason: z.string().nullable(),
  levelHistory: z.array(ResponseLevelChangeDto),
  taskCount: z.number().int(),
  version: z.number().int(),
  abilities: ResponseAbilitiesDto.optional(),
});
export type ResponseDto = z.infer<typeof ResponseDto>;

/** Task statuses: assigned → accepted → en_route → on_site → done, or rejected with a reason. */
export const TASK_STATUSES = ['assigned', 'accepted', 'en_route', 'on_site', 'done', 'rejected'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const TASK_STATUS_ZH: Record<TaskStatus, string> = {
  assigned: '已下达',
  accepted: '已接收',
  en_route: '出发中',
  on_site: '已到达',
  done: '已完成',
  rejected: '已拒绝',
};

export const ASSIGNEE_KINDS = ['org', 'team', 'user'] as const;
export const AssigneeKind = z.enum(ASSIGNEE_KINDS);
export type AssigneeKind = z.infer<typeof AssigneeKind>;

export const TaskAssignee = z.object({ kind: AssigneeKind, id: z.uuid('执行对象 ID 无效') }).strict();
export type TaskAssignee = z.infer<typeof TaskAssignee>;

export const CreateTaskInput = z
  .object({
    title: NonEmptyText(200),
    action: Text(2000).optional(),
    assignee: TaskAssignee.optional(),
    deadline: z.iso.datetime({ offset: true, message: '时限须为 ISO 8601 时间' }).optional(),
  })
  .strict();
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

/** `PATCH /tasks/:id`: edits by the commander; `version` is the one seen (a stale one is a 409). */
export const UpdateTaskInput = z
  .object({
    version: z.number('须为数字').int('须为整数').min(1),
    title: NonEmptyText(200).optional(),
    action: Text(2000).optional(),
    assignee: TaskAssignee.optional(),
    deadline: z.iso.datetime({ offset: true, message: '时限须为 ISO 8601 时间' }).nullable().optional(),
  })
  .strict();
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const TaskTransitionInput = z
  .object({
    to: TaskStatus,
    version: z.number('须为数字').int('须为整数').min(1),
    reason: Text(1000).optional(),
  })
  .strict();
export type TaskTransitionInput = z.infer<typeof TaskTransitionInput>;

export const TaskFeedbackInput = z.object({ note: NonEmptyText(2000) }).strict();
export type TaskFeedbackInput = z.infer<typeof TaskFeedbackInput>;

export const CommandLogInput = z.object({ summary: NonEmptyText(500) }).strict();
export type CommandLogInput = z.infer<typeof CommandLogInput>;

export const TaskFeedbackDto = z.object({ id: z.uuid(), note: z.string(), by: z.string().nullable(), at: z.string() });

/** A photo of the task's feedback (现场照片), stored as an attachment of the incident; `url` streams it under the task's scope. */
export const TaskPhotoDto = z.object({
  id: z.uuid(),
  fileName: z.string(),
  url: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type TaskPhotoDto = z.infer<typeof TaskPhotoDto>;
export const TaskPhotoParams = z.object({ id: z.uuid(), photoId: z.uuid() }).strict();

export const TaskDto = z.object({
  id: z.uuid(),
  responseId: z.uuid(),
  incidentId: z.uuid(),
  title: z.string(),
  action: z.string().nullable(),
  source: z.enum(['plan', 'adhoc']),
  responsibleRole: z.string().nullable(),
  assignee: z.object({ kind: AssigneeKind, id: z.uuid(), name: z.string().nullable() }).nullable(),
  status: TaskStatus,
  deadline: z.string().nullable(),
  rejectReason: z.string().nullable(),
  assignedAt: z.string(),
  acceptedAt: z.string().nullable(),
  enRouteAt: z.string().nullable(),
  onSiteAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  feedback: z.array(TaskFeedbackDto),
  photos: z.array(TaskPhotoDto),
  version: z.number().int(),
  next: z.array(TaskStatus),
});
export type TaskDto = z.infer<typeof TaskDto>;

export const TaskList = z.object({ items: z.array(TaskDto) });

/** `POST /tasks/:id/materials`: send materials from a warehouse stock line for the task (物资调拨). */
export const DispatchMaterialInput = z
  .object({
    lineId: z.uuid('库存 ID 无效'),
    quantity: z.number('数量须为数字').positive('数量必须大于 0').max(1e9, '数量过大'),
    note: Text(500).optional(),
  })
  .strict();
export type DispatchMaterialInput = z.infer<typeof DispatchMaterialInput>;

/** `POST /tasks/:id/materials/:dispatchId/return`: puts unused materials back (all that is left by default). */
export const ReturnMaterialInput = z
  .object({
    quantity: z.number('数量须为数字').positive('数量必须大于 0').max(1e9, '数量过大').optional(),
    note: Text(500).optional(),
  })
  .strict();
export type ReturnMaterialInput = z.infer<typeof ReturnMaterialInput>;

export const DispatchParams = z.object({ id: z.uuid(), dispatchId: z.uuid() }).strict();

export const MaterialDispatchDto = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  lineId: z.uuid(),
  warehouseId: z.uuid(),
  warehouseName: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number(),
  returnedQuantity: z.number(),
  /** What is left on the stock line right after this dispatch or return. */
  remaining: z.number().optional(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});
export type MaterialDispatchDto = z.infer<typeof MaterialDispatchDto>;

/** `POST /tasks/:id/equipment`: allocate an available piece of equipment (装备) to the task (调派装备). */
export const DispatchEquipmentInput = z
  .object({
    equipmentId: z.uuid('装备 ID 无效'),
    note: Text(500).optional(),
  })
  .strict();
export type DispatchEquipmentInput = z.infer<typeof DispatchEquipmentInput>;

/** `POST /tasks/:id/equipment/:allocationId/return`: gives the equipment back (it is available again). */
export const ReturnEquipmentInput = z.object({ note: Text(500).optional() }).strict();
export type ReturnEquipmentInput = z.infer<typeof ReturnEquipmentInput>;

export const EquipmentAllocationParams = z.object({ id: z.uuid(), allocationId: z.uuid() }).strict();

/** One allocation of equipment to a task; `returnedAt` null while the equipment is still out. */
export const EquipmentAllocationDto = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  equipmentId: z.uuid(),
  /** The equipment's name and type (EQUIPMENT_TYPES) when it was dispatched. */
  name: z.string(),
  equipmentType: z.string().nullable(),
  note: z.string().nullable(),
  dispatchedAt: z.string(),
  dispatchedBy: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnNote: z.string().nullable(),
});
export type EquipmentAllocationDto = z.infer<typeof EquipmentAllocationDto>;

export const COMMAND_EVENTS = {
  responseLaunched: 'command.response_launched',
  levelChanged: 'command.level_changed',
  responseTerminated: 'command.response_terminated',
  taskCreated: 'command.task_created',
  taskUpdated: 'command.task_updated',
  taskEscalated: 'command.task_escalated',
  materialDispatched: 'command.material_dispatched',
  materialReturned: 'command.material_returned',
  equipmentDispatched: 'command.equipment_dispatched',
  equipmentReturned: 'command.equipment_returned',
} as const;

/* ---------- Situation summary (综合信息汇总) ---------- */

export const CasualtyCounts = z.object({
  dead: z.number(),
  missing: z.number(),
  seriouslyInjured: z.number(),
  lightlyInjured: z.number(),
});
export type CasualtyCounts = z.infer<typeof CasualtyCounts>;

/** One point of the casualty trend: the incident record or a report (首报/续报/…) at a time. */
export const CasualtyPoint = CasualtyCounts.extend({ at: z.string(), source: z.string() });
export type CasualtyPoint = z.infer<typeof CasualtyPoint>;

export const SituationDto = z.object({
  incident: z.object({ id: z.uuid(), title: z.string(), status: z.string(), occurredAt: z.string(), receivedAt: z.string() }),
  generatedAt: z.string(),
  casualties: CasualtyCounts,
  casualtyTrend: z.array(CasualtyPoint),
  responses: z.array(z.object({ id: z.uuid(), name: z.string(), level: ResponseLevel, status: ResponseStatus, launchedAt: z.string() })),
  tasksByStatus: z.record(z.string(), z.number()),
  assignees: z.array(z.object({ kind: AssigneeKind, name: z.string(), tasks: z.number() })),
  materials: z.array(z.object({ itemName: z.string(), unit: z.string(), dispatched: z.number(), returned: z.number() })),
  /** Equipment (装备) dispatched to the incident's tasks, by type (EQUIPMENT_TYPES): distinct pieces sent, and still out. */
  equipment: z.array(z.object({ equipmentType: z.string().nullable(), dispatched: z.number(), out: z.number() })).optional(),
  /** The incident's location (WGS84), when known: the centre of the map snapshot in the reports. */
  location: z.object({ lng: z.number(), lat: z.number() }).nullable().optional(),
  /** Leaders' instructions (领导批示) on the incident with targets that have not reported back yet. */
  openInstructions: z
    .array(z.object({ text: z.string(), author: z.string(), issuedAt: z.string(), dueAt: z.string(), openTargets: z.number() }))
    .optional(),
  /** The latest entries of the incident's timeline, newest first. */
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), summary: z.string(), actor: z.string().nullable() })).optional(),
});
export type SituationDto = z.infer<typeof SituationDto>;

/* ---------- Dispatch suggestions (周边资源建议) ---------- */

export const SUGGESTION_KINDS = ['team', 'warehouse', 'shelter', 'expert'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SuggestionQuery = z
  .object({
    radiusKm: z.coerce.number('半径须为数字').positive('半径须大于 0').max(200, '半径不超过 200 公里').default(20),
    limit: z.coerce.number('数量须为数字').int('数量须为整数').min(1).max(50).default(5),
  })
  .strict();
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

export const SuggestionItem = z.object({
  kind: z.enum(SUGGESTION_KINDS),
  id: z.string(),
  name: z.string(),
  orgName: z.string(),
  status: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }),
  distanceM: z.number(),
  /** Why it is suggested: the plan's material code held (warehouses), free places (shelters), the matching specialty (experts). */
  detail: z.string().nullable(),
  /** Warehouses: the quantity held of the plan's material, when searched by one. */
  quantity: z.number().nullable(),
});
export type SuggestionItem = z.infer<typeof SuggestionItem>;

/** `GET /responses/:id/suggestions`: the nearest resources to send, around the command post or else the incident. */
export const ResponseSuggestionsDto = z.object({
  responseId: z.uuid(),
  center: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  /** Where the centre comes from: the command post, the incident, or nowhere (no location known: no suggestions). */
  centerSource: z.enum(['post', 'incident', 'none']),
  radiusKm: z.number(),
  /** Event code the experts were matched on (the incident's event type). */
  eventType: z.string().nullable(),
  /** Material codes named by the plan's task templates of the response's level (empty: any warehouse). */
  materialCodes: z.array(z.string()),
  teams: z.array(SuggestionItem),
  warehouses: z.array(SuggestionItem),
  shelters: z.array(SuggestionItem),
  experts: z.array(SuggestionItem),
});
export type ResponseSuggestionsDto = z.infer<typeof ResponseSuggestionsDto>;

/** `GET /responses/active`: the active responses the actor may dispatch to (for the One Map's dispatch list). */
export const ActiveResponseDto = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentTitle: z.string(),
  name: z.string(),
  level: ResponseLevel,
  launchedAt: z.string(),
});
export type ActiveResponseDto = z.infer<typeof ActiveResponseDto>;

/* ---------- After-action assessment (应急评估) ---------- */

export const ASSESSMENT_DIMENSIONS = ['speed', 'coordination', 'resources', 'reporting', 'overall'] as const;
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];
export const ASSESSMENT_DIMENSION_ZH: Record<AssessmentDimension, string> = {
  speed: '响应速度',
  coordination: '协同配合',
  resources: '资源保障',
  reporting: '信息报送',
  overall: '总体评价',
};

const Score = z.number('评分须为数字').int('评分须为整数').min(1, '评分应在 1 到 5 之间').max(5, '评分应在 1 到 5 之间');
export const DimensionEvaluation = z.object({ score: Score.nullable(), comment: Text(2000) }).strict();

export const AssessmentEvaluation = z
  .object({
    speed: DimensionEvaluation,
    coordination: DimensionEvaluation,
    resources: DimensionEvaluation,
    reporting: DimensionEvaluation,
    overall: DimensionEvaluation,
    lessons: Text(4000),
  })
  .strict();
export type AssessmentEvaluation = z.infer<typeof AssessmentEvaluation>;

export const UpdateEvaluationInput = z.object({ evaluation: AssessmentEvaluation, version: z.number().int().min(1) }).strict();
export type UpdateEvaluationInput = z.infer<typeof UpdateEvaluationInput>;

/** Measured durations in minutes (null when a timestamp is missing) and task rates in percent. */
export const AssessmentMeasures = z.object({
  occurredAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  firstReportAt: z.string().nullable(),
  launchedAt: z.string().nullable(),
  firstOnSiteAt: z.string().nullable(),
  terminatedAt: z.string().nullable(),
  occurrenceToReceiptMin: z.number().nullable(),
  receiptToFirstReportMin: z.number().nullable(),
  receiptToLaunchMin: z.number().nullable(),
  launchToFirstOnSiteMin: z.number().nullable(),
  tasksTotal: z.number(),
  tasksDone: z.number(),
  tasksOverdue: z.number(),
  completionRate: z.number().nullable(),
  overdueRate: z.number().nullable(),
  materials: z.array(z.object({ itemName: z.string(), unit: z.string(), used: z.number() })),
});
export type AssessmentMeasures = z.infer<typeof AssessmentMeasures>;

export const ACTION_STATUSES = ['open', 'done'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;
export const ACTION_STATUS_ZH: Record<ActionStatus, string> = { open: '整改中', done: '已完成' };

export const CorrectiveActionInput = z
  .object({
    title: NonEmptyText(500),
    ownerOrgId: z.uuid('责任单位 ID 无效').nullable().optional(),
    ownerUserId: z.uuid('责任人 ID 无效').nullable().optional(),
    deadline: z.iso.datetime({ message: '整改期限须为 ISO 时间', offset: true }).nullable().optional(),
  })
  .strict();
export type CorrectiveActionInput = z.infer<typeof CorrectiveActionInput>;

export const CloseActionInput = z.object({ note: Text(2000).optional() }).strict();
export type CloseActionInput = z.infer<typeof CloseActionInput>;

export const ActionParams = z.object({ id: z.uuid(), actionId: z.uuid() }).strict();

export const CorrectiveActionDto = z.object({
  id: z.uuid(),
  title: z.string(),
  ownerOrgId: z.uuid().nullable(),
  ownerOrgName: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerUserName: z.string().nullable(),
  deadline: z.string().nullable(),
  status: ActionStatus,
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
});
export type CorrectiveActionDto = z.infer<typeof CorrectiveActionDto>;

export const AssessmentDto = z.object({
  /** The assessment shares its response's id (one assessment per terminated response). */
  id: z.uuid(),
  responseId: z.uuid(),
  responseName: z.string(),
  level: ResponseLevel,
  incidentId: z.uuid(),
  incidentTitle: z.string(),
  openedAt: z.string(),
  measures: AssessmentMeasures,
  evaluation: AssessmentEvaluation,
  actions: z.array(CorrectiveActionDto),
  version: z.number(),
  canEdit: z.boolean(),
});
export type AssessmentDto = z.infer<typeof AssessmentDto>;

export const AssessmentSummaryDto = AssessmentDto.pick({
  id: true,
  responseName: true,
  level: true,
  incidentId: true,
  incidentTitle: true,
  openedAt: true,
}).extend({ openActions: z.number() });
export type AssessmentSummaryDto = z.infer<typeof AssessmentSummaryDto>;

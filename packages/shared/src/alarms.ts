import { z } from 'zod';
import { Text, NonEmptyText } from './common.js';

/**
 * Rules and alarms of the monitoring module (监测预警). Rules are data: a kind, a target (every
 * device of a type, or one device) and a definition evaluated in memory on the reading stream and
 * on timers. An alarm is one open row per rule and subject (a point, a device or a site) with an
 * occurrence counter: 报警中 → 已确认 → 已恢复 → 已关闭.
 */

/** Alarm level = colour: red 一级, orange 二级, yellow 三级, blue 四级. */
export const ALARM_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const AlarmLevel = z.enum(ALARM_LEVELS, { message: '报警级别应为 blue、yellow、orange 或 red' });
export type AlarmLevel = z.infer<typeof AlarmLevel>;

export const ALARM_LEVEL_ZH: Record<AlarmLevel, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

/** Severity order of levels (higher = more severe). */
export const ALARM_LEVEL_RANK: Record<AlarmLevel, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

export const ALARM_STATUSES = ['active', 'acknowledged', 'cleared', 'closed'] as const;
export const AlarmStatus = z.enum(ALARM_STATUSES, { message: '报警状态取值无效' });
export type AlarmStatus = z.infer<typeof AlarmStatus>;

export const ALARM_STATUS_ZH: Record<AlarmStatus, string> = {
  active: '报警中',
  acknowledged: '已确认',
  cleared: '已恢复',
  closed: '已关闭',
};

export const RULE_KINDS = ['threshold', 'duration', 'rate', 'offline', 'composite'] as const;
export const RuleKind = z.enum(RULE_KINDS, { message: '规则类型取值无效' });
export type RuleKind = z.infer<typeof RuleKind>;

export const RULE_KIND_ZH: Record<RuleKind, string> = {
  threshold: '阈值（高/高高/低/低低）',
  duration: '持续超限',
  rate: '变化速率',
  offline: '离线（无数据）',
  composite: '组合条件（与/或）',
};

/** Threshold bands of a point: 低低报 LL < 低报 L < 高报 H < 高高报 HH. */
export const RULE_BANDS = ['hh', 'h', 'l', 'll'] as const;
export type RuleBand = (typeof RULE_BANDS)[number];
export const RULE_BAND_ZH: Record<RuleBand, string> = { hh: '高高报', h: '高报', l: '低报', ll: '低低报' };

/** Default colours of the bands: H and L yellow, HH and LL red. */
export const DEFAULT_BAND_LEVELS: Record<RuleBand, AlarmLevel> = { hh: 'red', h: 'yellow', l: 'yellow', ll: 'red' };

export const RULE_COMPARISONS = ['>', '>=', '<', '<='] as const;
export const RuleComparison = z.enum(RULE_COMPARISONS, { message: '比较符应为 >、>=、< 或 <=' });
export type RuleComparison = z.infer<typeof RuleComparison>;

const Metric = z
  .string({ message: '指标代码应为文本' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, '指标代码应以小写字母开头，只含小写字母、数字和下划线（最长 40 位）');
const Value = z.number({ message: '应为数值' }).min(-1e12, '数值过小').max(1e12, '数值过大');
const Seconds = (max: number) => z.number({ message: '应为秒数' }).int('应为整数秒').min(1, '至少 1 秒').max(max, `不能超过 ${max} 秒`);
/** Hysteresis: a condition raised at X clears only once the value is back past X by this much. */
const Deadband = z.number({ message: '回差应为数值' }).min(0, '回差不能小于 0').max(1e9, '回差过大');

const TimeOfDay = z.string({ message: '时间应为 HH:MM' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM（00:00–23:59）');

/**
 * When a rule is active, in Asia/Shanghai time: ISO weekdays (1 = Monday … 7 = Sunday) and time
 * ranges; a range whose end is before its start runs past midnight (22:00–06:00).
 */
export const RuleSchedule = z
  .object({
    days: z
      .array(z.number({ message: '星期应为 1–7' }).int('星期应为 1–7').min(1, '星期应为 1–7').max(7, '星期应为 1–7'))
      .min(1, '至少选择一天')
      .max(7, '最多 7 天')
      .refine((d) => new Set(d).size === d.length, '星期不能重复'),
    ranges: z
      .array(
        z
          .object({ from: TimeOfDay, to: TimeOfDay })
          .strict()
          .refine((r) => r.from !== r.to, { message: '起止时间不能相同', path: ['to'] }),
      )
      .min(1, '至少一个时间段')
      .max(6, '最多 6 个时间段'),
  })
  .strict();
export type RuleSchedule = z.infer<typeof RuleSchedule>;

const common = {
  /** Active time windows; absent or null = always. */
  schedule: RuleSchedule.nullish(),
};

const RuleThresholds = z
  .object({ hh: Value.nullish(), h: Value.nullish(), l: Value.nullish(), ll: Value.nullish() })
  .strict()
  .superRefine((t, c) => {
    const order: RuleBand[] = ['ll', 'l', 'h', 'hh'];
    const set = order.filter((k) => t[k] !== null && t[k] !== undefined);
    for (let i = 1; i < set.length; i++) {
      const lo = set[i - 1]!;
      const hi = set[i]!;
      if (t[lo]! >= t[hi]!)
        c.addIssue({ code: 'custom', path: [hi], message: `${RULE_BAND_ZH[hi]}应大于${RULE_BAND_ZH[lo]}（须 LL < L < H < HH）` });
    }
  });
export type RuleThresholds = z.infer<typeof RuleThresholds>;

/** H/HH/L/LL crossings of a point, coloured per band (defaults: H, L yellow; HH, LL red). */
export const ThresholdDefinition = z
  .object({
    kind: z.literal('threshold'),
    metric: Metric,
    /** Limits for this rule; a band left out uses the point's own limit. */
    thresholds: RuleThresholds.nullish(),
    levels: z
      .object({ hh: AlarmLevel.optional(), h: AlarmLevel.optional(), l: AlarmLevel.optional(), ll: AlarmLevel.optional() })
      .strict()
      .nullish(),
    deadband: Deadband.optional(),
    /** Raise only after the crossing has lasted this long. */
    forSeconds: Seconds(86_400).optional(),
    ...common,
  })
  .strict();

/** "Above X for at least N s": a comparison that must hold continuously. */
export const DurationDefinition = z
  .object({
    kind: z.literal('duration'),
    metric: Metric,
    op: RuleComparison,
    value: Value,
    forSeconds: Seconds(86_400),
    deadband: Deadband.optional(),
    ...common,
  })
  .strict();

/** "Δ > X per N s": the change over the last N seconds exceeds X (up, down or either way). */
export const RateDefinition = z
  .object({
    kind: z.literal('rate'),
    metric: Metric,
    delta: z.number({ message: '变化量应为数值' }).gt(0, '变化量须大于 0').max(1e12, '数值过大'),
    perSeconds: Seconds(86_400),
    direction: z.enum(['up', 'down', 'any'], { message: '方向应为 up、down 或 any' }).default('any'),
    deadband: Deadband.optional(),
    ...common,
  })
  .strict();

/** No data for N × the sample interval: of one point (metric) or of the whole device. Fires on timers. */
export const OfflineDefinition = z
  .object({
    kind: z.literal('offline'),
    metric: Metric.nullish(),
    intervals: z.number({ message: '倍数应为数值' }).min(1, '至少 1 倍采样周期').max(1000, '不能超过 1000 倍采样周期'),
    ...common,
  })
  .strict();

export const CompositeCondition = z.object({ metric: Metric, op: RuleComparison, value: Value }).strict();
export type CompositeCondition = z.infer<typeof CompositeCondition>;

/** AND/OR of comparisons across the points of one device, or of all devices of a site. */
export const CompositeDefinition = z
  .object({
    kind: z.literal('composite'),
    op: z.enum(['and', 'or'], { message: '组合方式应为 and 或 or' }),
    scope: z.enum(['device', 'site'], { message: '范围应为 device 或 site' }),
    conditions: z.array(CompositeCondition).min(2, '组合条件至少 2 个').max(8, '组合条件最多 8 个'),
    deadband: Deadband.optional(),
    forSeconds: Seconds(86_400).optional(),
    ...common,
  })
  .strict();

export const RuleDefinition = z.discriminatedUnion(
  'kind',
  [ThresholdDefinition, DurationDefinition, RateDefinition, OfflineDefinition, CompositeDefinition],
  { error: '规则类型应为 threshold、duration、rate、offline 或 composite' },
);
export type RuleDefinition = z.infer<typeof RuleDefinition>;
export type ThresholdDefinition = z.infer<typeof ThresholdDefinition>;
export type DurationDefinition = z.infer<typeof DurationDefinition>;
export type RateDefinition = z.infer<typeof RateDefinition>;
export type OfflineDefinition = z.infer<typeof OfflineDefinition>;
export type CompositeDefinition = z.infer<typeof CompositeDefinition>;

/** The most severe colour a threshold rule can raise (the rule's nominal level). */
export function thresholdRuleLevel(d: ThresholdDefinition): AlarmLevel {
  const levels = RULE_BANDS.map((b) => d.levels?.[b] ?? DEFAULT_BAND_LEVELS[b]);
  return levels.reduce((a, b) => (ALARM_LEVEL_RANK[b] > ALARM_LEVEL_RANK[a] ? b : a));
}

const DeviceTypeCode = z
  .string({ message: '设备类型代码应为文本' })
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, '设备类型编码只能包含小写字母、数字和下划线，以字母开头，2–40 个字符');

const RuleFields = {
  name: NonEmptyText(100),
  description: Text(500).nullish(),
  enabled: z.boolean({ message: '应为 true 或 false' }).optional(),
  /** Every device of this type… */
  deviceTypeCode: DeviceTypeCode.nullish(),
  /** …or this one device. */
  deviceId: z.uuid({ message: '设备编号格式不正确' }).nullish(),
  /** Colour of the alarm; threshold rules colour each band instead and may leave it out. */
  level: AlarmLevel.optional(),
  definition: RuleDefinition,
  escalationPolicyId: z.uuid({ message: '升级策略编号格式不正确' }).nullish(),
  /** The owning org (defaults to the author's own). */
  orgId: z.uuid({ message: '单位编号格式不正确' }).optional(),
};

function ruleChecks(
  v: {
    deviceTypeCode?: string | null | undefined;
    deviceId?: string | null | undefined;
    level?: AlarmLevel | undefined;
    definition: RuleDefinition;
  },
  c: z.RefinementCtx,
) {
  if (Boolean(v.deviceTypeCode) === Boolean(v.deviceId))
    c.addIssue({ code: 'custom', path: [v.deviceId ? 'deviceId' : 'deviceTypeCode'], message: '请指定设备类型或单个设备（二选一）' });
  if (v.definition.kind !== 'threshold' && !v.level) c.addIssue({ code: 'custom', path: ['level'], message: '请选择报警级别' });
  if (v.definition.kind === 'composite' && v.definition.scope === 'site' && v.deviceId)
    c.addIssue({ code: 'custom', path: ['definition', 'scope'], message: '按场所组合的规则须指定设备类型' });
}

export const RuleInput = z.object(RuleFields).strict().superRefine(ruleChecks);
export type RuleInput = z.infer<typeof RuleInput>;

/** A full replacement of a rule at the version the editor saw (stale → 409). */
export const RuleUpdateInput = z
  .object({ ...RuleFields, version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号无效') })
  .strict()
  .superRefine(ruleChecks);
export type RuleUpdateInput = z.infer<typeof RuleUpdateInput>;

export const AlarmVersionInput = z
  .object({ version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号无效') })
  .strict();
export type AlarmVersionInput = z.infer<typeof AlarmVersionInput>;

export const RuleListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    q: Text(100).optional(),
    kind: RuleKind.optional(),
    enabled: z.enum(['true', 'false']).optional(),
    deviceTypeCode: DeviceTypeCode.optional(),
    deviceId: z.uuid().optional(),
    includeArchived: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type RuleListQuery = z.infer<typeof RuleListQuery>;

export const RuleDto = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  kind: RuleKind,
  level: AlarmLevel,
  deviceTypeCode: z.string().nullable(),
  deviceTypeName: z.string().nullable(),
  deviceId: z.string().nullable(),
  deviceName: z.string().nullable(),
  definition: z.unknown(),
  escalationPolicyId: z.string().nullable(),
  escalationPolicyName: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  openAlarms: z.number().int(),
  version: z.number().int(),
  archivedAt: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});
export type RuleDto = Omit<z.infer<typeof RuleDto>, 'definition'> & { definition: RuleDefinition };

/** Runs a rule over the last 24 hours of stored readings without saving it. */
export const RuleTestInput = z
  .object({
    deviceTypeCode: DeviceTypeCode.nullish(),
    deviceId: z.uuid({ message: '设备编号格式不正确' }).nullish(),
    level: AlarmLevel.optional(),
    definition: RuleDefinition,
    hours: z.number({ message: '小时数应为整数' }).int('小时数应为整数').min(1, '至少 1 小时').max(24, '最多 24 小时').optional(),
  })
  .strict()
  .superRefine((v, c) => ruleChecks(v, c));
export type RuleTestInput = z.infer<typeof RuleTestInput>;

export const RuleTestResult = z.object({
  points: z.number().int(),
  readings: z.number().int(),
  truncated: z.boolean(),
  transitions: z.array(
    z.object({
      type: z.enum(['raise', 'repeat', 'clear']),
      at: z.string(),
      subjectKey: z.string(),
      deviceName: z.string(),
      pointName: z.string().nullable(),
      level: AlarmLevel,
      value: z.number().nullable(),
      threshold: z.number().nullable(),
    }),
  ),
});
export type RuleTestResult = z.infer<typeof RuleTestResult>;

// ——— escalation policies ———

/** Whose people a step notifies, relative to the alarm's org: its own, the parent, or two levels up. */
export const ESCALATION_ORG_LEVELS = ['own', 'parent', 'grandparent'] as const;
export const EscalationOrgLevel = z.enum(ESCALATION_ORG_LEVELS, { message: '单位层级应为 own、parent 或 grandparent' });
export const ESCALATION_ORG_LEVEL_ZH: Record<(typeof ESCALATION_ORG_LEVELS)[number], string> = {
  own: '本单位',
  parent: '上级单位',
  grandparent: '上两级单位',
};

/**
 * One step: when the alarm is still unacknowledged `afterMinutes` after it was raised, notify the
 * named users and/or the holders of a role (or, when neither is given, everyone who may handle
 * alarms) in the org at `orgLevel`.
 */
export const EscalationStep = z
  .object({
    afterMinutes: z.number({ message: '分钟数应为整数' }).int('分钟数应为整数').min(0, '不能小于 0').max(10_080, '不能超过 7 天'),
    orgLevel: EscalationOrgLevel,
    roleId: z
      .string({ message: '角色应为文本' })
      .regex(/^[a-z][a-z0-9_]{0,49}$/, '角色编号格式不正确')
      .nullish(),
    userIds: z
      .array(z.uuid({ message: '用户编号格式不正确' }))
      .max(50, '最多 50 人')
      .optional(),
  })
  .strict();
export type EscalationStep = z.infer<typeof EscalationStep>;

const Steps = z
  .array(EscalationStep)
  .min(1, '至少一级')
  .max(10, '最多 10 级')
  .superRefine((steps, c) => {
    for (let i = 1; i < steps.length; i++)
      if (steps[i]!.afterMinutes <= steps[i - 1]!.afterMinutes)
        c.addIssue({ code: 'custom', path: [i, 'afterMinutes'], message: '各级时限须逐级递增' });
  });

export const EscalationPolicyInput = z
  .object({ name: NonEmptyText(100), steps: Steps, orgId: z.uuid({ message: '单位编号格式不正确' }).optional() })
  .strict();
export type EscalationPolicyInput = z.infer<typeof EscalationPolicyInput>;

export const EscalationPolicyUpdate = z
  .object({
    name: NonEmptyText(100),
    steps: Steps,
    version: z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号无效'),
  })
  .strict();
export type EscalationPolicyUpdate = z.infer<typeof EscalationPolicyUpdate>;

export const EscalationPolicyDto = z.object({
  id: z.string(),
  name: z.string(),
  steps: z.array(EscalationStep),
  orgId: z.string(),
  orgName: z.string(),
  rules: z.number().int(),
  version: z.number().int(),
  archivedAt: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});
export type EscalationPolicyDto = z.infer<typeof EscalationPolicyDto>;

// ——— alarms ———

const Iso = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-01T08:00:00+08:00' });
const csvOf = <T extends readonly string[]>(values: T, message: string) =>
  z.string().regex(new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`), message);

export const AlarmListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
    q: Text(100).optional(),
    /** One status or several separated by commas; `open` = every status but closed. */
    status: z.union([z.literal('open'), csvOf(ALARM_STATUSES, '状态取值无效')]).optional(),
    level: csvOf(ALARM_LEVELS, '级别取值无效').optional(),
    deviceTypeCode: DeviceTypeCode.optional(),
    category: z.enum(['hazchem', 'natural', 'lifeline'], { message: '类别取值无效' }).optional(),
    enterpriseId: z.uuid().optional(),
    /** A county code (6 digits); a city code ending in 00 selects its counties. */
    divisionCode: z
      .string()
      .regex(/^\d{6}$/, '行政区划代码应为 6 位数字')
      .optional(),
    deviceId: z.uuid().optional(),
    ruleId: z.uuid().optional(),
    falseAlarm: z.enum(['true', 'false']).optional(),
    from: Iso.optional(),
    to: Iso.optional(),
  })
  .strict();
export type AlarmListQuery = z.infer<typeof AlarmListQuery>;

export const AlarmAbilities = z.object({
  acknowledge: z.boolean(),
  assign: z.boolean(),
  comment: z.boolean(),
  escalate: z.boolean(),
  close: z.boolean(),
  falseAlarm: z.boolean(),
  convert: z.boolean(),
});
export type AlarmAbilities = z.infer<typeof AlarmAbilities>;

export const AlarmDto = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  ruleKind: RuleKind,
  subjectKey: z.string(),
  deviceId: z.string(),
  deviceCode: z.string(),
  deviceName: z.string(),
  deviceTypeCode: z.string(),
  deviceTypeName: z.string().nullable(),
  category: z.string().nullable(),
  pointId: z.string().nullable(),
  pointName: z.string().nullable(),
  metric: z.string().nullable(),
  unit: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  countyName: z.string().nullable(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  level: AlarmLevel,
  status: AlarmStatus,
  title: z.string(),
  message: z.string().nullable(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  firstAt: z.string(),
  lastAt: z.string(),
  occurrences: z.number().int(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  clearedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  falseAlarm: z.boolean(),
  escalationStep: z.number().int(),
  nextEscalationAt: z.string().nullable(),
  incidentId: z.string().nullable(),
  version: z.number().int(),
  abilities: AlarmAbilities,
});
export type AlarmDto = z.infer<typeof AlarmDto>;

export const AlarmEventDto = z.object({
  id: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
  data: z.unknown(),
});
export type AlarmEventDto = z.infer<typeof AlarmEventDto>;

export const AlarmDetailDto = AlarmDto.extend({ events: z.array(AlarmEventDto) });
export type AlarmDetailDto = z.infer<typeof AlarmDetailDto>;

const Note = Text(1000).optional();
const Version = z.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1, '版本号无效');

export const AlarmAckInput = z.object({ version: Version, note: Note }).strict();
export type AlarmAckInput = z.infer<typeof AlarmAckInput>;
export const AlarmAssignInput = z
  .object({ version: Version, assigneeId: z.uuid({ message: '处置人编号格式不正确' }), note: Note })
  .strict();
export type AlarmAssignInput = z.infer<typeof AlarmAssignInput>;
export const AlarmCommentInput = z.object({ note: NonEmptyText(1000) }).strict();
export type AlarmCommentInput = z.infer<typeof AlarmCommentInput>;
export const AlarmEscalateInput = z.object({ version: Version, note: Note }).strict();
export type AlarmEscalateInput = z.infer<typeof AlarmEscalateInput>;
export const AlarmCloseInput = z.object({ version: Version, note: Note }).strict();
export type AlarmCloseInput = z.infer<typeof AlarmCloseInput>;
export const AlarmFalseInput = z
  .object({ version: Version, falseAlarm: z.boolean({ message: '应为 true 或 false' }), note: Note })
  .strict();
export type AlarmFalseInput = z.infer<typeof AlarmFalseInput>;

/** Converts an alarm into an incident; fields left out are prefilled from the alarm (see the draft). */
export const AlarmConvertInput = z
  .object({
    version: Version,
    title: NonEmptyText(200).optional(),
    eventType: z
      .string({ message: '事件类型应为文本' })
      .trim()
      .toUpperCase()
      .regex(/^1[1-49][0-9A-Z]\d{2}$/, '事件类型应为 5 位国家突发事件代码，如 12D02')
      .optional(),
    description: Text(5000).optional(),
  })
  .strict();
export type AlarmConvertInput = z.infer<typeof AlarmConvertInput>;

/** The incident an alarm would become (shown for confirmation before converting). */
export const AlarmIncidentDraft = z.object({
  title: z.string(),
  eventType: z.string(),
  eventTypeName: z.string().nullable(),
  occurredAt: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  address: z.string().nullable(),
  divisionCode: z.string().nullable(),
  description: z.string(),
  orgId: z.string(),
});
export type AlarmIncidentDraft = z.infer<typeof AlarmIncidentDraft>;

/** The realtime topic of alarm events (`alarm.raised` …), filtered by org and `monitoring.read`. */
export const ALARMS_TOPIC = 'alarms';

export const ALARM_EVENTS = {
  raised: 'alarm.raised',
  repeated: 'alarm.repeated',
  cleared: 'alarm.cleared',
  acknowledged: 'alarm.acknowledged',
  assigned: 'alarm.assigned',
  commented: 'alarm.commented',
  escalated: 'alarm.escalated',
  closed: 'alarm.closed',
  falseAlarm: 'alarm.false_alarm',
  converted: 'alarm.converted',
} as const;

export const ALARM_RULE_EVENTS = {
  created: 'alarm_rule.created',
  updated: 'alarm_rule.updated',
  enabled: 'alarm_rule.enabled',
  disabled: 'alarm_rule.disabled',
  archived: 'alarm_rule.archived',
} as const;

/** What an `alarm.*` event carries to the live alarm list (no abilities: each client has its own). */
export type AlarmEventPayload = Omit<AlarmDto, 'abilities'>;

// ——— statistics and charts ———

export const AlarmStatsQuery = z.object({ from: Iso.optional(), to: Iso.optional() }).strict();
export type AlarmStatsQuery = z.infer<typeof AlarmStatsQuery>;

const Count = z.object({ key: z.string(), name: z.string(), count: z.number().int() });

export const AlarmStatsDto = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  byStatus: z.record(z.string(), z.number().int()),
  byEnterprise: z.array(Count),
  byDeviceType: z.array(Count),
  byCounty: z.array(Count),
  /** Mean time to acknowledge / to clear, seconds (null when nothing was). */
  mttaSeconds: z.number().nullable(),
  mttrSeconds: z.number().nullable(),
  falseAlarms: z.number().int(),
  falseAlarmRate: z.number().nullable(),
  devices: z.number().int(),
  online: z.number().int(),
  onlineRate: z.number().nullable(),
  onlineByCounty: z.array(
    z.object({ key: z.string(), name: z.string(), devices: z.number().int(), online: z.number().int(), rate: z.number().nullable() }),
  ),
});
export type AlarmStatsDto = z.infer<typeof AlarmStatsDto>;

export const ReadingSeriesQuery = z.object({ from: Iso, to: Iso }).strict();
export type ReadingSeriesQuery = z.infer<typeof ReadingSeriesQuery>;

/** A point's readings for the trend chart: raw for up to 48 h, hourly min/avg/max beyond. */
export const ReadingSeriesDto = z.object({
  pointId: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  name: z.string(),
  metric: z.string(),
  unit: z.string().nullable(),
  thresholds: z.object({ hh: z.number().nullable(), h: z.number().nullable(), l: z.number().nullable(), ll: z.number().nullable() }),
  resolution: z.enum(['raw', 'hourly']),
  truncated: z.boolean(),
  /** [epoch ms, value] for raw; [epoch ms, avg, min, max] for hourly. */
  series: z.array(z.array(z.number())),
});
export type ReadingSeriesDto = z.infer<typeof ReadingSeriesDto>;

/** A device on the dashboard map, as a compact row: where it is and what state it is in. */
export const DASHBOARD_DEVICE_STATES = ['ok', 'offline', 'blue', 'yellow', 'orange', 'red'] as const;
export type DashboardDeviceState = (typeof DASHBOARD_DEVICE_STATES)[number];

export const DashboardDeviceDto = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  typeCode: z.string(),
  lng: z.number(),
  lat: z.number(),
  state: z.enum(DASHBOARD_DEVICE_STATES),
});
export type DashboardDeviceDto = z.infer<typeof DashboardDeviceDto>;

export const DashboardDevicesDto = z.object({ items: z.array(DashboardDeviceDto), truncated: z.boolean(), total: z.number().int() });
export type DashboardDevicesDto = z.infer<typeof DashboardDevicesDto>;

export const DashboardMapQuery = z
  .object({
    bbox: z
      .string()
      .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, '范围应为 minLng,minLat,maxLng,maxLat')
      .optional(),
  })
  .strict();
export type DashboardMapQuery = z.infer<typeof DashboardMapQuery>;

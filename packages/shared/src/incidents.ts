import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';

/** Lifecycle: 接报 → 核实 → 处置中 → 已结束, plus 已合并 (duplicate) and 误报. */
export const INCIDENT_STATUSES = ['received', 'verified', 'responding', 'closed', 'merged', 'false_report'] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const INCIDENT_STATUS_ZH: Record<IncidentStatus, string> = {
  received: '接报',
  verified: '核实',
  responding: '处置中',
  closed: '已结束',
  merged: '已合并',
  false_report: '误报',
};

/** Where the report came from. */
export const INCIDENT_SOURCES = ['phone', 'hotline_system', 'public', 'sensor_alarm', 'upper_notice', 'lower_report'] as const;
export const IncidentSource = z.enum(INCIDENT_SOURCES);
export type IncidentSource = z.infer<typeof IncidentSource>;

export const INCIDENT_SOURCE_ZH: Record<IncidentSource, string> = {
  phone: '电话',
  hotline_system: '热线系统',
  public: '群众报告',
  sensor_alarm: '监测报警',
  upper_notice: '上级通报',
  lower_report: '下级报告',
};

/** Severity grade 1–4 = I 特别重大, II 重大, III 较大, IV 一般. */
export const IncidentGrade = z.number().int().min(1, '等级为 1–4').max(4, '等级为 1–4');
export type IncidentGrade = 1 | 2 | 3 | 4;
export const GRADE_ZH: Record<IncidentGrade, string> = { 1: '特别重大（I级）', 2: '重大（II级）', 3: '较大（III级）', 4: '一般（IV级）' };

/** The level-2 categories of the national event code table. */
export const INCIDENT_CATEGORIES = ['11000', '12000', '13000', '14000', '19000'] as const;
export const IncidentCategory = z.enum(INCIDENT_CATEGORIES);
export type IncidentCategory = z.infer<typeof IncidentCategory>;

/** A 5-character national event code (existence is checked against the code table by the server). */
export const EventTypeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^1[1-49][0-9A-Z]\d{2}$/, '事件类型应为 5 位国家突发事件代码，如 12H01');

const Iso = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-01T08:00:00+08:00' });

export const LocationInput = z
  .object({
    lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
    // Range checked by the server so swapped lat/lng can be named as such.
    lat: z.number().min(-180, '纬度应在 -90 到 90 之间').max(180, '纬度应在 -90 到 90 之间'),
    crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  })
  .strict();
export type LocationInput = z.infer<typeof LocationInput>;

const Count = z.number().int('应为整数').min(0, '不能小于 0').max(10_000_000, '数值过大');
const Yuan = z.number().min(0, '不能小于 0').max(1e13, '数值过大');
const Phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{3,20}$/, '电话号码格式不正确');
const PersonName = Text(60).refine((s) => !/[<>;"'`\\]/.test(s), { message: '不能包含 < > ; " \' 等字符' });

/** Fields an officer records and may later correct. */
const IncidentFields = {
  title: NonEmptyText(200),
  eventType: EventTypeCode,
  occurredAt: Iso,
  location: LocationInput.nullable().optional(),
  address: Text(300).nullable().optional(),
  source: IncidentSource,
  reporterName: PersonName.nullable().optional(),
  reporterPhone: Phone.nullable().optional(),
  description: Text(5000).nullable().optional(),
  dead: Count.optional(),
  missing: Count.optional(),
  seriouslyInjured: Count.optional(),
  lightlyInjured: Count.optional(),
  directLossYuan: Yuan.optional(),
  affected: Count.optional(),
  evacuated: Count.optional(),
};

/** Caller identifiers of external systems (110/119/120/12345): letters, digits and `_ . : / -`. */
const ExternalId = (max: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^[A-Za-z0-9_.:/-]{1,${max}}$`), `只能包含字母、数字和 _ . : / -（最长 ${max} 位）`);

export const CreateIncidentInput = z
  .object({
    ...IncidentFields,
    receivedAt: Iso.optional(),
    /** The owning org (defaults to the creator's own); must lie where the creator may record incidents. */
    orgId: z.uuid().optional(),
    /** The calling system (e.g. `110`, `119`, `12345`) and its own reference: the same pair is recorded once. */
    externalSource: ExternalId(32).optional(),
    externalRef: ExternalId(100).optional(),
  })
  .strict()
  .superRefine((v, c) => {
    if (!v.location && !v.address) c.addIssue({ code: 'custom', path: ['location'], message: '请填写位置坐标或地址' });
    if (Boolean(v.externalSource) !== Boolean(v.externalRef))
      c.addIssue({ code: 'custom', path: [v.externalSource ? 'externalRef' : 'externalSource'], message: '外部来源与外部编号须同时填写' });
  });
export type CreateIncidentInput = z.infer<typeof CreateIncidentInput>;

export const UpdateIncidentInput = z
  .object({
    title: IncidentFields.title.optional(),
    eventType: IncidentFields.eventType.optional(),
    occurredAt: Iso.optional(),
    receivedAt: Iso.optional(),
    location: IncidentFields.location,
    address: IncidentFields.address,
    source: IncidentSource.optional(),
    reporterName: IncidentFields.reporterName,
    reporterPhone: IncidentFields.reporterPhone,
    description: IncidentFields.description,
    dead: Count.optional(),
    missing: Count.optional(),
    seriouslyInjured: Count.optional(),
    lightlyInjured: Count.optional(),
    directLossYuan: Yuan.optional(),
    affected: Count.optional(),
    evacuated: Count.optional(),
    /** The version the edit is based on; a stale one is refused with 409. */
    version: z.number().int().min(1),
  })
  .strict();
export type UpdateIncidentInput = z.infer<typeof UpdateIncidentInput>;

const Reason = NonEmptyText(500);

export const ChangeIncidentStatusInput = z
  .object({
    /** `merged` goes through `POST /incidents/:id/merge`. */
    status: z.enum(['received', 'verified', 'responding', 'closed', 'false_report']),
    reason: Reason.optional(),
    version: z.number().int().min(1),
  })
  .strict();
export type ChangeIncidentStatusInput = z.infer<typeof ChangeIncidentStatusInput>;

export const MergeIncidentInput = z.object({ intoId: z.uuid(), reason: Reason, version: z.number().int().min(1).optional() }).strict();
export type MergeIncidentInput = z.infer<typeof MergeIncidentInput>;

export const OverrideGradeInput = z
  .object({
    grade: IncidentGrade,
    reason: Text(500).pipe(z.string().min(4, '请填写调整理由（至少 4 个字）')),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type OverrideGradeInput = z.infer<typeof OverrideGradeInput>;

const BoolQuery = z.enum(['true', 'false']);
const QueryTime = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601' });

/** Filters shared by the list, the map layer and the export. */
export const IncidentFilterQuery = z.object({
  q: Text(100).optional(),
  /** One status or several separated by commas. */
  status: z
    .string()
    .regex(new RegExp(`^(${INCIDENT_STATUSES.join('|')})(,(${INCIDENT_STATUSES.join('|')}))*$`), '状态取值无效')
    .max(200)
    .optional(),
  eventType: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^1[0-9A-Z]{0,4}$/, '事件类型代码前缀格式不正确')
    .optional(),
  category: IncidentCategory.optional(),
  grade: z.coerce.number().int().min(1).max(4).optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/, '县区代码应为 6 位数字')
    .optional(),
  from: QueryTime.optional(),
  to: QueryTime.optional(),
  hasDuplicateHint: BoolQuery.optional(),
});
export type IncidentFilterQuery = z.infer<typeof IncidentFilterQuery>;

export const IncidentListQuery = IncidentFilterQuery.extend({
  limit: ListQuery.shape.limit,
  cursor: ListQuery.shape.cursor,
}).strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentGeoQuery = IncidentFilterQuery.extend({
  /** minLng,minLat,maxLng,maxLat (WGS84). */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox 应为 minLng,minLat,maxLng,maxLat')
    .optional(),
}).strict();
export type IncidentGeoQuery = z.infer<typeof IncidentGeoQuery>;

export const IncidentExportQuery = IncidentFilterQuery.extend({ format: z.enum(['xlsx']).default('xlsx') }).strict();
export type IncidentExportQuery = z.infer<typeof IncidentExportQuery>;

export const DuplicateCandidateDto = z.object({
  id: z.uuid(),
  title: z.string(),
  status: IncidentStatus,
  receivedAt: z.string(),
  distanceM: z.number().nullable(),
  orgName: z.string(),
});
export type DuplicateCandidateDto = z.infer<typeof DuplicateCandidateDto>;

/** What the current user may do next with an incident. */
export const IncidentAbilitiesDto = z.object({
  update: z.boolean(),
  changeStatus: z.array(IncidentStatus),
  merge: z.boolean(),
  grade: z.boolean(),
  attach: z.boolean(),
  report: z.boolean(),
  instruct: z.boolean(),
});
export type IncidentAbilitiesDto = z.infer<typeof IncidentAbilitiesDto>;

export const IncidentDto = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  title: z.string(),
  eventType: z.string(),
  eventTypeName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  grade: z.number().int().nullable(),
  computedGrade: z.number().int().nullable(),
  gradeSource: z.enum(['computed', 'override']),
  gradeReason: z.string().nullable(),
  status: IncidentStatus,
  statusReason: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  address: z.string().nullable(),
  countyCode: z.string().nullable(),
  countyName: z.string().nullable(),
  townshipCode: z.string().nullable(),
  outOfJurisdiction: z.boolean(),
  source: IncidentSource,
  reporterName: z.string().nullable(),
  /** Shown in full only to users who may update the incident; otherwise masked `138****5678`. */
  reporterPhone: z.string().nullable(),
  reporterPhoneMasked: z.boolean(),
  description: z.string().nullable(),
  dead: z.number().int(),
  missing: z.number().int(),
  seriouslyInjured: z.number().int(),
  lightlyInjured: z.number().int(),
  directLossYuan: z.number(),
  affected: z.number().int(),
  evacuated: z.number().int(),
  hasDuplicateHint: z.boolean(),
  /** Possible duplicates (same category, within 2 km and 2 hours); on single-incident answers only. */
  duplicateCandidates: z.array(DuplicateCandidateDto).optional(),
  externalSource: z.string().nullable(),
  externalRef: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
  abilities: IncidentAbilitiesDto.optional(),
});
export type IncidentDto = z.infer<typeof IncidentDto>;

export const IncidentTimelineEntryDto = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.string(),
  summary: z.string(),
  actorName: z.string().nullable(),
  data: z.unknown().nullable(),
});
export type IncidentTimelineEntryDto = z.infer<typeof IncidentTimelineEntryDto>;

export const TimelineQuery = z.object({ limit: ListQuery.shape.limit, cursor: ListQuery.shape.cursor }).strict();
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const ATTACHMENT_TYPES = ['jpeg', 'png', 'webp', 'pdf', 'docx', 'xlsx'] as const;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export const IncidentAttachmentDto = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  fileName: z.string(),
  mime: z.string(),
  kind: z.enum(['image', 'document']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type IncidentAttachmentDto = z.infer<typeof IncidentAttachmentDto>;

export const AttachmentParams = z.object({ id: z.uuid(), attId: z.uuid() }).strict();

/** Numbers a grading rule can test; `casualties` = dead + missing + seriously + lightly injured. */
export const GRADING_CRITERIA = [
  'dead',
  'missing',
  'dead_missing',
  'seriously_injured',
  'injured',
  'casualties',
  'direct_loss_yuan',
  'affected',
  'evacuated',
] as const;
export const GradingCriterion = z.enum(GRADING_CRITERIA);
export type GradingCriterion = z.infer<typeof GradingCriterion>;

/** One rule: an incident of `category` whose `criterion` is at least `threshold` (以上 includes the number) reaches `grade`. */
export const GradingRuleDto = z
  .object({
    category: IncidentCategory,
    criterion: GradingCriterion,
    grade: IncidentGrade,
    threshold: z.number().min(0, '阈值不能小于 0').max(1e13, '阈值过大'),
  })
  .strict();
export type GradingRuleDto = z.infer<typeof GradingRuleDto>;

export const PutGradingRulesInput = z
  .object({ rules: z.array(GradingRuleDto).min(1, '至少需要一条规则').max(500) })
  .strict()
  .superRefine((v, c) => {
    const seen = new Set<string>();
    v.rules.forEach((r, i) => {
      const key = `${r.category}|${r.criterion}|${r.grade}`;
      if (seen.has(key)) c.addIssue({ code: 'custom', path: ['rules', i, 'grade'], message: '同一类别、指标和等级只能有一条规则' });
      seen.add(key);
    });
  });
export type PutGradingRulesInput = z.infer<typeof PutGradingRulesInput>;

export const GradingRulesDto = z.object({ items: z.array(GradingRuleDto) });

export const INCIDENT_EVENTS = {
  created: 'incident.created',
  updated: 'incident.updated',
  statusChanged: 'incident.status_changed',
  graded: 'incident.graded',
} as const;

/** Payload of every `incident.*` event (topic `incidents`). */
export interface IncidentEventPayload {
  incidentId: string;
  orgId: string;
  title: string;
  eventType: string;
  category: string;
  grade: number | null;
  previousGrade: number | null;
  status: IncidentStatus;
  previousStatus?: IncidentStatus;
  receivedAt: string;
}

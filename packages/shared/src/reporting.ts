import { z } from 'zod';
import { ListQuery, NonEmptyText, Text } from './common.js';

/** 首报 → 续报 → 补报 → 终报. */
export const REPORT_KINDS = ['first', 'followup', 'supplement', 'final'] as const;
export const ReportKind = z.enum(REPORT_KINDS, '报告类型应为 first、followup、supplement 或 final');
export type ReportKind = z.infer<typeof ReportKind>;

export const REPORT_KIND_ZH: Record<ReportKind, string> = { first: '首报', followup: '续报', supplement: '补报', final: '终报' };

/**
 * What a tracked deadline asks for. `first_phone`: 较大+ phone report (30 min); `first`: written first
 * report (60 min); `forward`: a level passes a report up (120 min); `forward_province`: the city passes
 * a 较大+ report to the province; `followup`: 续报 cadence; `supplement`: casualty change 补报;
 * `final`: 终报 after closure; `instruction_feedback`: 领导批示 answered.
 */
export const DEADLINE_KINDS = [
  'first_phone',
  'first',
  'forward',
  'forward_province',
  'followup',
  'supplement',
  'final',
  'instruction_feedback',
] as const;
export const DeadlineKind = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const DEADLINE_KIND_ZH: Record<DeadlineKind, string> = {
  first_phone: '电话首报',
  first: '书面首报',
  forward: '逐级上报',
  forward_province: '报送省厅',
  followup: '续报',
  supplement: '伤亡补报',
  final: '终报',
  instruction_feedback: '批示反馈',
};

const Iso = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-01T08:00:00+08:00' });
const BoolQuery = z.enum(['true', 'false'], '应为 true 或 false');
const OrgRef = z.object({ id: z.uuid(), name: z.string() });
const PersonRef = z.object({ id: z.uuid().nullable(), name: z.string() });

/** `POST /incidents/:id/reports`: the snapshot is copied from the incident by the server. */
export const SubmitReportInput = z
  .object({
    kind: ReportKind,
    text: NonEmptyText(4000),
    /** When the phone report (电话报告) was made; first reports only. */
    phoneReportedAt: Iso.optional(),
    /** Attachments of the incident this report refers to. */
    attachmentIds: z.array(z.uuid('附件编号格式不正确')).max(20, '最多引用 20 个附件').optional(),
  })
  .strict();
export type SubmitReportInput = z.infer<typeof SubmitReportInput>;

/** `POST /reports/:id/forward`: the receiving org passes the report up as its own. */
export const ForwardReportInput = z.object({ text: Text(4000).optional() }).strict();
export type ForwardReportInput = z.infer<typeof ForwardReportInput>;

/** The incident's figures as they stood when a report was sent. */
export const ReportSnapshotDto = z.object({
  title: z.string(),
  eventType: z.string(),
  grade: z.number().int().nullable(),
  status: z.string(),
  dead: z.number().int(),
  missing: z.number().int(),
  seriouslyInjured: z.number().int(),
  lightlyInjured: z.number().int(),
  directLossYuan: z.number(),
});
export type ReportSnapshotDto = z.infer<typeof ReportSnapshotDto>;

export const ReportDto = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentTitle: z.string(),
  kind: ReportKind,
  /** 1, 2, 3 … within the sending org's chain for this incident. */
  version: z.number().int(),
  /** The n-th report of this kind from the sending org (续报第 n 次). */
  kindSeq: z.number().int(),
  fromOrg: OrgRef,
  toOrg: OrgRef,
  text: z.string(),
  snapshot: ReportSnapshotDto,
  attachmentIds: z.array(z.uuid()),
  phoneReportedAt: z.string().nullable(),
  submittedAt: z.string(),
  submittedBy: PersonRef.nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: PersonRef.nullable(),
  /** The lower-level report this one passes up, if any. */
  forwardedFromId: z.uuid().nullable(),
  /** The receiving org's own report that passed this one up, if any. */
  forwardedAsId: z.uuid().nullable(),
});
export type ReportDto = z.infer<typeof ReportDto>;

/** `open` not yet due; `overdue` due and not met; `met` on time; `late` met after the deadline; `cancelled` no longer required. */
export const DeadlineState = z.enum(['open', 'overdue', 'met', 'late', 'cancelled']);
export type DeadlineState = z.infer<typeof DeadlineState>;

export const DeadlineDto = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentTitle: z.string(),
  kind: DeadlineKind,
  org: OrgRef,
  dueAt: z.string(),
  remindedAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
  satisfiedAt: z.string().nullable(),
  /** The report (or instruction target) that met the deadline. */
  satisfiedBy: z.uuid().nullable(),
  instructionId: z.uuid().nullable(),
  state: DeadlineState,
  description: z.string(),
});
export type DeadlineDto = z.infer<typeof DeadlineDto>;

/** `GET /incidents/:id/reports`: the chain with read receipts and its deadlines. */
export const ReportChainDto = z.object({
  incidentId: z.uuid(),
  reports: z.array(ReportDto),
  deadlines: z.array(DeadlineDto),
});
export type ReportChainDto = z.infer<typeof ReportChainDto>;

export const InboxQuery = z
  .object({ unacknowledged: BoolQuery.optional(), limit: ListQuery.shape.limit, cursor: ListQuery.shape.cursor })
  .strict();
export type InboxQuery = z.infer<typeof InboxQuery>;

export const OverdueQuery = z
  .object({
    /** `true`: still unmet; `false`: met late; absent: both. */
    open: BoolQuery.optional(),
    orgId: z.uuid().optional(),
    limit: ListQuery.shape.limit,
    cursor: ListQuery.shape.cursor,
  })
  .strict();
export type OverdueQuery = z.infer<typeof OverdueQuery>;

/** A day (`2026-06-01`, midnight Beijing time) or an ISO 8601 time. */
const DayOrTime = z.union([z.iso.date(), Iso], '应为日期（如 2026-06-01）或 ISO 8601 时间');

const statsShape = {
  from: DayOrTime.optional(),
  to: DayOrTime.optional(),
  groupBy: z.enum(['county', 'month'], 'groupBy 应为 county 或 month').default('county'),
};

export const ReportStatsQuery = z.object(statsShape).strict();
export type ReportStatsQuery = z.infer<typeof ReportStatsQuery>;

export const ReportStatsExportQuery = z.object({ ...statsShape, format: z.enum(['xlsx'], '仅支持 xlsx').default('xlsx') }).strict();
export type ReportStatsExportQuery = z.infer<typeof ReportStatsExportQuery>;

export const ReportStatsRowDto = z.object({
  /** Org id (county grouping) or `YYYY-MM` (month grouping). */
  key: z.string(),
  label: z.string(),
  /** Deadlines that fell due in the period. */
  due: z.number().int(),
  onTime: z.number().int(),
  /** Met after the deadline (迟报). */
  late: z.number().int(),
  /** Due and still not met (漏报/未报). */
  missing: z.number().int(),
  /** onTime / due, 0–1; null when nothing fell due. */
  onTimeRate: z.number().nullable(),
});
export type ReportStatsRowDto = z.infer<typeof ReportStatsRowDto>;

export const ReportStatsDto = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['county', 'month']),
  rows: z.array(ReportStatsRowDto),
  total: ReportStatsRowDto,
});
export type ReportStatsDto = z.infer<typeof ReportStatsDto>;

/** One target of an instruction: a named person (`userId`) or an org (`orgId`), exactly one of them. */
export const InstructionTargetInput = z
  .object({ userId: z.uuid('用户编号格式不正确').optional(), orgId: z.uuid('单位编号格式不正确').optional() })
  .strict()
  .refine((t) => (t.userId === undefined) !== (t.orgId === undefined), { message: '批示对象须为 userId 或 orgId 之一' });
export type InstructionTargetInput = z.infer<typeof InstructionTargetInput>;

/** `POST /incidents/:id/instructions` (领导批示). */
export const IssueInstructionInput = z
  .object({
    text: NonEmptyText(2000),
    targets: z.array(InstructionTargetInput).min(1, '至少指定一个批示对象').max(50, '批示对象最多 50 个'),
    /** When feedback is due (default: 2 hours). */
    dueAt: Iso.optional(),
  })
  .strict();
export type IssueInstructionInput = z.infer<typeof IssueInstructionInput>;

export const InstructionFeedbackInput = z.object({ text: NonEmptyText(2000) }).strict();
export type InstructionFeedbackInput = z.infer<typeof InstructionFeedbackInput>;

export const InstructionTargetDto = z.object({
  id: z.uuid(),
  kind: z.enum(['user', 'org']),
  user: PersonRef.nullable(),
  org: OrgRef,
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: PersonRef.nullable(),
  feedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
  feedbackBy: PersonRef.nullable(),
  /** Feedback still missing after the due time. */
  overdue: z.boolean(),
});
export type InstructionTargetDto = z.infer<typeof InstructionTargetDto>;

export const InstructionDto = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  incidentTitle: z.string(),
  text: z.string(),
  author: PersonRef,
  issuedAt: z.string(),
  dueAt: z.string(),
  targets: z.array(InstructionTargetDto),
  /** Targets that have not reported back yet. */
  openTargets: z.number().int(),
  /** Whether the current user is (or acts for) a target that still has to acknowledge or answer. */
  mineOpen: z.boolean(),
});
export type InstructionDto = z.infer<typeof InstructionDto>;

export const MyInstructionsQuery = z
  .object({ open: BoolQuery.optional(), limit: ListQuery.shape.limit, cursor: ListQuery.shape.cursor })
  .strict();
export type MyInstructionsQuery = z.infer<typeof MyInstructionsQuery>;

export const REPORTING_EVENTS = {
  submitted: 'report.submitted',
  acknowledged: 'report.acknowledged',
  overdue: 'report.overdue',
  instructionIssued: 'instruction.issued',
  instructionAcknowledged: 'instruction.acknowledged',
  instructionAnswered: 'instruction.answered',
} as const;

/** Payload of `report.submitted` / `report.acknowledged` (topic `reports`, scoped to the receiving org). */
export interface ReportEventPayload {
  reportId: string;
  incidentId: string;
  incidentTitle: string;
  kind: ReportKind;
  fromOrgId: string;
  toOrgId: string;
  submittedAt: string;
  acknowledgedAt: string | null;
}

/** Payload of `report.overdue` (topic `reports`, scoped to the responsible org). */
export interface ReportOverduePayload {
  deadlineId: string;
  incidentId: string;
  incidentTitle: string;
  kind: DeadlineKind;
  orgId: string;
  dueAt: string;
  instructionId: string | null;
}

/** Payload of `instruction.*` (topic `instructions`, scoped to the incident's org). */
export interface InstructionEventPayload {
  instructionId: string;
  incidentId: string;
  incidentTitle: string;
  targetIds: string[];
  openTargets: number;
}

import { z } from 'zod';
import { NonEmptyText, Text } from './common.js';
import { PlainName } from './orgs.js';

/** Shift kinds of a roster (排班): day, night, or a 24-hour shift. */
export const DUTY_SHIFT_KINDS = ['day', 'night', '24h'] as const;
export const DutyShiftKind = z.enum(DUTY_SHIFT_KINDS);
export type DutyShiftKind = z.infer<typeof DutyShiftKind>;
export const DUTY_SHIFT_KIND_LABELS: Record<DutyShiftKind, string> = { day: '白班', night: '夜班', '24h': '24小时' };

export const DUTY_LOG_KINDS = ['call_in', 'call_out', 'event', 'notice', 'other'] as const;
export const DutyLogKind = z.enum(DUTY_LOG_KINDS);
export type DutyLogKind = z.infer<typeof DutyLogKind>;
export const DUTY_LOG_KIND_LABELS: Record<DutyLogKind, string> = {
  call_in: '来电',
  call_out: '去电',
  event: '事件',
  notice: '通知',
  other: '其他',
};

/** A mainland mobile number or a landline with area code (dashes and spaces allowed), optionally an extension. */
export const DUTY_PHONE_PATTERN = /^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:[- ]\d{1,6})?|[2-9]\d{6,7})$/;
export const DutyPhone = z.string().trim().regex(DUTY_PHONE_PATTERN, '电话号码格式不正确（手机号或带区号的固定电话）');

const IsoTime = z.iso.datetime({ offset: true, message: '应为 ISO 8601 时间，如 2026-06-01T08:00:00+08:00' });
const IsoDate = z.iso.date('应为日期，如 2026-06-01');
const BoolText = z.enum(['true', 'false']);
const Limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const Cursor = z.string().max(200).optional();

/** One person on a shift: a user of the shift's org, or a name with a phone. */
export const DutyPersonInput = z
  .object({
    userId: z.uuid().optional(),
    name: PlainName(40).optional(),
    phone: DutyPhone.optional(),
  })
  .strict()
  .refine((p) => Boolean(p.userId || p.name), { message: '请选择用户或填写姓名', path: ['name'] });
export type DutyPersonInput = z.infer<typeof DutyPersonInput>;

export const CreateDutyShiftInput = z
  .object({
    orgId: z.uuid(),
    startsAt: IsoTime,
    endsAt: IsoTime,
    kind: DutyShiftKind,
    note: Text(500).optional(),
    leader: DutyPersonInput.nullable().optional(),
    officers: z.array(DutyPersonInput).max(10, '值班员最多 10 人').default([]),
  })
  .strict();
export type CreateDutyShiftInput = z.infer<typeof CreateDutyShiftInput>;

export const UpdateDutyShiftInput = z
  .object({
    startsAt: IsoTime.optional(),
    endsAt: IsoTime.optional(),
    kind: DutyShiftKind.optional(),
    note: Text(500).nullable().optional(),
    leader: DutyPersonInput.nullable().optional(),
    officers: z.array(DutyPersonInput).max(10, '值班员最多 10 人').optional(),
  })
  .strict();
export type UpdateDutyShiftInput = z.infer<typeof UpdateDutyShiftInput>;

/** `GET /duty/shifts`: one org's shifts overlapping [from, to) (a month calendar), paged by start time. */
export const DutyShiftQuery = z
  .object({ orgId: z.uuid().optional(), from: IsoTime, to: IsoTime, limit: Limit(500, 200), cursor: Cursor })
  .strict()
  .refine((q) => new Date(q.from) < new Date(q.to), { message: '结束时间应晚于开始时间', path: ['to'] })
  .refine((q) => new Date(q.to).getTime() - new Date(q.from).getTime() <= 62 * 86_400_000, {
    message: '查询范围不能超过 62 天',
    path: ['to'],
  });
export type DutyShiftQuery = z.infer<typeof DutyShiftQuery>;

export const DutyPersonDto = z.object({
  id: z.uuid(),
  role: z.enum(['leader', 'officer']),
  userId: z.uuid().nullable(),
  name: z.string(),
  /** Full number for holders of `duty.read` in the shift's org, masked (138****5678) otherwise. */
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  signedInAt: z.string().nullable(),
  signedOutAt: z.string().nullable(),
});
export type DutyPersonDto = z.infer<typeof DutyPersonDto>;

export const DutyShiftDto = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  kind: DutyShiftKind,
  note: z.string().nullable(),
  source: z.enum(['manual', 'import', 'demo']),
  leader: DutyPersonDto.nullable(),
  officers: z.array(DutyPersonDto),
});
export type DutyShiftDto = z.infer<typeof DutyShiftDto>;

/** One row problem of a roster import (row numbers as Excel shows them). */
export const RosterImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type RosterImportError = z.infer<typeof RosterImportError>;

export const RosterImportResultDto = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type RosterImportResultDto = z.infer<typeof RosterImportResultDto>;

export const RosterImportQuery = z.object({ orgId: z.uuid() }).strict();

export const CreateDutySwapInput = z
  .object({
    shiftId: z.uuid(),
    /** The id of the person (leader or officer entry) to be replaced. */
    fromPerson: z.uuid(),
    toUserId: z.uuid(),
    reason: NonEmptyText(500),
  })
  .strict();
export type CreateDutySwapInput = z.infer<typeof CreateDutySwapInput>;

export const DecideDutySwapInput = z.object({ note: Text(500).optional() }).strict();
export type DecideDutySwapInput = z.infer<typeof DecideDutySwapInput>;

export const DutySwapStatus = z.enum(['pending', 'approved', 'rejected']);
export const DutySwapQuery = z
  .object({ orgId: z.uuid().optional(), status: DutySwapStatus.optional(), limit: Limit(200, 50), cursor: Cursor })
  .strict();
export type DutySwapQuery = z.infer<typeof DutySwapQuery>;

const UserRef = z.object({ id: z.uuid(), name: z.string() });

export const DutySwapDto = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  shiftId: z.uuid(),
  shiftStartsAt: z.string(),
  shiftEndsAt: z.string(),
  personId: z.uuid(),
  fromName: z.string(),
  fromUserId: z.uuid().nullable(),
  toUser: UserRef,
  reason: z.string(),
  status: DutySwapStatus,
  requestedBy: UserRef,
  requestedAt: z.string(),
  decidedBy: UserRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type DutySwapDto = z.infer<typeof DutySwapDto>;

export const DutyNowQuery = z.object({ orgId: z.uuid().optional() }).strict();

export const DutyBoardPersonDto = DutyPersonDto.extend({ signedIn: z.boolean() });
export const DutyBoardEntryDto = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  orgKind: z.string(),
  shiftId: z.uuid().nullable(),
  kind: DutyShiftKind.nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  leader: DutyBoardPersonDto.nullable(),
  officers: z.array(DutyBoardPersonDto),
});
export type DutyBoardEntryDto = z.infer<typeof DutyBoardEntryDto>;
export const DutyBoardDto = z.object({ at: z.string(), items: z.array(DutyBoardEntryDto) });
export type DutyBoardDto = z.infer<typeof DutyBoardDto>;

/** Items still open at a shift change, listed automatically on the handover. */
export const HandoverOpenItemsDto = z.object({
  incidents: z.array(
    z.object({ id: z.string(), title: z.string(), status: z.string(), grade: z.number().int().nullable(), receivedAt: z.string() }),
  ),
  reportsDue: z.array(
    z.object({ incidentId: z.string(), incidentTitle: z.string(), kind: z.string(), dueAt: z.string(), overdue: z.boolean() }),
  ),
  instructions: z.array(
    z.object({ id: z.string(), incidentId: z.string(), incidentTitle: z.string(), text: z.string(), dueAt: z.string().nullable() }),
  ),
});
export type HandoverOpenItemsDto = z.infer<typeof HandoverOpenItemsDto>;

export const CreateHandoverInput = z.object({ fromShiftId: z.uuid(), toShiftId: z.uuid(), notes: Text(4000).default('') }).strict();
export type CreateHandoverInput = z.infer<typeof CreateHandoverInput>;

const ShiftRef = z.object({ id: z.uuid(), kind: DutyShiftKind, startsAt: z.string(), endsAt: z.string() });

export const HandoverDto = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  fromShift: ShiftRef,
  toShift: ShiftRef,
  notes: z.string(),
  openItems: HandoverOpenItemsDto,
  createdBy: UserRef.nullable(),
  createdAt: z.string(),
  countersignDueAt: z.string(),
  countersignedBy: UserRef.nullable(),
  countersignedAt: z.string().nullable(),
  /** Not countersigned 30 minutes after the shift change. */
  overdue: z.boolean(),
  leaderNotifiedAt: z.string().nullable(),
});
export type HandoverDto = z.infer<typeof HandoverDto>;

export const HandoverQuery = z
  .object({
    orgId: z.uuid().optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    /** `true`: only handovers not countersigned in time (flagged). */
    overdue: BoolText.optional(),
    unsigned: BoolText.optional(),
    limit: Limit(200, 50),
    cursor: Cursor,
  })
  .strict();
export type HandoverQuery = z.infer<typeof HandoverQuery>;

export const CreateDutyLogInput = z
  .object({
    orgId: z.uuid().optional(),
    at: IsoTime.optional(),
    kind: DutyLogKind,
    caller: PlainName(100).optional(),
    callerPhone: DutyPhone.optional(),
    summary: NonEmptyText(2000),
    incidentId: z.uuid().optional(),
  })
  .strict();
export type CreateDutyLogInput = z.infer<typeof CreateDutyLogInput>;

export const DutyLogQuery = z
  .object({
    orgId: z.uuid().optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    kind: DutyLogKind.optional(),
    incidentId: z.uuid().optional(),
    q: Text(100).optional(),
    limit: Limit(200, 50),
    cursor: Cursor,
  })
  .strict();
export type DutyLogQuery = z.infer<typeof DutyLogQuery>;

export const DutyLogDto = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  at: z.string(),
  kind: DutyLogKind,
  caller: z.string().nullable(),
  callerPhone: z.string().nullable(),
  phoneMasked: z.boolean(),
  summary: z.string(),
  incidentId: z.uuid().nullable(),
  createdBy: UserRef.nullable(),
  createdAt: z.string(),
});
export type DutyLogDto = z.infer<typeof DutyLogDto>;

export const DutyCheckStatus = z.enum(['pending', 'answered', 'missed']);
export type DutyCheckStatus = z.infer<typeof DutyCheckStatus>;

export const CreateDutyCheckInput = z.object({ orgId: z.uuid(), message: NonEmptyText(500) }).strict();
export type CreateDutyCheckInput = z.infer<typeof CreateDutyCheckInput>;

export const DutyCheckQuery = z
  .object({
    orgId: z.uuid().optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    status: DutyCheckStatus.optional(),
    limit: Limit(200, 50),
    cursor: Cursor,
  })
  .strict();
export type DutyCheckQuery = z.infer<typeof DutyCheckQuery>;

export const DutyCheckDto = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  message: z.string(),
  sentBy: z.object({ id: z.uuid().nullable(), name: z.string() }),
  sentAt: z.string(),
  ackMinutes: z.number().int(),
  dueAt: z.string(),
  status: DutyCheckStatus,
  notifiedCount: z.number().int(),
  ackedBy: UserRef.nullable(),
  ackedAt: z.string().nullable(),
  responseSeconds: z.number().int().nullable(),
  /** Acknowledged, but after the deadline. */
  late: z.boolean(),
});
export type DutyCheckDto = z.infer<typeof DutyCheckDto>;

export const DutyCheckStatsQuery = z.object({ orgId: z.uuid().optional(), from: IsoTime, to: IsoTime }).strict();
export type DutyCheckStatsQuery = z.infer<typeof DutyCheckStatsQuery>;

export const DutyCheckStatsDto = z.object({
  items: z.array(
    z.object({
      orgId: z.uuid(),
      orgName: z.string(),
      total: z.number().int(),
      answered: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
      late: z.number().int(),
      avgResponseSeconds: z.number().nullable(),
      maxResponseSeconds: z.number().int().nullable(),
    }),
  ),
});
export type DutyCheckStatsDto = z.infer<typeof DutyCheckStatsDto>;

export const DutySettingsDto = z.object({ checkAckMinutes: z.number().int().min(1).max(120) }).strict();
export type DutySettingsDto = z.infer<typeof DutySettingsDto>;
export const DEFAULT_DUTY_SETTINGS: DutySettingsDto = { checkAckMinutes: 5 };

export const DailyReportQuery = z
  .object({ orgId: z.uuid().optional(), date: IsoDate, format: z.enum(['json', 'xlsx', 'pdf']).default('json') })
  .strict();
export type DailyReportQuery = z.infer<typeof DailyReportQuery>;

export const DailyReportDto = z.object({
  org: z.object({ id: z.uuid(), name: z.string() }),
  date: z.string(),
  generatedAt: z.string(),
  shifts: z.array(DutyShiftDto),
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      eventType: z.string(),
      grade: z.number().int().nullable(),
      status: z.string(),
      receivedAt: z.string(),
      dead: z.number().int(),
      missing: z.number().int(),
      seriouslyInjured: z.number().int(),
      lightlyInjured: z.number().int(),
    }),
  ),
  reports: z.array(
    z.object({
      incidentId: z.string(),
      incidentTitle: z.string(),
      kind: z.string(),
      fromOrg: z.string(),
      toOrg: z.string(),
      submittedAt: z.string().nullable(),
      acknowledgedAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  instructions: z.array(
    z.object({
      incidentId: z.string(),
      incidentTitle: z.string(),
      text: z.string(),
      author: z.string(),
      issuedAt: z.string(),
      openTargets: z.number().int(),
    }),
  ),
  handovers: z.array(HandoverDto),
  log: z.array(DutyLogDto),
  checks: z.array(DutyCheckDto),
});
export type DailyReportDto = z.infer<typeof DailyReportDto>;

/** Realtime events of the duty desk (topic `duty`, filtered by org and `duty.read`). */
export const DUTY_EVENTS = {
  shiftCreated: 'duty.shift_created',
  shiftUpdated: 'duty.shift_updated',
  shiftDeleted: 'duty.shift_deleted',
  rosterImported: 'duty.roster_imported',
  swapRequested: 'duty.swap_requested',
  swapDecided: 'duty.swap_decided',
  signedIn: 'duty.signed_in',
  signedOut: 'duty.signed_out',
  handoverCreated: 'duty.handover_created',
  handoverCountersigned: 'duty.handover_countersigned',
  handoverOverdue: 'duty.handover_overdue',
  logCreated: 'duty.log_created',
  checkSent: 'duty.check_sent',
  checkAcknowledged: 'duty.check_acknowledged',
  checkMissed: 'duty.check_missed',
} as const;

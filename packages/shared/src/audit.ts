import { z } from 'zod';

export const AuditResult = z.enum(['ok', 'denied', 'failed']);
export type AuditResult = z.infer<typeof AuditResult>;

export const AuditEntryDto = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  orgId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  result: AuditResult,
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;

/** Search filters shared by the list and the export. `action` ending in `*` matches a prefix (`auth.*`). */
const auditFilterShape = {
  from: z.iso.datetime({ offset: true, message: '应为 ISO 8601 时间，如 2026-06-01T00:00:00+08:00' }).optional(),
  to: z.iso.datetime({ offset: true, message: '应为 ISO 8601 时间，如 2026-06-01T00:00:00+08:00' }).optional(),
  actor: z.string().trim().min(1).max(60).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.]*\*?$/, '操作名格式不正确（如 auth.login 或 auth.*）')
    .max(80)
    .optional(),
  entity: z.string().trim().min(1).max(60).optional(),
  entityId: z.string().trim().min(1).max(80).optional(),
  result: AuditResult.optional(),
};

const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || new Date(q.from).getTime() <= new Date(q.to).getTime();
const FROM_AFTER_TO = { message: '结束时间不能早于开始时间', path: ['to'] };

/** `GET /audit/export` query: the filters, no paging. */
export const AuditFilterQuery = z.object(auditFilterShape).strict().refine(fromBeforeTo, FROM_AFTER_TO);
export type AuditFilterQuery = z.infer<typeof AuditFilterQuery>;

/** `GET /audit` query: filters plus keyset paging (the cursor is the last `seq` seen). */
export const AuditQuery = z
  .object({
    ...auditFilterShape,
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,17}$/, '游标无效')
      .optional(),
  })
  .strict()
  .refine(fromBeforeTo, FROM_AFTER_TO);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyDto = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerifyDto = z.infer<typeof AuditVerifyDto>;

/** Most rows one export may contain; narrow the filters for more. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

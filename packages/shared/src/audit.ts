import { z } from 'zod';
import { ListQuery } from './common.js';

export const AuditResult = z.enum(['ok', 'denied', 'failed']);

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

export const AuditQuery = ListQuery.extend({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().max(60).optional(),
  action: z.string().max(80).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(80).optional(),
  result: AuditResult.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyDto = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerifyDto = z.infer<typeof AuditVerifyDto>;

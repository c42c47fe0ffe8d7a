import type { Writable } from 'node:stream';
import {
  AUDIT_EXPORT_MAX_ROWS,
  type AuditEntryDto,
  type AuditFilterQuery,
  type AuditQuery,
  type AuditVerifyDto,
  type PageOf,
  type Permission,
} from '@vigil/shared';
import type { Kysely } from 'kysely';
import { recordAudit, verifyAuditChain } from '../../platform/audit/audit.js';
import { scopePaths, type Actor } from '../../platform/auth/actor.js';
import type { Ctx, Platform } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError, invalid } from '../../platform/errors.js';
import * as repo from './audit.repository.js';
import { presentAudit } from './audit.presenter.js';
import { writeAuditXlsx } from './audit-xlsx.js';

/**
 * Org subtrees whose audit rows the actor may read. Rows without an org (attempts by unknown
 * users, system jobs) belong to the installation as a whole and are shown to every audit reader.
 */
function scopesFor(actor: Actor, perm: Permission): string[] | null {
  if (actor.kind === 'system') return null;
  const scopes = scopePaths(actor, perm);
  if (scopes.length === 0) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return scopes;
}

function toSearch(actor: Actor, perm: Permission, q: AuditFilterQuery): repo.AuditSearch {
  return {
    scopes: scopesFor(actor, perm),
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    actor: q.actor,
    action: q.action,
    entity: q.entity,
    entityId: q.entityId,
    result: q.result,
  };
}

/** Searches the audit log, newest first, within the reader's scope. */
export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<PageOf<AuditEntryDto>> {
  const search = { ...toSearch(ctx.actor, 'audit.read', q), beforeSeq: q.cursor ? Number(q.cursor) : undefined };
  const rows = await repo.searchAudit(ctx.tx, search, q.limit + 1);
  const total = await repo.countAudit(ctx.tx, search);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentAudit),
    nextCursor: rows.length > q.limit && last ? String(last.seq) : null,
    total,
  };
}

/** What an export will read: a fixed snapshot (rows up to `maxSeq`) of `total` rows. */
export interface AuditExportPlan {
  search: repo.AuditSearch;
  total: number;
}

/**
 * Checks an export request and records it in the audit log (with its filters and row count)
 * before any row leaves the server; refuses exports above the row cap.
 */
export async function planAuditExport(ctx: Ctx, q: AuditFilterQuery, maxRows = AUDIT_EXPORT_MAX_ROWS): Promise<AuditExportPlan> {
  const maxSeq = await repo.tailSeq(ctx.tx);
  const search = { ...toSearch(ctx.actor, 'audit.export', q), maxSeq };
  const total = await repo.countAudit(ctx.tx, search);
  if (total > maxRows)
    invalid(q.from ? 'from' : 'to', `符合条件的记录有 ${total} 条，超过单次导出上限 ${maxRows} 条，请缩小时间范围或增加筛选条件`);
  await recordAudit(ctx, { action: 'audit.exported', entity: 'audit_log', after: { filters: q, rows: total } });
  return { search, total };
}

/** Reads the planned rows page by page (keyset), newest first. */
export async function* auditExportRows(db: Kysely<Database>, plan: AuditExportPlan, pageSize = 1000): AsyncGenerator<AuditEntryDto> {
  let beforeSeq: number | undefined;
  let left = plan.total;
  while (left > 0) {
    const rows = await repo.searchAudit(db, { ...plan.search, beforeSeq }, Math.min(pageSize, left));
    for (const r of rows) yield presentAudit(r);
    const last = rows.at(-1);
    if (!last || rows.length < Math.min(pageSize, left)) return;
    left -= rows.length;
    beforeSeq = Number(last.seq);
  }
}

/** Writes a planned export as .xlsx into `out`. */
export async function writeAuditExport(db: Kysely<Database>, plan: AuditExportPlan, out: Writable): Promise<number> {
  return writeAuditXlsx(out, auditExportRows(db, plan));
}

/** Recomputes the whole hash chain (the same check as `npm run audit:verify`). */
export async function verifyAudit(platform: Platform): Promise<AuditVerifyDto> {
  return verifyAuditChain(platform.db, platform.config.AUDIT_HMAC_KEY);
}

import { RESOURCE_KIND_ZH, type PageOf, type ResourceDto, type ResourceKind, type ResourceListQuery } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { findOrg } from '../orgs/index.js';
import { RESOURCE_COLUMNS } from './resource-columns.js';
import { EXPORT_CAP, rowsToCsv, rowsToXlsx } from './resource-export.js';
import * as repo from './resources.repository.js';
import { resourceScope } from './resources.policy.js';
import { presentResource } from './resources.presenter.js';

/** Opaque keyset cursor: the last row's sort value and id. */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Reads a cursor from `encodeCursor`; a malformed one is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): { value: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { value, id };
  } catch {
    // fall through
  }
  return invalid('cursor', '游标无效');
}

function sortValue(row: repo.ResourceRow, sort: repo.SortKey): string {
  if (sort === 'name') return row.name;
  if (sort === 'externalCode') return row.external_code;
  return new Date(row.updated_at).toISOString();
}

/** API filters → repository filters in the actor's scope. */
async function toFilters(ctx: Ctx, kind: ResourceKind, q: ResourceListQuery): Promise<repo.ResourceFilters> {
  let bbox: [number, number, number, number] | undefined;
  if (q.bbox) {
    const b = q.bbox.split(',').map(Number) as [number, number, number, number];
    if (b[0] >= b[2] || b[1] >= b[3] || b.some((x, i) => Math.abs(x) > (i % 2 === 0 ? 180 : 90))) invalid('bbox', 'bbox 范围无效');
    bbox = b;
  }
  let orgPath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(ctx.tx, q.orgId);
    if (!org) invalid('orgId', '组织不存在');
    orgPath = org.path;
  }
  return {
    kind,
    scope: resourceScope(ctx.actor),
    q: q.q || undefined,
    typeCodePrefix: q.typeCode?.toUpperCase() || undefined,
    status: q.status || undefined,
    divisionCode: q.divisionCode,
    orgPath,
    bbox,
    includeArchived: q.includeArchived,
  };
}

/** One page of a registry in the actor's scope, with the total matching the filters. */
export async function listResourcePage(ctx: Ctx, kind: ResourceKind, q: ResourceListQuery): Promise<PageOf<ResourceDto>> {
  const f = await toFilters(ctx, kind, q);
  const rows = await repo.listResources(ctx.tx, f, { sort: q.sort, order: q.order, limit: q.limit, after: decodeCursor(q.cursor) });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentResource(ctx.actor, r)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(sortValue(last, q.sort), last.id) : null,
    total: await repo.countResources(ctx.tx, f),
  };
}

/**
 * The whole filtered list (every page, at most 50,000 rows) as .xlsx or .csv with the registry's
 * columns; contacts stay masked. Audited as `resource.exported`.
 */
export async function exportResources(
  ctx: Ctx,
  kind: ResourceKind,
  q: ResourceListQuery,
  format: 'xlsx' | 'csv',
): Promise<{ body: Buffer; rows: number; truncated: boolean }> {
  const f = await toFilters(ctx, kind, q);
  const items: ResourceDto[] = [];
  let after: { value: string; id: string } | null = null;
  let more = true;
  while (more && items.length < EXPORT_CAP) {
    const limit = Math.min(2000, EXPORT_CAP - items.length);
    const rows = await repo.listResources(ctx.tx, f, { sort: q.sort, order: q.order, limit, after });
    const page = rows.slice(0, limit);
    items.push(...page.map((r) => presentResource(ctx.actor, r)));
    more = rows.length > limit;
    const last = page.at(-1);
    after = last ? { value: sortValue(last, q.sort), id: last.id } : null;
  }
  const columns = RESOURCE_COLUMNS[kind];
  const body = format === 'xlsx' ? await rowsToXlsx(RESOURCE_KIND_ZH[kind], columns, items) : rowsToCsv(columns, items);
  await recordAudit(ctx, {
    action: 'resource.exported',
    entity: 'resource',
    after: { kind, format, rows: items.length, truncated: more, filters: { ...q, cursor: undefined, limit: undefined } },
  });
  return { body, rows: items.length, truncated: more };
}

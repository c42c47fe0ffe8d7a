import type { PageOf, StockLineDto, StockListQuery } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { STOCK_COLUMNS } from './resource-columns.js';
import { EXPORT_CAP, rowsToCsv, rowsToXlsx } from './resource-export.js';
import { loadResource } from './resource-access.js';
import { resourceScope } from './resources.policy.js';
import * as repo from './stock.repository.js';
import { dateAhead, offsetOf, pageFrom, presentLine } from './stock.service.js';

async function toFilters(ctx: Ctx, q: StockListQuery): Promise<repo.StockFilters> {
  if (q.warehouseId) await loadResource(ctx, 'warehouse', q.warehouseId);
  return {
    scope: resourceScope(ctx.actor),
    warehouseId: q.warehouseId,
    material: q.material || undefined,
    q: q.q || undefined,
    alert: q.alert,
    expiringBy: dateAhead(ctx.now, q.days),
  };
}

/** Stock lines across the warehouses in scope: by material, text, warehouse, or the below-minimum / expiring alerts. */
export async function listStockPage(ctx: Ctx, q: StockListQuery): Promise<PageOf<StockLineDto>> {
  const f = await toFilters(ctx, q);
  const offset = offsetOf(q.cursor);
  const by = f.expiringBy!;
  return pageFrom(await repo.listStock(ctx.tx, f, q.limit, offset), q.limit, offset, await repo.countStock(ctx.tx, f), (r) =>
    presentLine(r, by),
  );
}

/** The whole filtered stock list (at most 50,000 rows) as .xlsx or .csv; audited as `stock.exported`. */
export async function exportStock(
  ctx: Ctx,
  q: StockListQuery,
  format: 'xlsx' | 'csv',
): Promise<{ body: Buffer; rows: number; truncated: boolean }> {
  const f = await toFilters(ctx, q);
  const rows = await repo.listStock(ctx.tx, f, EXPORT_CAP, 0);
  const items = rows.slice(0, EXPORT_CAP).map((r) => presentLine(r, f.expiringBy!));
  const truncated = rows.length > EXPORT_CAP;
  const sheet = q.alert === 'below_minimum' ? '低于最低库存' : q.alert === 'expiring' ? '临期物资' : '储备物资';
  const body = format === 'xlsx' ? await rowsToXlsx(sheet, STOCK_COLUMNS, items) : rowsToCsv(STOCK_COLUMNS, items);
  await recordAudit(ctx, {
    action: 'stock.exported',
    entity: 'stock_line',
    after: { format, rows: items.length, truncated, filters: { ...q, cursor: undefined, limit: undefined } },
  });
  return { body, rows: items.length, truncated };
}

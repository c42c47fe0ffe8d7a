import type { PageOf, StockAdjustInput, StockLineDto, StockLineInput, StockLinePatch, StockMovementDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { loadResource } from './resource-access.js';
import type { ResourceRow } from './resources.repository.js';
import { emitResourceChanged } from './resources.events.js';
import { can, resourceScope } from './resources.policy.js';
import * as repo from './stock.repository.js';

/** Days ahead within which a line counts as expiring, unless the caller asks otherwise. */
export const EXPIRING_DAYS = 30;

const round2 = (n: number) => Math.round(n * 100) / 100;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** Today's date in Asia/Shanghai plus `days`, as YYYY-MM-DD. */
export function dateAhead(now: Date, days: number): string {
  return day(new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000));
}

/** Row → DTO; `expiringBy` is the last date that still counts as expiring soon. */
export function presentLine(r: repo.StockLineRow, expiringBy: string): StockLineDto & { warehouseCode: string } {
  return {
    id: r.id,
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    warehouseCode: r.warehouse_code,
    externalCode: r.external_code,
    materialCode: r.material_code,
    materialName: r.material_name,
    name: r.name,
    spec: r.spec,
    unit: r.unit,
    quantity: Number(r.quantity),
    minQuantity: Number(r.min_quantity),
    batch: r.batch,
    producedOn: r.produced_on,
    expiresOn: r.expires_on,
    belowMinimum: Number(r.quantity) < Number(r.min_quantity),
    expiringSoon: r.expires_on !== null && r.expires_on <= expiringBy,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** An offset cursor (stock lists are short per filter); a malformed one is a 400 on `cursor`. */
export function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  if (!/^\d{1,7}$/.test(cursor)) invalid('cursor', '游标无效');
  return Number(cursor);
}

export function pageFrom<R, T>(rows: R[], limit: number, offset: number, total: number, present: (r: R) => T): PageOf<T> {
  return { items: rows.slice(0, limit).map(present), nextCursor: rows.length > limit ? String(offset + limit) : null, total };
}

/** A warehouse the actor may see (`perm` checked in its org); writes refuse archived ones. */
async function loadWarehouse(ctx: Ctx, id: string, perm: 'resource.read' | 'resource.manage', field?: string): Promise<ResourceRow> {
  const w = await loadResource(ctx, 'warehouse', id, perm);
  if (perm === 'resource.manage' && w.archived_at) {
    if (field) invalid(field, '储备库已归档');
    conflict('储备库已归档');
  }
  return w;
}

/** A stock line in the actor's scope: 404 when missing, audited 404 outside scope, 403 without `perm`. */
async function loadLine(ctx: Ctx, id: string, perm: 'resource.read' | 'resource.manage', lock = false): Promise<repo.StockLineRow> {
  const row = lock ? await repo.lockLine(ctx.tx, id) : await repo.findLine(ctx.tx, id);
  if (!row || row.archived_at) notFound('库存', id);
  if (!can(ctx.actor, 'resource.read', row)) return denyOutOfScope(ctx, 'stock_line', id);
  if (perm !== 'resource.read' && !can(ctx.actor, perm, row)) throw new AppError('FORBIDDEN', `缺少权限 ${perm}`);
  return row;
}

async function requireMaterial(ctx: Ctx, code: string): Promise<void> {
  if (!(await repo.materialExists(ctx.tx, code))) invalid('materialCode', `未知的物资类别代码 ${code}`);
}

function movement(
  ctx: Ctx,
  line: repo.StockLineRow,
  kind: repo.MovementInsert['kind'],
  delta: number,
  after: number,
  reason: string,
  extra: Partial<repo.MovementInsert> = {},
): repo.MovementInsert {
  return {
    id: newId(),
    stock_line_id: line.id,
    warehouse_id: line.warehouse_id,
    org_id: line.org_id,
    org_path: line.org_path,
    kind,
    delta: round2(delta),
    quantity_after: round2(after),
    reason,
    transfer_id: null,
    ref_type: null,
    ref_id: null,
    actor_id: ctx.actor.userId,
    at: ctx.now,
    ...extra,
  };
}

async function changed(ctx: Ctx, warehouseId: string, lineId: string): Promise<void> {
  const w = await loadResource(ctx, 'warehouse', warehouseId);
  await emitResourceChanged(ctx, w, 'stock_changed', { lineId });
}

/** The stock lines of one warehouse in the actor's scope. */
export async function listWarehouseStock(
  ctx: Ctx,
  warehouseId: string,
  q: { limit: number; cursor?: string | undefined; q?: string | undefined; days: number },
) {
  await loadWarehouse(ctx, warehouseId, 'resource.read');
  const offset = offsetOf(q.cursor);
  const f: repo.StockFilters = { scope: resourceScope(ctx.actor), warehouseId, q: q.q || undefined };
  const by = dateAhead(ctx.now, q.days);
  return pageFrom(await repo.listStock(ctx.tx, f, q.limit, offset), q.limit, offset, await repo.countStock(ctx.tx, f), (r) =>
    presentLine(r, by),
  );
}

/** Adds a stock line to a warehouse; a non-zero initial quantity is recorded as an 'in' movement. */
export async function createStockLine(ctx: Ctx, warehouseId: string, input: StockLineInput): Promise<StockLineDto> {
  const w = await loadWarehouse(ctx, warehouseId, 'resource.manage');
  await requireMaterial(ctx, input.materialCode);
  const id = newId();
  const quantity = round2(input.quantity);
  await repo.insertLine(ctx.tx, {
    id,
    warehouse_id: w.id,
    org_id: w.org_id,
    org_path: w.org_path,
    external_code: input.externalCode ?? null,
    material_code: input.materialCode,
    name: input.name,
    spec: input.spec ?? null,
    unit: input.unit,
    quantity,
    min_quantity: round2(input.minQuantity ?? 0),
    batch: input.batch || null,
    produced_on: input.producedOn ?? null,
    expires_on: input.expiresOn ?? null,
    now: ctx.now,
  });
  const line = (await repo.findLine(ctx.tx, id))!;
  if (quantity > 0) await repo.insertMovement(ctx.tx, movement(ctx, line, 'in', quantity, quantity, '初始入库'));
  await recordAudit(ctx, {
    action: 'stock.line_created',
    entity: 'stock_line',
    entityId: id,
    after: {
      warehouseId: w.id,
      materialCode: line.material_code,
      name: line.name,
      quantity,
      batch: line.batch,
      expiresOn: line.expires_on,
    },
  });
  await changed(ctx, w.id, id);
  return presentLine(line, dateAhead(ctx.now, EXPIRING_DAYS));
}

/** Edits a line's non-quantity fields (quantity changes only through adjustments). */
export async function updateStockLine(ctx: Ctx, lineId: string, input: StockLinePatch): Promise<StockLineDto> {
  const line = await loadLine(ctx, lineId, 'resource.manage', true);
  const patch: repo.LinePatch = {};
  if (input.externalCode !== undefined) patch.external_code = input.externalCode;
  if (input.materialCode !== undefined && input.materialCode !== line.material_code) {
    await requireMaterial(ctx, input.materialCode);
    patch.material_code = input.materialCode;
  }
  if (input.name !== undefined) patch.name = input.name;
  if (input.spec !== undefined) patch.spec = input.spec || null;
  if (input.unit !== undefined) patch.unit = input.unit;
  if (input.minQuantity !== undefined) patch.min_quantity = round2(input.minQuantity);
  if (input.batch !== undefined) patch.batch = input.batch || null;
  if (input.producedOn !== undefined) patch.produced_on = input.producedOn;
  if (input.expiresOn !== undefined) patch.expires_on = input.expiresOn;
  const produced = patch.produced_on !== undefined ? patch.produced_on : line.produced_on;
  const expires = patch.expires_on !== undefined ? patch.expires_on : line.expires_on;
  if (produced && expires && expires < produced) invalid('expiresOn', '有效期不能早于生产日期');
  const keys = (Object.keys(patch) as (keyof repo.LinePatch)[]).filter((k) => patch[k] !== (line as unknown as Record<string, unknown>)[k]);
  if (keys.length === 0) return presentLine(line, dateAhead(ctx.now, EXPIRING_DAYS));
  await repo.updateLine(ctx.tx, lineId, patch, ctx.now);
  const after = (await repo.findLine(ctx.tx, lineId))!;
  const pick = (r: repo.StockLineRow) => Object.fromEntries(keys.map((k) => [k, (r as unknown as Record<string, unknown>)[k]]));
  await recordAudit(ctx, { action: 'stock.line_updated', entity: 'stock_line', entityId: lineId, before: pick(line), after: pick(after) });
  await changed(ctx, line.warehouse_id, lineId);
  return presentLine(after, dateAhead(ctx.now, EXPIRING_DAYS));
}

const insufficient = (available: number) =>
  new AppError('CONFLICT', '库存不足', {
    errors: [{ field: 'quantity', message: `库存不足，当前数量 ${available}` }],
    extra: { available },
  });

/** Moves `quantity` out of a locked line (never below zero) and records the movement. */
async function takeOut(
  ctx: Ctx,
  line: repo.StockLineRow,
  quantity: number,
  kind: repo.MovementInsert['kind'],
  reason: string,
  extra: Partial<repo.MovementInsert> = {},
) {
  const have = Number(line.quantity);
  if (quantity > have) throw insufficient(have);
  const after = round2(have - quantity);
  await repo.setQuantity(ctx.tx, line.id, after, ctx.now);
  await repo.insertMovement(ctx.tx, movement(ctx, line, kind, -quantity, after, reason, extra));
  return after;
}

async function putIn(
  ctx: Ctx,
  line: repo.StockLineRow,
  quantity: number,
  kind: repo.MovementInsert['kind'],
  reason: string,
  extra: Partial<repo.MovementInsert> = {},
) {
  const after = round2(Number(line.quantity) + quantity);
  if (after > 1e12) invalid('quantity', '数值过大');
  await repo.setQuantity(ctx.tx, line.id, after, ctx.now);
  await repo.insertMovement(ctx.tx, movement(ctx, line, kind, quantity, after, reason, extra));
  return after;
}

/** The receiving line of a transfer: the same material and batch in the target warehouse, created when missing. */
async function receivingLine(ctx: Ctx, source: repo.StockLineRow, target: ResourceRow): Promise<repo.StockLineRow> {
  const found = await repo.lockMatchingLine(ctx.tx, target.id, source.material_code, source.batch);
  if (found) return found;
  const id = newId();
  await repo.insertLine(ctx.tx, {
    id,
    warehouse_id: target.id,
    org_id: target.org_id,
    org_path: target.org_path,
    external_code: null,
    material_code: source.material_code,
    name: source.name,
    spec: source.spec,
    unit: source.unit,
    quantity: 0,
    min_quantity: 0,
    batch: source.batch,
    produced_on: source.produced_on,
    expires_on: source.expires_on,
    now: ctx.now,
  });
  return (await repo.lockLine(ctx.tx, id))!;
}

/**
 * Adjusts a line's quantity: in, out, transfer (to a warehouse in scope, atomically, both
 * movements sharing a transfer id) or stocktake (sets the counted quantity). The line is locked
 * first, so concurrent withdrawals queue; one that exceeds the stock is a 409 '库存不足'.
 */
export async function adjustStock(ctx: Ctx, lineId: string, input: StockAdjustInput): Promise<StockLineDto> {
  const line = await loadLine(ctx, lineId, 'resource.manage', true);
  const q = round2(input.quantity);
  const before = Number(line.quantity);
  let transfer: { id: string; toLineId: string; toWarehouseId: string } | null = null;
  if (input.kind === 'in') await putIn(ctx, line, q, 'in', input.reason);
  else if (input.kind === 'out') await takeOut(ctx, line, q, 'out', input.reason);
  else if (input.kind === 'stocktake') {
    await repo.setQuantity(ctx.tx, line.id, q, ctx.now);
    await repo.insertMovement(ctx.tx, movement(ctx, line, 'stocktake', q - before, q, input.reason));
  } else {
    const targetId = input.toWarehouseId!;
    if (targetId === line.warehouse_id) invalid('toWarehouseId', '调入仓库不能与调出仓库相同');
    const target = await loadWarehouse(ctx, targetId, 'resource.manage', 'toWarehouseId');
    const transferId = newId();
    await takeOut(ctx, line, q, 'transfer_out', input.reason, { transfer_id: transferId, ref_type: 'warehouse', ref_id: target.id });
    const to = await receivingLine(ctx, line, target);
    await putIn(ctx, to, q, 'transfer_in', input.reason, { transfer_id: transferId, ref_type: 'warehouse', ref_id: line.warehouse_id });
    transfer = { id: transferId, toLineId: to.id, toWarehouseId: target.id };
    await changed(ctx, target.id, to.id);
  }
  const after = (await repo.findLine(ctx.tx, lineId))!;
  await recordAudit(ctx, {
    action: 'stock.adjusted',
    entity: 'stock_line',
    entityId: lineId,
    before: { quantity: before },
    after: { kind: input.kind, quantity: Number(after.quantity), amount: q, reason: input.reason, ...(transfer ? { transfer } : {}) },
  });
  await changed(ctx, line.warehouse_id, lineId);
  return presentLine(after, dateAhead(ctx.now, EXPIRING_DAYS));
}

export interface StockDispatchInput {
  lineId: string;
  quantity: number;
  refType: string;
  refId: string | null;
  reason: string;
}

/** For the command module: the line as the actor may see it, locked, with a positive amount. */
async function dispatchLine(ctx: Ctx, input: StockDispatchInput): Promise<{ line: repo.StockLineRow; q: number }> {
  const q = round2(input.quantity);
  if (!(q > 0)) invalid('quantity', '数量必须大于 0');
  if (!input.reason.trim()) invalid('reason', '请填写原因');
  return { line: await loadLine(ctx, input.lineId, 'resource.read', true), q };
}

/**
 * For the command module: takes stock out for a dispatch (kind 'dispatch', referencing the task).
 * Requires the line to be visible to the actor; the caller authorises the dispatch itself.
 */
export async function withdrawStock(ctx: Ctx, input: StockDispatchInput): Promise<StockLineDto> {
  const { line, q } = await dispatchLine(ctx, input);
  await takeOut(ctx, line, q, 'dispatch', input.reason, { ref_type: input.refType, ref_id: input.refId });
  await recordAudit(ctx, {
    action: 'stock.dispatched',
    entity: 'stock_line',
    entityId: line.id,
    before: { quantity: Number(line.quantity) },
    after: { quantity: round2(Number(line.quantity) - q), amount: q, refType: input.refType, refId: input.refId, reason: input.reason },
  });
  await changed(ctx, line.warehouse_id, line.id);
  return presentLine((await repo.findLine(ctx.tx, line.id))!, dateAhead(ctx.now, EXPIRING_DAYS));
}

/** For the command module: puts dispatched stock back (kind 'return'). */
export async function returnStock(ctx: Ctx, input: StockDispatchInput): Promise<StockLineDto> {
  const { line, q } = await dispatchLine(ctx, input);
  await putIn(ctx, line, q, 'return', input.reason, { ref_type: input.refType, ref_id: input.refId });
  await recordAudit(ctx, {
    action: 'stock.returned',
    entity: 'stock_line',
    entityId: line.id,
    before: { quantity: Number(line.quantity) },
    after: { quantity: round2(Number(line.quantity) + q), amount: q, refType: input.refType, refId: input.refId, reason: input.reason },
  });
  await changed(ctx, line.warehouse_id, line.id);
  return presentLine((await repo.findLine(ctx.tx, line.id))!, dateAhead(ctx.now, EXPIRING_DAYS));
}

/** The movements of a line, newest first. */
export async function listStockMovements(
  ctx: Ctx,
  lineId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<PageOf<StockMovementDto>> {
  await loadLine(ctx, lineId, 'resource.read');
  const offset = offsetOf(q.cursor);
  const rows = await repo.listMovements(ctx.tx, lineId, q.limit, offset);
  return pageFrom(rows, q.limit, offset, await repo.countMovements(ctx.tx, lineId), (m) => ({
    id: m.id,
    kind: m.kind,
    delta: Number(m.delta),
    quantityAfter: Number(m.quantity_after),
    reason: m.reason,
    actorName: m.actor_name,
    at: new Date(m.at).toISOString(),
  }));
}

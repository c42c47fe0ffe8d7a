import type { DispatchMaterialInput, MaterialDispatchDto, ReturnMaterialInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { returnStock, withdrawStock } from '../resources/index.js';
import { loadTask } from './command-access.js';
import { COMMAND_EVENTS, logCommandStep } from './command.events.js';
import * as repo from './command.repository.js';

const present = (d: repo.DispatchRow, remaining?: number): MaterialDispatchDto => ({
  id: d.id,
  taskId: d.task_id,
  lineId: d.line_id,
  warehouseId: d.warehouse_id,
  warehouseName: d.warehouse_name,
  name: d.item_name,
  unit: d.unit,
  quantity: Number(d.quantity),
  returnedQuantity: Number(d.returned_quantity),
  ...(remaining === undefined ? {} : { remaining }),
  note: d.note,
  by: d.by_name,
  at: new Date(d.at).toISOString(),
});

/**
 * `POST /tasks/:id/materials`: sends materials from a warehouse stock line for a task of an
 * active response. The withdrawal (resources module, line locked, never below zero: 409 with the
 * available amount) and the dispatch record are written in one transaction.
 */
export async function dispatchMaterial(ctx: Ctx, taskId: string, input: DispatchMaterialInput): Promise<MaterialDispatchDto> {
  const t = await loadTask(ctx, taskId, 'dispatch', true);
  const r = await repo.findResponse(ctx.tx, t.response_id);
  if (r?.status !== 'active') conflict('响应已终止，不能再调拨物资');
  if (t.status === 'done' || t.status === 'rejected') conflict('任务已结束，不能再调拨物资');
  const line = await withdrawStock(ctx, {
    lineId: input.lineId,
    quantity: input.quantity,
    refType: 'command_task',
    refId: taskId,
    reason: `任务“${t.title}”调拨${input.note ? `：${input.note}` : ''}`.slice(0, 500),
  });
  const id = newId();
  await repo.insertDispatch(ctx.tx, {
    id,
    task_id: taskId,
    response_id: t.response_id,
    incident_id: t.incident_id,
    org_path: t.org_path,
    line_id: line.id,
    warehouse_id: line.warehouseId,
    warehouse_name: line.warehouseName,
    item_name: line.name,
    unit: line.unit,
    quantity: input.quantity,
    note: input.note || null,
    by_id: ctx.actor.userId,
    by_name: ctx.actor.displayName ?? ctx.actor.username,
    at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'command.material_dispatched',
    entity: 'command_task',
    entityId: taskId,
    after: { dispatchId: id, lineId: line.id, quantity: input.quantity, remaining: line.quantity },
  });
  await logCommandStep(
    ctx,
    COMMAND_EVENTS.materialDispatched,
    t,
    `为任务“${t.title}”从${line.warehouseName}调拨${line.name} ${input.quantity}${line.unit}`,
    { responseId: t.response_id, taskId, dispatchId: id },
  );
  const row = (await repo.dispatchesOf(ctx.tx, taskId)).find((d) => d.id === id)!;
  return present(row, line.quantity);
}

/** `GET /tasks/:id/materials`: what was dispatched for the task. */
export async function listDispatches(ctx: Ctx, taskId: string): Promise<{ items: MaterialDispatchDto[] }> {
  await loadTask(ctx, taskId);
  return { items: (await repo.dispatchesOf(ctx.tx, taskId)).map((d) => present(d)) };
}

/**
 * `POST /tasks/:id/materials/:dispatchId/return`: puts unused materials of a dispatch back on its
 * stock line (a `return` movement) in one transaction; never more than is still out (409).
 */
export async function returnMaterial(
  ctx: Ctx,
  taskId: string,
  dispatchId: string,
  input: ReturnMaterialInput,
): Promise<MaterialDispatchDto> {
  const t = await loadTask(ctx, taskId, 'dispatch', true);
  const d = (await repo.lockDispatch(ctx.tx, taskId, dispatchId)) ?? notFound('调拨记录', dispatchId);
  const out = Number(d.quantity) - Number(d.returned_quantity);
  const q = input.quantity ?? out;
  if (!(out > 0)) conflict('该调拨的物资已全部退回');
  if (q > out)
    throw new AppError('CONFLICT', '退回数量超过未退回的数量', {
      errors: [{ field: 'quantity', message: `最多可退回 ${out}` }],
      extra: { available: out },
    });
  const line = await returnStock(ctx, {
    lineId: d.line_id,
    quantity: q,
    refType: 'command_task',
    refId: taskId,
    reason: `任务“${t.title}”退回${input.note ? `：${input.note}` : ''}`.slice(0, 500),
  });
  await repo.setReturned(ctx.tx, dispatchId, Math.round((Number(d.returned_quantity) + q) * 100) / 100);
  await recordAudit(ctx, {
    action: 'command.material_returned',
    entity: 'command_task',
    entityId: taskId,
    after: { dispatchId, lineId: d.line_id, quantity: q, remaining: line.quantity },
  });
  await logCommandStep(ctx, COMMAND_EVENTS.materialReturned, t, `任务“${t.title}”退回${d.item_name} ${q}${d.unit}到${d.warehouse_name}`, {
    responseId: t.response_id,
    taskId,
    dispatchId,
  });
  const row = (await repo.dispatchesOf(ctx.tx, taskId)).find((x) => x.id === dispatchId)!;
  return present(row, line.quantity);
}

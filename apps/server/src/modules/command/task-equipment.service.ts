import { EQUIPMENT_TYPE_ZH, type DispatchEquipmentInput, type EquipmentAllocationDto, type ReturnEquipmentInput } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { setEquipmentStatus } from '../resources/index.js';
import { loadTask } from './command-access.js';
import { COMMAND_EVENTS, logCommandStep } from './command.events.js';
import * as repo from './command.repository.js';
import * as equipment from './task-equipment.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const present = (a: equipment.AllocationRow): EquipmentAllocationDto => ({
  id: a.id,
  taskId: a.task_id,
  equipmentId: a.equipment_id,
  name: a.equipment_name,
  equipmentType: a.equipment_type,
  note: a.note,
  dispatchedAt: iso(a.dispatched_at)!,
  dispatchedBy: a.dispatched_by_name,
  returnedAt: iso(a.returned_at),
  returnedBy: a.returned_by_name,
  returnNote: a.return_note,
});

const who = (ctx: Ctx) => ctx.actor.displayName ?? ctx.actor.username;

/** The equipment's name with its type in words, for the command log: 无人机“大疆 M300”. */
function label(a: { equipment_name: string; equipment_type: string | null }): string {
  const type = a.equipment_type ? EQUIPMENT_TYPE_ZH[a.equipment_type as keyof typeof EQUIPMENT_TYPE_ZH] : undefined;
  return `${type ?? '装备'}“${a.equipment_name}”`;
}

/**
 * `POST /tasks/:id/equipment` (调派装备): allocates a piece of equipment to an open task of an
 * active response. The equipment must be visible to the actor (else a 400 on `equipmentId`) and
 * available: it becomes in_use by one conditional update in the resources module, so of two
 * concurrent allocations of the same equipment exactly one succeeds and the other is a 409.
 */
export async function dispatchEquipment(ctx: Ctx, taskId: string, input: DispatchEquipmentInput): Promise<EquipmentAllocationDto> {
  const t = await loadTask(ctx, taskId, 'dispatch', true);
  // Locked: a termination running meanwhile either comes first (then 409 here) or waits for this
  // allocation and returns it with the rest.
  const r = await repo.lockResponse(ctx.tx, t.response_id);
  if (r?.status !== 'active') conflict('响应已终止，不能再调派装备');
  if (t.status === 'done' || t.status === 'rejected') conflict('任务已结束，不能再调派装备');
  const eq = await setEquipmentStatus(ctx, input.equipmentId, 'available', 'in_use', { field: 'equipmentId' });
  const id = newId();
  const type = typeof eq.attrs.equipmentType === 'string' ? eq.attrs.equipmentType : null;
  const inserted = await equipment.insertAllocation(ctx.tx, {
    id,
    task_id: taskId,
    response_id: t.response_id,
    incident_id: t.incident_id,
    org_path: t.org_path,
    equipment_id: eq.id,
    equipment_name: eq.name,
    equipment_type: type,
    note: input.note || null,
    dispatched_at: ctx.now,
    dispatched_by: ctx.actor.userId,
    dispatched_by_name: who(ctx),
  });
  // The status said available, yet an allocation is still open (the registry was edited by hand).
  if (!inserted) conflict(`装备“${eq.name}”仍调派在其他任务上，请先归还`);
  const row = (await equipment.findAllocation(ctx.tx, taskId, id))!;
  await recordAudit(ctx, {
    action: 'command.equipment_dispatched',
    entity: 'command_task',
    entityId: taskId,
    after: { allocationId: id, equipmentId: eq.id, name: eq.name, note: row.note },
  });
  await logCommandStep(
    ctx,
    COMMAND_EVENTS.equipmentDispatched,
    t,
    `为任务“${t.title}”调派${label(row)}${row.note ? `，备注：${row.note}` : ''}`,
    { responseId: t.response_id, taskId, allocationId: id, equipmentId: eq.id },
  );
  return present(row);
}

/** `GET /tasks/:id/equipment`: the equipment allocated to the task, returned or still out. */
export async function listTaskEquipment(ctx: Ctx, taskId: string): Promise<{ items: EquipmentAllocationDto[] }> {
  await loadTask(ctx, taskId);
  return { items: (await equipment.allocationsOf(ctx.tx, taskId)).map(present) };
}

/**
 * Closes one allocation and puts the equipment back to available. If someone changed the
 * equipment's status by hand meanwhile (to maintenance, say), that status is kept: the
 * allocation is still closed. False when the allocation had already been returned.
 */
async function giveBack(ctx: Ctx, a: equipment.AllocationRow, note: string | null, auto: boolean): Promise<boolean> {
  if (!(await equipment.markReturned(ctx.tx, a.id, { id: ctx.actor.userId, name: who(ctx), note, at: ctx.now }))) return false;
  let statusKept: string | null = null;
  try {
    await setEquipmentStatus(ctx, a.equipment_id, 'in_use', 'available');
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    statusKept = e.message;
  }
  await recordAudit(ctx, {
    action: 'command.equipment_returned',
    entity: 'command_task',
    entityId: a.task_id,
    after: { allocationId: a.id, equipmentId: a.equipment_id, name: a.equipment_name, note, auto, ...(statusKept ? { statusKept } : {}) },
  });
  await logCommandStep(ctx, COMMAND_EVENTS.equipmentReturned, a, `${label(a)}${auto ? '自动' : ''}归还${note ? `（${note}）` : ''}`, {
    responseId: a.response_id,
    taskId: a.task_id,
    allocationId: a.id,
    equipmentId: a.equipment_id,
    auto,
  });
  return true;
}

/** `POST /tasks/:id/equipment/:allocationId/return` (归还): the equipment is available again; a second return is a 409. */
export async function returnEquipment(
  ctx: Ctx,
  taskId: string,
  allocationId: string,
  input: ReturnEquipmentInput,
): Promise<EquipmentAllocationDto> {
  await loadTask(ctx, taskId, 'dispatch', true);
  const a = (await equipment.findAllocation(ctx.tx, taskId, allocationId)) ?? notFound('装备调派记录', allocationId);
  if (a.returned_at || !(await giveBack(ctx, a, input.note || null, false))) conflict(`${label(a)}已归还`);
  return present((await equipment.findAllocation(ctx.tx, taskId, allocationId))!);
}

/**
 * Returns the equipment still out on a task that reached done or rejected, or on every task of a
 * terminated response — as the system (the person who ended the task may not manage the
 * equipment's org), like the teams' status sync. Returns how many allocations were closed.
 */
export async function releaseTaskEquipment(ctx: Ctx, of: { taskId: string } | { responseId: string }, why: string): Promise<number> {
  const open = await equipment.openAllocations(ctx.tx, of);
  const system: Ctx = { ...ctx, actor: SYSTEM_ACTOR };
  let n = 0;
  for (const a of open) if (await giveBack(system, a, why, true)) n++;
  return n;
}

import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { commandDb, type CommandTaskEquipmentTable } from './command.tables.js';

type Db = Kysely<Database>;

export type AllocationRow = Selectable<CommandTaskEquipmentTable>;

/**
 * Records an allocation; false when the equipment is already out on another (unreturned)
 * allocation (the partial unique index `command_task_equipment_out`), without aborting the transaction.
 */
export async function insertAllocation(db: Db, row: Insertable<CommandTaskEquipmentTable>): Promise<boolean> {
  const r = await commandDb(db)
    .insertInto('command_task_equipment')
    .values(row)
    .onConflict((oc) => oc.column('equipment_id').where('returned_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** The equipment allocated to a task, oldest first. */
export async function allocationsOf(db: Db, taskId: string): Promise<AllocationRow[]> {
  return commandDb(db)
    .selectFrom('command_task_equipment')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('dispatched_at')
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function findAllocation(db: Db, taskId: string, id: string): Promise<AllocationRow | undefined> {
  return commandDb(db)
    .selectFrom('command_task_equipment')
    .selectAll()
    .where('id', '=', id)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

/** Allocations still out, of one task or of every task of a response, oldest first. */
export async function openAllocations(db: Db, of: { taskId: string } | { responseId: string }): Promise<AllocationRow[]> {
  let q = commandDb(db).selectFrom('command_task_equipment').selectAll().where('returned_at', 'is', null);
  q = 'taskId' in of ? q.where('task_id', '=', of.taskId) : q.where('response_id', '=', of.responseId);
  return q.orderBy('dispatched_at').orderBy('id').execute();
}

/**
 * Closes an allocation only if it is still out (a conditional update: of two concurrent returns
 * one wins); false when it was already returned.
 */
export async function markReturned(
  db: Db,
  id: string,
  by: { id: string | null; name: string | null; note: string | null; at: Date },
): Promise<boolean> {
  const r = await commandDb(db)
    .updateTable('command_task_equipment')
    .set({ returned_at: by.at, returned_by: by.id, returned_by_name: by.name, return_note: by.note })
    .where('id', '=', id)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

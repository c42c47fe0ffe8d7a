import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DutyImportErrorTable } from '../../platform/db/schema.js';

export type ImportErrorRow = Selectable<DutyImportErrorTable>;

export async function insertImportError(tx: Kysely<Database>, row: Insertable<DutyImportErrorTable>): Promise<void> {
  await tx.insertInto('duty_import_error').values(row).execute();
}

export async function findImportError(db: Kysely<Database>, id: string): Promise<ImportErrorRow | undefined> {
  return db.selectFrom('duty_import_error').selectAll().where('id', '=', id).executeTakeFirst();
}

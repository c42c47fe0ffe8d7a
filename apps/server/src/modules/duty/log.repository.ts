import type { Insertable, Kysely, Selectable } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database, DutyLogTable } from '../../platform/db/schema.js';
import { countRows, newestFirstPage, type KeysetAfter } from '../../platform/db/paging.js';

export type LogRow = Selectable<DutyLogTable> & { org_name: string; created_by_name: string | null };

function logQuery(db: Kysely<Database>) {
  return db
    .selectFrom('duty_log as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .leftJoin('app_user as u', 'u.id', 'l.created_by')
    .selectAll('l')
    .select(['o.name as org_name', 'u.display_name as created_by_name']);
}

export async function insertLog(tx: Kysely<Database>, row: Insertable<DutyLogTable>): Promise<void> {
  await tx.insertInto('duty_log').values(row).execute();
}

export async function findLog(db: Kysely<Database>, id: string): Promise<LogRow | undefined> {
  return logQuery(db).where('l.id', '=', id).executeTakeFirst();
}

export interface LogFilter {
  paths: string[];
  orgId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  kind?: string | undefined;
  incidentId?: string | undefined;
  q?: string | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function filtered(db: Kysely<Database>, f: LogFilter) {
  let q = logQuery(db).where(pathWithin('l.org_path', f.paths));
  if (f.orgId) q = q.where('l.org_id', '=', f.orgId);
  if (f.from) q = q.where('l.at', '>=', f.from);
  if (f.to) q = q.where('l.at', '<', f.to);
  if (f.kind) q = q.where('l.kind', '=', f.kind as 'other');
  if (f.incidentId) q = q.where('l.incident_id', '=', f.incidentId);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('l.summary', 'ilike', like), eb('l.caller', 'ilike', like)]));
  }
  return q;
}

export async function listLog(db: Kysely<Database>, f: LogFilter & { after: KeysetAfter | null; limit: number }): Promise<LogRow[]> {
  if (f.paths.length === 0) return [];
  return newestFirstPage(filtered(db, f), 'l.at', 'l.id', f.after, f.limit).execute();
}

export async function countLog(db: Kysely<Database>, f: LogFilter): Promise<number> {
  if (f.paths.length === 0) return 0;
  return countRows(filtered(db, f));
}

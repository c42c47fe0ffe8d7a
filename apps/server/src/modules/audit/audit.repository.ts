import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { AuditResult } from '@vigil/shared';
import type { AuditRow, Database } from '../../platform/db/schema.js';

/** What to read from the audit log; every field narrows the result. */
export interface AuditSearch {
  /** Org subtrees the reader may see (rows without an org are always included); null = the whole log. */
  scopes: string[] | null;
  from?: Date | undefined;
  to?: Date | undefined;
  actor?: string | undefined;
  /** Exact action, or a prefix when it ends with `*`. */
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  result?: AuditResult | undefined;
  /** Keyset: only rows older than this seq. */
  beforeSeq?: number | undefined;
  /** Snapshot bound: only rows up to this seq. */
  maxSeq?: number | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function conditions(f: AuditSearch) {
  return (eb: ExpressionBuilder<Database, 'audit_log'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.scopes) c.push(eb.or([eb('org_path', 'is', null), ...f.scopes.map((p) => sql<SqlBool>`org_path <@ ${p}::ltree`)]));
    if (f.from) c.push(eb('at', '>=', f.from));
    if (f.to) c.push(eb('at', '<=', f.to));
    if (f.actor) c.push(eb('actor_name', '=', f.actor));
    if (f.action)
      c.push(f.action.endsWith('*') ? eb('action', 'like', `${escapeLike(f.action.slice(0, -1))}%`) : eb('action', '=', f.action));
    if (f.entity) c.push(eb('entity', '=', f.entity));
    if (f.entityId) c.push(eb('entity_id', '=', f.entityId));
    if (f.result) c.push(eb('result', '=', f.result));
    if (f.beforeSeq !== undefined) c.push(eb('seq', '<', f.beforeSeq));
    if (f.maxSeq !== undefined) c.push(eb('seq', '<=', f.maxSeq));
    return eb.and(c);
  };
}

/** One page of matching rows, newest first (keyset on seq). */
export async function searchAudit(db: Kysely<Database>, f: AuditSearch, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where(conditions(f)).orderBy('seq', 'desc').limit(limit).execute();
}

/** How many rows match (ignoring the keyset position). */
export async function countAudit(db: Kysely<Database>, f: AuditSearch): Promise<number> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(conditions({ ...f, beforeSeq: undefined }))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The newest seq in the log (0 when empty). */
export async function tailSeq(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? Number(r.seq) : 0;
}

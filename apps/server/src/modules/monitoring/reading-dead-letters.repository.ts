import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export interface DeadLetterRow {
  id: number;
  received_at: Date;
  transport: 'mqtt' | 'http';
  device_code: string | null;
  device_id: string | null;
  metric: string | null;
  reason: string;
  detail: string | null;
  payload: string | null;
}

export interface DeadLetterFilter {
  /** Org subtrees whose devices' dead letters are visible; null = everything (system). */
  paths: readonly string[] | null;
  /** Whether letters naming no known device are visible (city-wide scope). */
  includeUnknown: boolean;
  deviceId?: string | undefined;
  reason?: string | undefined;
  /** Letters with an id below this (keyset paging, newest first). */
  beforeId?: number | undefined;
  limit: number;
}

function where(f: Omit<DeadLetterFilter, 'beforeId' | 'limit'>) {
  const scope =
    f.paths === null
      ? sql`true`
      : sql`(${f.paths.length ? sql`d.org_path <@ ARRAY[${sql.join(f.paths.map((p) => sql`${p}::ltree`))}]` : sql`false`}
             ${f.includeUnknown ? sql`OR dl.device_id IS NULL` : sql``})`;
  return sql`${scope}
      ${f.deviceId ? sql`AND dl.device_id = ${f.deviceId}::uuid` : sql``}
      ${f.reason ? sql`AND dl.reason = ${f.reason}` : sql``}`;
}

/** Refused messages and readings, newest first, limited to the devices the caller may see. */
export async function listDeadLetters(db: Kysely<Database>, f: DeadLetterFilter): Promise<DeadLetterRow[]> {
  const r = await sql<DeadLetterRow>`
    SELECT dl.id, dl.received_at, dl.transport, dl.device_code, dl.device_id, dl.metric, dl.reason, dl.detail, dl.payload
    FROM reading_dead_letter dl LEFT JOIN device d ON d.id = dl.device_id
    WHERE ${where(f)} ${f.beforeId !== undefined ? sql`AND dl.id < ${f.beforeId}::bigint` : sql``}
    ORDER BY dl.id DESC
    LIMIT ${f.limit}`.execute(db);
  return r.rows;
}

/** How many letters match, counted up to `cap` (the table can be large). */
export async function countDeadLetters(
  db: Kysely<Database>,
  f: Omit<DeadLetterFilter, 'beforeId' | 'limit'>,
  cap: number,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM reading_dead_letter dl LEFT JOIN device d ON d.id = dl.device_id WHERE ${where(f)} LIMIT ${cap}
    ) x`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

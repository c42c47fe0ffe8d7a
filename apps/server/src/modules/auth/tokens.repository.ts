import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

const COLUMNS = [
  't.id',
  't.name',
  't.prefix',
  't.user_id',
  'u.username',
  'u.org_path',
  't.permissions',
  't.expires_at',
  't.revoked_at',
  't.last_used_at',
  't.created_at',
] as const;

export type ApiTokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

export async function insertToken(
  db: Db,
  t: {
    id: string;
    name: string;
    token_hash: string;
    prefix: string;
    user_id: string;
    permissions: string[];
    expires_at: Date | null;
    created_by: string | null;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto('api_token').values(t).execute();
}

export async function findToken(db: Db, id: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(COLUMNS)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** A page of tokens whose owners lie in the given org subtrees, newest first (UUIDv7 ids order by time). */
export async function listTokens(
  db: Db,
  q: { scopes: string[]; limit: number; cursor?: string | undefined; userId?: string | undefined; q?: string | undefined },
) {
  let base = db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .where((eb) => eb.or(q.scopes.map((p) => sql<boolean>`${eb.ref('u.org_path')} <@ ${p}::ltree`)));
  if (q.userId) base = base.where('t.user_id', '=', q.userId);
  if (q.q) base = base.where('t.name', 'ilike', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = base
    .select(COLUMNS)
    .orderBy('t.id', 'desc')
    .limit(q.limit + 1);
  if (q.cursor) page = page.where('t.id', '<', q.cursor);
  const rows = await page.execute();
  return { rows: rows.slice(0, q.limit), more: rows.length > q.limit, total: Number(total.n) };
}

export async function revokeToken(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

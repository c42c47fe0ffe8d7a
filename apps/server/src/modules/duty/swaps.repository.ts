import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, DutySwapTable } from '../../platform/db/schema.js';

export type SwapRow = Selectable<DutySwapTable> & {
  shift_starts_at: Date;
  shift_ends_at: Date;
  to_name: string;
  requested_by_name: string;
  decided_by_name: string | null;
};

function swapQuery(db: Kysely<Database>) {
  return db
    .selectFrom('duty_swap as w')
    .innerJoin('duty_shift as s', 's.id', 'w.shift_id')
    .innerJoin('app_user as t', 't.id', 'w.to_user_id')
    .innerJoin('app_user as r', 'r.id', 'w.requested_by')
    .leftJoin('app_user as d', 'd.id', 'w.decided_by')
    .selectAll('w')
    .select([
      's.starts_at as shift_starts_at',
      's.ends_at as shift_ends_at',
      't.display_name as to_name',
      'r.display_name as requested_by_name',
      'd.display_name as decided_by_name',
    ]);
}

export async function insertSwap(tx: Kysely<Database>, row: Insertable<DutySwapTable>): Promise<void> {
  await tx.insertInto('duty_swap').values(row).execute();
}

export async function findSwap(db: Kysely<Database>, id: string): Promise<SwapRow | undefined> {
  return swapQuery(db).where('w.id', '=', id).executeTakeFirst();
}

export async function pendingSwapFor(db: Kysely<Database>, personId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('duty_swap')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r?.id;
}

export async function decideSwap(
  tx: Kysely<Database>,
  id: string,
  d: { status: 'approved' | 'rejected'; decided_by: string; decided_at: Date; decision_note: string | null },
): Promise<void> {
  await tx.updateTable('duty_swap').set(d).where('id', '=', id).execute();
}

export async function listSwaps(
  db: Kysely<Database>,
  f: { orgId: string; status: string | undefined; after: { at: Date; id: string } | null; limit: number },
): Promise<SwapRow[]> {
  let q = swapQuery(db).where('w.org_id', '=', f.orgId);
  if (f.status) q = q.where('w.status', '=', f.status as 'pending');
  if (f.after) {
    const a = f.after;
    q = q.where((eb) => eb(eb.refTuple('w.requested_at', 'w.id'), '<', eb.tuple(a.at, a.id)));
  }
  return q.orderBy('w.requested_at', 'desc').orderBy('w.id', 'desc').limit(f.limit).execute();
}

export async function countSwaps(db: Kysely<Database>, orgId: string, status: string | undefined): Promise<number> {
  let q = db
    .selectFrom('duty_swap')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId);
  if (status) q = q.where('status', '=', status as 'pending');
  return Number((await q.executeTakeFirstOrThrow()).n);
}

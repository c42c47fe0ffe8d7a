import { sql, type Kysely, type SqlBool } from 'kysely';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database, StockMovementTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';

type Db = Kysely<Database>;

/** A stock line with its warehouse's name and code and its material class name. */
export interface StockLineRow {
  id: string;
  warehouse_id: string;
  warehouse_name: string;
  warehouse_code: string;
  org_id: string;
  org_path: string;
  external_code: string | null;
  material_code: string;
  material_name: string | null;
  name: string;
  spec: string | null;
  unit: string;
  quantity: number;
  min_quantity: number;
  batch: string | null;
  produced_on: string | null;
  expires_on: string | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface StockFilters {
  scope: readonly string[] | null;
  warehouseId?: string | undefined;
  material?: string | undefined;
  q?: string | undefined;
  alert?: 'below_minimum' | 'expiring' | undefined;
  /** `expiring`: expires on or before this date (YYYY-MM-DD). */
  expiringBy?: string | undefined;
}

function lines(db: Db) {
  return db
    .selectFrom('stock_line as s')
    .innerJoin('resource as w', 'w.id', 's.warehouse_id')
    .select([
      's.id',
      's.warehouse_id',
      'w.name as warehouse_name',
      'w.external_code as warehouse_code',
      's.org_id',
      's.org_path',
      's.external_code',
      's.material_code',
      's.name',
      's.spec',
      's.unit',
      's.batch',
      's.archived_at',
      's.created_at',
      's.updated_at',
    ])
    .select([
      sql<number>`s.quantity::float8`.as('quantity'),
      sql<number>`s.min_quantity::float8`.as('min_quantity'),
      sql<string | null>`to_char(s.produced_on, 'YYYY-MM-DD')`.as('produced_on'),
      sql<string | null>`to_char(s.expires_on, 'YYYY-MM-DD')`.as('expires_on'),
      sql<string | null>`(SELECT c.name FROM code_table c WHERE c.code = s.material_code ORDER BY c.family LIMIT 1)`.as('material_name'),
    ]);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: Db, f: StockFilters) {
  let q = lines(db)
    .where('s.archived_at', 'is', null)
    .where(f.scope === null ? sql<SqlBool>`true` : pathWithin('s.org_path', f.scope));
  if (f.warehouseId) q = q.where('s.warehouse_id', '=', f.warehouseId);
  if (f.material) q = q.where('s.material_code', 'like', `${escapeLike(f.material)}%`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.external_code', 'ilike', like), eb('s.batch', 'ilike', like)]));
  }
  if (f.alert === 'below_minimum') q = q.where(sql<SqlBool>`s.quantity < s.min_quantity`);
  if (f.alert === 'expiring' && f.expiringBy)
    q = q.where('s.expires_on', 'is not', null).where(sql<SqlBool>`s.expires_on <= ${f.expiringBy}::date`);
  return q;
}

/** One page ordered by material code, name and id (offset cursor: stock lists are small per filter). */
export async function listStock(db: Db, f: StockFilters, limit: number, offset: number): Promise<StockLineRow[]> {
  const q = filtered(db, f);
  const ordered = f.alert === 'expiring' ? q.orderBy('s.expires_on', 'asc') : q.orderBy('s.material_code', 'asc').orderBy('s.name', 'asc');
  return (await ordered
    .orderBy('s.id', 'asc')
    .limit(limit + 1)
    .offset(offset)
    .execute()) as StockLineRow[];
}

export async function countStock(db: Db, f: StockFilters): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findLine(db: Db, id: string): Promise<StockLineRow | undefined> {
  return (await lines(db).where('s.id', '=', id).executeTakeFirst()) as StockLineRow | undefined;
}

/** Locks the line (`SELECT … FOR UPDATE`) so concurrent adjustments queue behind each other. */
export async function lockLine(db: Db, id: string): Promise<StockLineRow | undefined> {
  const locked = await db.selectFrom('stock_line').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findLine(db, id) : undefined;
}

/** The live line of a warehouse holding this material and batch, locked; the receiving end of a transfer. */
export async function lockMatchingLine(
  db: Db,
  warehouseId: string,
  materialCode: string,
  batch: string | null,
): Promise<StockLineRow | undefined> {
  const q = db
    .selectFrom('stock_line')
    .select('id')
    .where('warehouse_id', '=', warehouseId)
    .where('material_code', '=', materialCode)
    .where('archived_at', 'is', null);
  const row = await (batch === null ? q.where('batch', 'is', null) : q.where('batch', '=', batch))
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return row ? findLine(db, row.id) : undefined;
}

const duplicate = () =>
  new AppError('CONFLICT', '物资外部编码已存在', { errors: [{ field: 'externalCode', message: '外部编码已被使用' }] });

export interface LineInsert {
  id: string;
  warehouse_id: string;
  org_id: string;
  org_path: string;
  external_code: string | null;
  material_code: string;
  name: string;
  spec: string | null;
  unit: string;
  quantity: number;
  min_quantity: number;
  batch: string | null;
  produced_on: string | null;
  expires_on: string | null;
  now: Date;
}

export async function insertLine(db: Db, l: LineInsert): Promise<void> {
  const { now, ...values } = l;
  const res = await db
    .insertInto('stock_line')
    .values({ ...values, source: 'manual', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('external_code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) throw duplicate();
}

export type LinePatch = Partial<
  Pick<LineInsert, 'external_code' | 'material_code' | 'name' | 'spec' | 'unit' | 'min_quantity' | 'batch' | 'produced_on' | 'expires_on'>
>;

export async function updateLine(db: Db, id: string, patch: LinePatch, now: Date): Promise<void> {
  try {
    await db
      .updateTable('stock_line')
      .set({ ...patch, updated_at: now })
      .where('id', '=', id)
      .execute();
  } catch (err) {
    if ((err as { code?: unknown }).code === '23505') throw duplicate();
    throw err;
  }
}

/** Sets the quantity; the CHECK (quantity >= 0) is the last guard behind the service's check. */
export async function setQuantity(db: Db, id: string, quantity: number, now: Date): Promise<void> {
  await db.updateTable('stock_line').set({ quantity, updated_at: now }).where('id', '=', id).execute();
}

export interface MovementInsert {
  id: string;
  stock_line_id: string;
  warehouse_id: string;
  org_id: string;
  org_path: string;
  kind: StockMovementTable['kind'];
  delta: number;
  quantity_after: number;
  reason: string;
  transfer_id: string | null;
  ref_type: string | null;
  ref_id: string | null;
  actor_id: string | null;
  at: Date;
}

export async function insertMovement(db: Db, m: MovementInsert): Promise<void> {
  await db.insertInto('stock_movement').values(m).execute();
}

export async function listMovements(db: Db, lineId: string, limit: number, offset: number) {
  return db
    .selectFrom('stock_movement as m')
    .leftJoin('app_user as u', 'u.id', 'm.actor_id')
    .select([
      'm.id',
      'm.kind',
      'm.reason',
      'm.at',
      'm.transfer_id',
      sql<string | null>`COALESCE(u.display_name, u.username)`.as('actor_name'),
    ])
    .select([sql<number>`m.delta::float8`.as('delta'), sql<number>`m.quantity_after::float8`.as('quantity_after')])
    .where('m.stock_line_id', '=', lineId)
    .orderBy('m.at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit + 1)
    .offset(offset)
    .execute();
}

export async function countMovements(db: Db, lineId: string): Promise<number> {
  const r = await db
    .selectFrom('stock_movement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stock_line_id', '=', lineId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether the material class code exists in the code table. */
export async function materialExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('code_table').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

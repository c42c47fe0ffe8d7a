import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { auditRows } from '../auth/auth.test-support.js';
import { STOCK_COLUMNS } from './resource-columns.js';
import { fixtureResource, fixtureStock } from './resources.test-support.js';
import { returnStock, withdrawStock } from './index.js';

let t: TestApp;
let steward: Client; // city, resource.manage
let viewer: Client; // city, read only
let jinjiang: Client; // county duty officer (resource.read in Jinjiang only)

const quantityOf = async (lineId: string) =>
  Number((await t.platform.db.selectFrom('stock_line').select('quantity').where('id', '=', lineId).executeTakeFirstOrThrow()).quantity);
const movementsOf = (lineId: string) =>
  t.platform.db.selectFrom('stock_movement').selectAll().where('stock_line_id', '=', lineId).orderBy('at').orderBy('id').execute();
const count = async (table: 'stock_line' | 'stock_movement') =>
  Number(
    (
      await t.platform.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp();
  steward = await t.login('steward');
  viewer = await t.login('viewer');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

describe('stock lines', () => {
  it('creates a line whose initial quantity is an in movement, and lists it under its warehouse', async () => {
    const warehouse = await fixtureResource(t, 'qz', 'warehouse');
    const r = await steward.post(`/api/v1/warehouses/${warehouse}/stock`, {
      materialCode: '43B01',
      name: '冲锋舟',
      spec: '6 人',
      unit: '艘',
      quantity: 12,
      minQuantity: 4,
      batch: '2026-01',
      producedOn: '2026-01-01',
      expiresOn: '2030-01-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      quantity: 12,
      minQuantity: 4,
      materialName: '防汛抗旱专用物资',
      belowMinimum: false,
      expiringSoon: false,
    });
    const moves = await movementsOf(r.json().id);
    expect(moves.map((m) => [m.kind, Number(m.delta), Number(m.quantity_after)])).toEqual([['in', 12, 12]]);
    const page = (await viewer.get(`/api/v1/warehouses/${warehouse}/stock`)).json();
    expect(page.items.map((i: { name: string }) => i.name)).toEqual(['冲锋舟']);
    expect(await auditRows(t, 'stock.line_created', r.json().id)).toHaveLength(1);
  });

  it('edits non-quantity fields only', async () => {
    const { line } = await fixtureStock(t, 'qz', 10);
    const r = await steward.put(`/api/v1/stock/${line}`, { name: '救生衣（成人）', minQuantity: 20 });
    expect(r.json()).toMatchObject({ name: '救生衣（成人）', quantity: 10, belowMinimum: true });
    const q = await steward.put(`/api/v1/stock/${line}`, { quantity: 99 });
    expect(q.statusCode).toBe(400);
    expect(q.body).toContain('quantity');
    expect(await quantityOf(line)).toBe(10);
  });

  it.each([
    ['negative quantity', { quantity: -1 }, 'quantity'],
    ['expiry before production', { producedOn: '2026-05-01', expiresOn: '2026-04-01' }, 'expiresOn'],
    ['unknown material code', { materialCode: '43Z77' }, 'materialCode'],
    ['not a material code', { materialCode: '11B01' }, 'materialCode'],
    ['unknown field', { colour: 'red' }, 'colour'],
  ])('refuses %s with a 400 naming the field, writing nothing', async (_label, over, field) => {
    const warehouse = await fixtureResource(t, 'qz', 'warehouse');
    const before = [await count('stock_line'), await count('stock_movement')];
    const r = await steward.post(`/api/v1/warehouses/${warehouse}/stock`, {
      materialCode: '43B01',
      name: '帐篷',
      unit: '顶',
      quantity: 5,
      ...over,
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body).toContain(field);
    expect([await count('stock_line'), await count('stock_movement')]).toEqual(before);
  });

  it('refuses an edit that puts expiry before production', async () => {
    const { line } = await fixtureStock(t, 'qz');
    await steward.put(`/api/v1/stock/${line}`, { producedOn: '2026-05-01' });
    const r = await steward.put(`/api/v1/stock/${line}`, { expiresOn: '2026-04-01' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('expiresOn');
  });

  it('only adds stock to a warehouse resource', async () => {
    const team = await fixtureResource(t, 'qz', 'team');
    const r = await steward.post(`/api/v1/warehouses/${team}/stock`, { materialCode: '43B01', name: '帐篷', unit: '顶', quantity: 5 });
    expect(r.statusCode).toBe(404);
  });
});

describe('adjustments', () => {
  it('never goes negative under two concurrent withdrawals', async () => {
    const { line } = await fixtureStock(t, 'qz', 10);
    const [a, b] = await Promise.all([
      steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'out', quantity: 7, reason: '调往火场' }),
      steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'out', quantity: 7, reason: '调往水灾点' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json()).toMatchObject({ detail: '库存不足', errors: [{ field: 'quantity' }] });
    expect(await quantityOf(line)).toBe(3);
    const outs = (await movementsOf(line)).filter((m) => m.kind === 'out');
    expect(outs.map((m) => [Number(m.delta), Number(m.quantity_after)])).toEqual([[-7, 3]]);
  });

  it('keeps the database as the last guard: a negative quantity cannot be stored', async () => {
    const { line } = await fixtureStock(t, 'qz', 1);
    await expect(sql`UPDATE stock_line SET quantity = -1 WHERE id = ${line}`.execute(t.platform.db)).rejects.toThrow();
    expect(await quantityOf(line)).toBe(1);
  });

  it('records in, out and stocktake movements with reasons', async () => {
    const { line } = await fixtureStock(t, 'qz', 10);
    expect((await steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'in', quantity: 5.5, reason: '采购入库' })).json().quantity).toBe(
      15.5,
    );
    expect((await steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'out', quantity: 0.5, reason: '训练消耗' })).json().quantity).toBe(
      15,
    );
    const counted = await steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'stocktake', quantity: 12, reason: '季度盘点' });
    expect(counted.json()).toMatchObject({ quantity: 12 });
    const moves = (await viewer.get(`/api/v1/stock/${line}/movements`)).json();
    expect(moves.total).toBe(4);
    expect(
      moves.items.map((m: { kind: string; delta: number; quantityAfter: number; reason: string }) => [
        m.kind,
        m.delta,
        m.quantityAfter,
        m.reason,
      ]),
    ).toEqual([
      ['stocktake', -3, 12, '季度盘点'],
      ['out', -0.5, 15, '训练消耗'],
      ['in', 5.5, 15.5, '采购入库'],
      ['in', 10, 10, '初始入库'],
    ]);
    expect(await auditRows(t, 'stock.adjusted', line)).toHaveLength(3);
  });

  it('refuses a zero amount, a transfer without target or to the same warehouse', async () => {
    const { warehouse, line } = await fixtureStock(t, 'qz', 10);
    const zero = await steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'out', quantity: 0, reason: '无' });
    expect(zero.json().errors[0].field).toBe('quantity');
    const noTarget = await steward.post(`/api/v1/stock/${line}/adjust`, { kind: 'transfer', quantity: 1, reason: '调拨' });
    expect(noTarget.json().errors[0].field).toBe('toWarehouseId');
    const self = await steward.post(`/api/v1/stock/${line}/adjust`, {
      kind: 'transfer',
      quantity: 1,
      reason: '调拨',
      toWarehouseId: warehouse,
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0].field).toBe('toWarehouseId');
    expect(await quantityOf(line)).toBe(10);
  });

  it('transfers atomically into the same material and batch of the target warehouse', async () => {
    const a = await fixtureStock(t, 'qz', 10);
    const b = await fixtureResource(t, 'qz', 'warehouse');
    const r = await steward.post(`/api/v1/stock/${a.line}/adjust`, { kind: 'transfer', quantity: 4, reason: '支援晋江', toWarehouseId: b });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().quantity).toBe(6);
    const target = (await viewer.get(`/api/v1/warehouses/${b}/stock`)).json().items;
    expect(target).toHaveLength(1);
    expect(target[0]).toMatchObject({ materialCode: '43B01', name: '救生衣', quantity: 4 });
    const out = (await movementsOf(a.line)).find((m) => m.kind === 'transfer_out')!;
    const into = (await movementsOf(target[0].id)).find((m) => m.kind === 'transfer_in')!;
    expect(out.transfer_id).toBeTruthy();
    expect(into.transfer_id).toBe(out.transfer_id);
    expect([Number(out.delta), Number(into.delta)]).toEqual([-4, 4]);

    // A second transfer lands on the same line; one larger than the stock moves nothing.
    await steward.post(`/api/v1/stock/${a.line}/adjust`, { kind: 'transfer', quantity: 1, reason: '再支援', toWarehouseId: b });
    expect(await quantityOf(target[0].id)).toBe(5);
    const before = await count('stock_line');
    const tooMuch = await steward.post(`/api/v1/stock/${a.line}/adjust`, {
      kind: 'transfer',
      quantity: 50,
      reason: '超量',
      toWarehouseId: b,
    });
    expect(tooMuch.statusCode).toBe(409);
    expect([await quantityOf(a.line), await quantityOf(target[0].id), await count('stock_line')]).toEqual([5, 5, before]);
  });

  it('dispatch and return for the command module are movements referencing the task', async () => {
    const { line } = await fixtureStock(t, 'qz', 10);
    const task = '01970000-0000-7000-8000-0000000000aa';
    const run = <T>(fn: Parameters<typeof inTransaction<T>>[3]) => inTransaction(t.platform, SYSTEM_ACTOR, NO_META, fn);
    expect(
      (await run((ctx) => withdrawStock(ctx, { lineId: line, quantity: 6, refType: 'task', refId: task, reason: '调度' }))).quantity,
    ).toBe(4);
    await expect(
      run((ctx) => withdrawStock(ctx, { lineId: line, quantity: 6, refType: 'task', refId: task, reason: '调度' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      (await run((ctx) => returnStock(ctx, { lineId: line, quantity: 2, refType: 'task', refId: task, reason: '归还' }))).quantity,
    ).toBe(6);
    const moves = (await movementsOf(line)).filter((m) => m.ref_id === task);
    expect(moves.map((m) => [m.kind, Number(m.delta)])).toEqual([
      ['dispatch', -6],
      ['return', 2],
    ]);
  });
});

describe('scope, alerts and export', () => {
  it('a county user cannot see a city warehouse or its lines (404)', async () => {
    const { warehouse, line } = await fixtureStock(t, 'qz', 3);
    expect((await jinjiang.get(`/api/v1/warehouses/${warehouse}/stock`)).statusCode).toBe(404);
    expect((await jinjiang.get(`/api/v1/stock/${line}/movements`)).statusCode).toBe(404);
    const all = (await jinjiang.get('/api/v1/stock?limit=500')).json();
    expect(all.items.map((i: { id: string }) => i.id)).not.toContain(line);
  });

  it('lists below-minimum and expiring lines and exports them to xlsx', async () => {
    const warehouse = await fixtureResource(t, 'qz', 'warehouse');
    const soon = new Date(t.platform.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const mk = (name: string, quantity: number, minQuantity: number, expiresOn: string | null) =>
      steward.post(`/api/v1/warehouses/${warehouse}/stock`, { materialCode: '43B02', name, unit: '箱', quantity, minQuantity, expiresOn });
    await mk('告警-药品', 50, 10, soon);
    await mk('告警-饮用水', 2, 10, null);
    await mk('告警-帐篷', 30, 10, '2040-01-01');
    const low = (await viewer.get(`/api/v1/stock?alert=below_minimum&warehouseId=${warehouse}`)).json();
    expect(low.items.map((i: { name: string }) => i.name)).toEqual(['告警-饮用水']);
    const expiring = (await viewer.get(`/api/v1/stock?alert=expiring&warehouseId=${warehouse}`)).json();
    expect(expiring.items.map((i: { name: string; expiringSoon: boolean }) => [i.name, i.expiringSoon])).toEqual([['告警-药品', true]]);
    expect((await viewer.get(`/api/v1/stock?alert=expiring&days=5&warehouseId=${warehouse}`)).json().total).toBe(0);

    const r = await viewer.get(`/api/v1/stock?alert=below_minimum&warehouseId=${warehouse}&format=xlsx`);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(STOCK_COLUMNS.map((c) => c.header));
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(4).value).toBe('告警-饮用水');
    expect((await auditRows(t, 'stock.exported')).at(-1)!.after).toMatchObject({ format: 'xlsx', rows: 1 });
  });
});

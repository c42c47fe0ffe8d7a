import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { seedResourcesDemo } from './resources.seed.js';
import { clearScale, seedScale } from './seed-scale.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('demo resources', () => {
  it('seeds the Quanzhou set of every kind, marked as demo data', async () => {
    const r = await sql<{ kind: string; n: number; unmarked: number }>`
      SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE name NOT LIKE '【演示】%')::int AS unmarked
      FROM resource WHERE source = 'demo' GROUP BY kind ORDER BY kind`.execute(t.platform.db);
    const counts = Object.fromEntries(r.rows.map((x) => [x.kind, x.n]));
    expect(counts.team).toBeGreaterThanOrEqual(55);
    expect(counts.warehouse).toBeGreaterThanOrEqual(35);
    expect(counts.shelter).toBeGreaterThanOrEqual(110);
    expect(counts.hazard).toBeGreaterThanOrEqual(280);
    expect(counts.target).toBeGreaterThanOrEqual(450);
    expect(counts.expert).toBe(40);
    expect(counts.equipment).toBeGreaterThanOrEqual(70);
    expect(r.rows.every((x) => x.unmarked === 0)).toBe(true);
  });

  it('places every point inside its county, and county resources inside their bureau’s county', async () => {
    const outside = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM resource r LEFT JOIN admin_division d ON d.code = r.division_code
      WHERE r.source = 'demo' AND (d.code IS NULL OR NOT ST_Contains(d.geom, r.location))`.execute(t.platform.db);
    expect(outside.rows[0]!.n).toBe(0);
    const wrongCounty = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM resource r JOIN org o ON o.id = r.org_id
      WHERE r.source = 'demo' AND o.kind = 'county' AND o.division_code IS DISTINCT FROM r.division_code`.execute(t.platform.db);
    expect(wrongCounty.rows[0]!.n).toBe(0);
  });

  it('concentrates hazard sources in 泉港 and the 泉惠 area of 惠安', async () => {
    const r = await sql<{ division_code: string; n: number }>`
      SELECT division_code, count(*)::int AS n FROM resource WHERE source = 'demo' AND kind = 'hazard' GROUP BY 1 ORDER BY 2 DESC`.execute(
      t.platform.db,
    );
    expect(r.rows.slice(0, 2).map((x) => x.division_code)).toEqual(['350505', '350521']);
    expect(r.rows[0]!.n + r.rows[1]!.n).toBeGreaterThan(200);
  });

  it('stocks the warehouses with some lines below minimum and some expiring within 30 days', async () => {
    const r = await sql<{ n: number; below: number; expiring: number; bad: number }>`
      SELECT count(*)::int AS n,
        count(*) FILTER (WHERE quantity < min_quantity)::int AS below,
        count(*) FILTER (WHERE expires_on BETWEEN current_date AND current_date + 30)::int AS expiring,
        count(*) FILTER (WHERE material_code NOT LIKE '43%')::int AS bad
      FROM stock_line s JOIN resource w ON w.id = s.warehouse_id WHERE w.source = 'demo'`.execute(t.platform.db);
    const s = r.rows[0]!;
    expect(s.n).toBeGreaterThanOrEqual(350);
    expect(s.below).toBeGreaterThan(10);
    expect(s.expiring).toBeGreaterThan(10);
    expect(s.bad).toBe(0);
  });

  it('seals expert phones, shows them masked to users without expert.contact.read', async () => {
    const row = await t.platform.db
      .selectFrom('resource')
      .selectAll()
      .where('external_code', '=', 'DEMO-EXP-001')
      .executeTakeFirstOrThrow();
    expect(row.sealed?.phone).toMatch(/^v1\./);
    expect(row.masked?.phone).toMatch(/^139\*{4}\d{4}$/);
    const viewer = await t.login('viewer');
    const dto = (await viewer.get(`/api/v1/resources/expert/${row.id}`)).json();
    expect(dto.contact).toMatchObject({ masked: true, phone: row.masked?.phone });
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await t.platform.db
      .selectFrom('resource')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await seedResourcesDemo(t.platform);
    const after = await t.platform.db
      .selectFrom('resource')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('seed:scale', () => {
  const scaleCount = async () =>
    Number(
      (
        await t.platform.db
          .selectFrom('resource')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('source', '=', 'scale')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('tops synthetic features up to the number asked for, over every kind, owned by the county they fall in', async () => {
    const r = await seedScale(t.platform.db, { features: 3000, batch: 1000, now: new Date(), progress: () => {} });
    expect(r).toMatchObject({ before: 0, after: 3000 });
    // The planner's statistics know the grown table at once (embedded storage has no autoanalyze).
    const stats = await sql<{ reltuples: number }>`SELECT reltuples FROM pg_class WHERE relname = 'resource'`.execute(t.platform.db);
    const live = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resource`.execute(t.platform.db);
    expect(Number(stats.rows[0]!.reltuples)).toBe(live.rows[0]!.n);
    const again = await seedScale(t.platform.db, { features: 3000, batch: 1000, now: new Date(), progress: () => {} });
    expect(again).toMatchObject({ before: 3000, inserted: 0, after: 3000 });
    const kinds = await sql<{ kind: string }>`SELECT DISTINCT kind FROM resource WHERE source = 'scale'`.execute(t.platform.db);
    expect(kinds.rows).toHaveLength(7);
    const misplaced = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM resource r JOIN org o ON o.id = r.org_id
      WHERE r.source = 'scale' AND r.division_code IS NOT NULL AND o.kind = 'county' AND o.division_code <> r.division_code`.execute(
      t.platform.db,
    );
    expect(misplaced.rows[0]!.n).toBe(0);
    // The registry reads them like any other record.
    const steward = await t.login('steward');
    const list = await steward.get('/api/v1/resources/shelter?q=SCALE-&limit=5');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().total).toBeGreaterThan(100);
  });

  it('--clear removes the synthetic features only', async () => {
    const demoBefore = await t.platform.db.selectFrom('resource').select('id').where('source', '=', 'demo').execute();
    expect(await clearScale(t.platform.db)).toBe(3000);
    expect(await scaleCount()).toBe(0);
    expect(await t.platform.db.selectFrom('resource').select('id').where('source', '=', 'demo').execute()).toHaveLength(demoBefore.length);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { withPlannerHints } from './planner-hints.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const setting = async (db: TestApp['platform']['db'], name: string) =>
  (await sql<{ v: string }>`SELECT current_setting(${name}) AS v`.execute(db)).rows[0]!.v;

describe('planner hints', () => {
  it('apply to the map query only, even inside a caller’s transaction', async () => {
    const db = t.platform.db;
    await db.transaction().execute(async (tx) => {
      const seen = await withPlannerHints(tx, ['noSort'], (h) => setting(h, 'enable_sort'));
      expect(seen).toBe('off');
      // The caller's later statements are planned as before.
      expect(await setting(tx, 'enable_sort')).toBe('on');
    });
    expect(await withPlannerHints(db, ['noSort'], (h) => setting(h, 'enable_sort'))).toBe('off');
    expect(await setting(db, 'enable_sort')).toBe('on');
  });

  it('put back what the caller had set, not the default', async () => {
    await t.platform.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('enable_sort', 'off', true)`.execute(tx);
      await withPlannerHints(tx, ['noSort'], async () => undefined);
      expect(await setting(tx, 'enable_sort')).toBe('off');
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { seedDemoDuty } from './duty.seed.js';
import { directory } from './duty.test-support.js';
import { beijingDate } from './duty-time.js';
import { onDutyNow, onDutyUserIds } from './index.js';

let t: TestApp;
let ids: Awaited<ReturnType<typeof directory>>;

const count = async (table: 'duty_shift' | 'duty_person' | 'duty_log' | 'duty_handover' | 'duty_check') =>
  Number(
    (
      await t.platform.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp(); // the real clock: the demo roster was seeded for this month
  ids = await directory(t);
});
afterAll(async () => t?.close());

describe('duty demo data', () => {
  it('puts the demo duty officers of the city and of Jinjiang on duty now', async () => {
    const now = t.platform.clock.now();
    expect(await onDutyUserIds(t.platform.db, { orgId: ids.org.qz!, at: now })).toContain(ids.user.duty);
    expect(await onDutyUserIds(t.platform.db, { orgId: ids.org.qz_jinjiang!, at: now })).toContain(ids.user['duty-jinjiang']);
    const board = await onDutyNow(t.platform.db, { orgPaths: ['fj.qz'], at: now });
    expect(board).toHaveLength(12);
    for (const entry of board) {
      expect(entry.leader).not.toBeNull();
      expect(entry.officers).toHaveLength(2);
    }
  });

  it('covers every day of the month with a day and a night shift for the city and each county', async () => {
    const today = beijingDate(t.platform.clock.now());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const rows = await t.platform.db
      .selectFrom('duty_shift')
      .select(['org_id', 'starts_at', 'kind'])
      .where('source', '=', 'demo')
      .execute();
    const city = rows.filter((r) => r.org_id === ids.org.qz && beijingDate(r.starts_at).startsWith(today.slice(0, 7)));
    expect(city).toHaveLength(days * 2);
    expect(new Set(rows.map((r) => r.org_id)).size).toBe(12);
  });

  it('adds log entries, a handover and checks, and changes nothing when seeded again', async () => {
    expect(await count('duty_log')).toBe(5);
    expect(await count('duty_handover')).toBe(1);
    expect(await count('duty_check')).toBe(2);
    const before = await Promise.all((['duty_shift', 'duty_person', 'duty_log', 'duty_handover', 'duty_check'] as const).map(count));
    await seedDemoDuty(t.platform);
    expect(await Promise.all((['duty_shift', 'duty_person', 'duty_log', 'duty_handover', 'duty_check'] as const).map(count))).toEqual(
      before,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { ManualClock } from './clock.js';

let t: TestApp;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => t?.close());

describe('platform housekeeping jobs', () => {
  it('removes long-dead sessions and delivered events but keeps live sessions and every audit row', async () => {
    const live = await t.login('duty');
    const gone = await t.login('viewer');
    await gone.post('/api/v1/auth/logout');
    await t.dispatcher.flush();
    const audit = async () =>
      Number(
        (
          await t.platform.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const auditBefore = await audit();
    const delivered = async () =>
      Number(
        (
          await t.platform.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('delivered_at', 'is not', null)
            .executeTakeFirstOrThrow()
        ).n,
      );

    clock.advance(31 * 86_400_000);
    const fresh = await t.login('commander');
    await t.scheduler.runOnce('platform.session_cleanup');
    await t.scheduler.runOnce('platform.outbox_prune');

    const sessions = await t.platform.db.selectFrom('session').select(['id', 'revoked_at']).execute();
    expect(sessions).toHaveLength(1); // the logged-out and the long-expired sessions are gone
    expect((await fresh.get('/api/v1/me')).statusCode).toBe(200);
    expect((await live.get('/api/v1/me')).statusCode).toBe(401);
    expect(await delivered()).toBe(0);
    expect(await audit()).toBeGreaterThanOrEqual(auditBefore);
  });
});

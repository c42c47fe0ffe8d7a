import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DEMO_PASSWORD, startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser } from './auth.test-support.js';

let t: TestApp;
const clock = new ManualClock(new Date());
const DAY = 86_400_000;
const BIZ = '/api/v1/regions/locate?lng=118.6&lat=24.9';

const change = (c: Client, currentPassword: string, newPassword: string) =>
  c.post('/api/v1/auth/password', { currentPassword, newPassword });
const userRow = (username: string) =>
  t.platform.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const loginStatus = async (username: string, password: string) =>
  (await t.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).statusCode;

beforeAll(async () => {
  t = await startTestApp({ clock, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => t?.close());

describe('password policy', () => {
  it('refuses weak passwords with the Chinese reason on field newPassword, changing nothing', async () => {
    await createTestUser(t, { username: 'pw-a', role: 'viewer' });
    const c = await t.login('pw-a');
    const before = await userRow('pw-a');

    const short = await change(c, TEST_DEMO_PASSWORD, 'Ab1!x');
    expect(short.statusCode).toBe(400);
    expect(short.headers['content-type']).toContain('application/problem+json');
    expect(short.json().errors).toContainEqual({ field: 'newPassword', message: '密码长度至少 8 位' });

    const twoClasses = await change(c, TEST_DEMO_PASSWORD, 'abcdefgh123');
    expect(twoClasses.statusCode).toBe(400);
    expect(twoClasses.json().errors[0]).toMatchObject({ field: 'newPassword' });
    expect(twoClasses.json().errors[0].message).toContain('至少 3 类');

    const same = await change(c, TEST_DEMO_PASSWORD, TEST_DEMO_PASSWORD);
    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([{ field: 'newPassword', message: '新密码不能与最近 5 次使用过的密码相同' }]);

    const missing = await c.post('/api/v1/auth/password', { currentPassword: TEST_DEMO_PASSWORD });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('newPassword');

    expect((await userRow('pw-a')).password_hash).toBe(before.password_hash);
    expect(await auditRows(t, 'auth.password_changed', before.id)).toHaveLength(0);
  });

  it('refuses a wrong current password, counting it toward the lockout', async () => {
    const id = await createTestUser(t, { username: 'pw-b', role: 'viewer' });
    const c = await t.login('pw-b');
    const r = await change(c, 'Not-the-one-1', 'Brand-New-Pass-1');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: 'currentPassword', message: '当前密码错误' }]);
    expect((await userRow('pw-b')).failed_count).toBe(1);
    expect(await auditRows(t, 'auth.password_change_failed', id)).toHaveLength(1);
  });

  it('changes the password: audited, history kept, every other session revoked, this one kept', async () => {
    const id = await createTestUser(t, { username: 'pw-c', role: 'viewer' });
    const other = await t.login('pw-c');
    const c = await t.login('pw-c');
    const r = await change(c, TEST_DEMO_PASSWORD, 'Brand-New-Pass-1');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ stage: 'active' });

    expect((await c.get(BIZ)).statusCode).toBe(200);
    expect((await other.get('/api/v1/me')).statusCode).toBe(401);
    const audit = await auditRows(t, 'auth.password_changed', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ revokedSessions: 1 });
    const history = await t.platform.db.selectFrom('password_history').select('id').where('user_id', '=', id).execute();
    expect(history).toHaveLength(2);
    expect(await loginStatus('pw-c', TEST_DEMO_PASSWORD)).toBe(401);
    expect(await loginStatus('pw-c', 'Brand-New-Pass-1')).toBe(200);
  });

  it('refuses any of the last 5 passwords and allows the 6th-last again', async () => {
    await createTestUser(t, { username: 'pw-d', role: 'viewer' });
    const c = await t.login('pw-d');
    const pw = ['Second-Pass-2', 'Third-Pass-3', 'Fourth-Pass-4', 'Fifth-Pass-5'];
    let current = TEST_DEMO_PASSWORD;
    for (const next of pw) {
      expect((await change(c, current, next)).statusCode).toBe(200);
      current = next;
    }
    const reuse = await change(c, current, TEST_DEMO_PASSWORD); // 5th-last: refused
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().errors[0].message).toContain('最近 5 次');
    expect((await change(c, current, 'Sixth-Pass-6')).statusCode).toBe(200);
    expect((await change(c, 'Sixth-Pass-6', TEST_DEMO_PASSWORD)).statusCode).toBe(200); // now the 6th-last
  });

  it('needs the CSRF header: without it the password stays as it was', async () => {
    await createTestUser(t, { username: 'pw-e', role: 'viewer' });
    const c = await t.login('pw-e');
    const r = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: c.cookie! },
      payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: 'Brand-New-Pass-1' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().errors[0].field).toBe('x-csrf-token');
    expect(await loginStatus('pw-e', TEST_DEMO_PASSWORD)).toBe(200);
  });
});

describe('forced and expired passwords', () => {
  it('forces a change of an initial password before anything else', async () => {
    await createTestUser(t, { username: 'pw-f', role: 'viewer', mustChangePassword: true });
    const c = await t.login('pw-f');
    expect(c.stage).toBe('password_change');
    expect((await c.get(BIZ)).statusCode).toBe(403);
    const r = await change(c, TEST_DEMO_PASSWORD, 'Brand-New-Pass-1');
    expect(r.json()).toEqual({ stage: 'active' });
    expect((await c.get(BIZ)).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).json().stage).toBe('active');
    expect((await userRow('pw-f')).must_change_password).toBe(false);
    expect((await t.login('pw-f', 'Brand-New-Pass-1')).stage).toBe('active');
  });

  it('sends a password older than 90 days to the change step, one of 89 days not', async () => {
    const now = clock.now().getTime();
    await createTestUser(t, { username: 'pw-old', role: 'viewer', passwordChangedAt: new Date(now - 91 * DAY) });
    await createTestUser(t, { username: 'pw-ok', role: 'viewer', passwordChangedAt: new Date(now - 89 * DAY) });
    expect((await t.login('pw-ok')).stage).toBe('active');
    const old = await t.login('pw-old');
    expect(old.stage).toBe('password_change');
    expect(new Date((await old.get('/api/v1/me')).json().user.passwordExpiresAt).getTime()).toBeLessThan(now);
    expect((await change(old, TEST_DEMO_PASSWORD, 'Brand-New-Pass-1')).json()).toEqual({ stage: 'active' });

    clock.advance(91 * DAY);
    expect((await t.login('pw-old', 'Brand-New-Pass-1')).stage).toBe('password_change');
  });

  it('locks the account after 5 wrong current passwords and ends the unfinished login', async () => {
    await createTestUser(t, { username: 'pw-g', role: 'viewer', mustChangePassword: true, passwordChangedAt: clock.now() });
    const c = await t.login('pw-g');
    for (let i = 0; i < 4; i++) expect((await change(c, 'Not-the-one-1', 'Brand-New-Pass-1')).statusCode).toBe(400);
    expect((await change(c, 'Not-the-one-1', 'Brand-New-Pass-1')).statusCode).toBe(423);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    expect(await loginStatus('pw-g', TEST_DEMO_PASSWORD)).toBe(423);
  });
});

describe('password rules for the hint', () => {
  it('are public and follow the security policy', async () => {
    const r = await t.anonymous().get('/api/v1/auth/password-rules');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ minLength: 8, minClasses: 3, history: 5, maxAgeDays: 90 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DEMO_PASSWORD, startTestApp, type TestApp } from '../../../test/harness.js';
import { sha256Hex } from '../../platform/auth/tokens.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser } from './auth.test-support.js';

let t: TestApp;
const clock = new ManualClock(new Date());
const MIN = 60_000;

const loginFrom = (ip: string, username: string, password = TEST_DEMO_PASSWORD) =>
  t.request({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => t?.close());

describe('account lockout', () => {
  it('locks an account for 15 minutes after 5 wrong passwords, audited, then lets it in again', async () => {
    const id = await createTestUser(t, { username: 'lock-a', role: 'viewer' });
    for (let i = 1; i <= 4; i++) expect((await loginFrom('10.1.0.1', 'lock-a', 'Wrong-pass-1')).statusCode).toBe(401);
    expect(await auditRows(t, 'auth.locked', id)).toHaveLength(0);
    expect((await loginFrom('10.1.0.1', 'lock-a', 'Wrong-pass-1')).statusCode).toBe(401);

    const blocked = await loginFrom('10.1.0.2', 'lock-a');
    expect(blocked.statusCode).toBe(423);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.json()).toMatchObject({ code: 'LOCKED', status: 423 });
    expect(blocked.json().detail).toContain('15 分钟');
    expect(await auditRows(t, 'auth.login_failed', id)).toHaveLength(5);
    expect(await auditRows(t, 'auth.locked', id)).toHaveLength(1);
    expect((await auditRows(t, 'auth.login_blocked', id)).map((r) => r.result)).toEqual(['denied']);

    clock.advance(14 * MIN);
    expect((await loginFrom('10.1.0.2', 'lock-a')).statusCode).toBe(423);
    clock.advance(2 * MIN);
    const ok = await loginFrom('10.1.0.2', 'lock-a');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe('active');
    expect((await auditRows(t, 'auth.login', id)).at(-1)?.after).toEqual({ stage: 'active' });
  });

  it('resets the failure counter on a successful login', async () => {
    await createTestUser(t, { username: 'lock-b', role: 'viewer' });
    for (let i = 0; i < 4; i++) await loginFrom('10.1.1.1', 'lock-b', 'Wrong-pass-1');
    expect((await loginFrom('10.1.1.1', 'lock-b')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginFrom('10.1.1.1', 'lock-b', 'Wrong-pass-1')).statusCode).toBe(401);
    expect((await loginFrom('10.1.1.1', 'lock-b')).statusCode).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password, and audits both', async () => {
    const unknown = await loginFrom('10.1.2.1', 'nobody-here', 'Whatever-1');
    const wrong = await loginFrom('10.1.2.1', 'viewer', 'Whatever-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const failed = await auditRows(t, 'auth.login_failed');
    expect(failed.some((r) => r.actor_name === 'nobody-here' && (r.after as { reason: string }).reason === 'unknown_user')).toBe(true);
  });
});

describe('address lockout', () => {
  it('locks a client address after 20 failures across accounts; other addresses are unaffected', async () => {
    for (let i = 0; i < 20; i++) expect((await loginFrom('10.2.0.1', `ghost-${i}`, 'Wrong-pass-1')).statusCode).toBe(401);
    const blocked = await loginFrom('10.2.0.1', 'viewer');
    expect(blocked.statusCode).toBe(423);
    expect(blocked.json().detail).toContain('该地址');
    expect(await auditRows(t, 'auth.locked', '10.2.0.1')).toHaveLength(1);
    expect(await auditRows(t, 'auth.login_blocked', '10.2.0.1')).toHaveLength(1);
    expect((await loginFrom('10.2.0.2', 'viewer')).statusCode).toBe(200);

    clock.advance(16 * MIN);
    expect((await loginFrom('10.2.0.1', 'viewer')).statusCode).toBe(200);
  });

  it('keeps the per-address rate limit of 30 logins a minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await loginFrom('10.3.0.1', `rl-${i}`, 'Wrong-pass-1')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20, 30).every((c) => c === 423)).toBe(true);
    expect(codes[30]).toBe(429);
  });
});

describe('login stages', () => {
  it('answers /me in a login step while business routes refuse the session', async () => {
    await createTestUser(t, { username: 'stage-a', role: 'viewer', mustChangePassword: true });
    const c = await t.login('stage-a');
    expect(c.stage).toBe('password_change');
    const me = await c.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ stage: 'password_change', permissions: [], user: { username: 'stage-a' } });
    const biz = await c.get('/api/v1/regions/locate?lng=118.6&lat=24.9');
    expect(biz.statusCode).toBe(403);
    expect(biz.json().stage).toBe('password_change');
  });

  it('puts administrators at TOTP enrolment, where /me works and nothing else', async () => {
    const c = await t.login('auditor');
    expect(c.stage).toBe('totp_enroll');
    expect((await c.get('/api/v1/me')).json().stage).toBe('totp_enroll');
    expect((await c.get('/api/v1/security/policy')).statusCode).toBe(403);
    expect((await c.get('/api/v1/me/sessions')).statusCode).toBe(403);
  });
});

describe('logout', () => {
  it('revokes the session, audited; without the CSRF header it changes nothing', async () => {
    const c = await t.login('viewer');
    const noCsrf = await t.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie! } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);

    const out = await c.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const after = await c.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toBe('会话已注销');
    const sid = sha256Hex(c.cookie!.split('=')[1]!);
    const row = await t.platform.db.selectFrom('session').select('revoked_at').where('id', '=', sid).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    expect(await auditRows(t, 'auth.logout', sid.slice(0, 12))).toHaveLength(1);
  });

  it('lets a browser that still holds a valid session log in again without a CSRF header', async () => {
    const c = await t.login('viewer');
    const again = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: c.cookie! },
      payload: { username: 'viewer', password: TEST_DEMO_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
  });
});

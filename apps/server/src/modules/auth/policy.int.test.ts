import { DEFAULT_SECURITY_POLICY } from '@vigil/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DEMO_PASSWORD, startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser, loginActive } from './auth.test-support.js';

let t: TestApp;
let sec: Client;
const clock = new ManualClock(new Date());

const loginFrom = (ip: string, username: string, password = TEST_DEMO_PASSWORD) =>
  t.request({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password } });

beforeAll(async () => {
  t = await startTestApp({ clock, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  sec = await loginActive(t, 'secadmin');
});
afterAll(async () => t?.close());

describe('security policy', () => {
  it('is readable by the security administrator only', async () => {
    const r = await sec.get('/api/v1/security/policy');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(DEFAULT_SECURITY_POLICY);
    expect((await (await t.login('viewer')).get('/api/v1/security/policy')).statusCode).toBe(403);
    expect((await (await loginActive(t, 'sysadmin')).get('/api/v1/security/policy')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/v1/security/policy')).statusCode).toBe(401);
  });

  it('rejects an invalid or partial policy naming the field, and stores nothing', async () => {
    const weak = await sec.put('/api/v1/security/policy', { ...DEFAULT_SECURITY_POLICY, passwordMinLength: 4 });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('passwordMinLength');
    const partial = await sec.put('/api/v1/security/policy', { lockoutThreshold: 3 });
    expect(partial.statusCode).toBe(400);
    const extra = await sec.put('/api/v1/security/policy', { ...DEFAULT_SECURITY_POLICY, mfa: false });
    expect(extra.statusCode).toBe(400);
    expect(await t.platform.db.selectFrom('setting').select('key').where('key', '=', 'security_policy').execute()).toHaveLength(0);
    expect(await auditRows(t, 'security.policy_changed')).toHaveLength(0);
  });

  it('stores a new policy, audited with before and after, and applies it at once', async () => {
    const next = { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 3, passwordMinLength: 12 };
    const r = await sec.put('/api/v1/security/policy', next);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(next);
    expect((await sec.get('/api/v1/security/policy')).json()).toEqual(next);
    const audit = await auditRows(t, 'security.policy_changed', 'security_policy');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'secadmin', before: DEFAULT_SECURITY_POLICY, after: next });

    // Three failures now lock an account.
    await createTestUser(t, { username: 'pol-a', role: 'viewer' });
    for (let i = 0; i < 3; i++) expect((await loginFrom('10.4.0.1', 'pol-a', 'Wrong-pass-1')).statusCode).toBe(401);
    expect((await loginFrom('10.4.0.2', 'pol-a')).statusCode).toBe(423);
    // A 9-character password no longer passes.
    const c = await t.login('commander');
    const pw = await c.post('/api/v1/auth/password', { currentPassword: TEST_DEMO_PASSWORD, newPassword: 'Abcdef-12' });
    expect(pw.statusCode).toBe(400);
    expect(pw.json().errors[0].message).toBe('密码长度至少 12 位');
  });
});

describe('unlocking an account', () => {
  it('lets the security administrator lift a lockout, audited', async () => {
    const id = await createTestUser(t, { username: 'pol-b', role: 'viewer' });
    for (let i = 0; i < 5; i++) await loginFrom('10.4.1.1', 'pol-b', 'Wrong-pass-1');
    expect((await loginFrom('10.4.1.2', 'pol-b')).statusCode).toBe(423);

    const viewer = await t.login('viewer');
    expect((await viewer.post(`/api/v1/security/users/${id}/unlock`)).statusCode).toBe(403);
    expect((await loginFrom('10.4.1.2', 'pol-b')).statusCode).toBe(423);

    expect((await sec.post(`/api/v1/security/users/${id}/unlock`)).statusCode).toBe(204);
    expect((await loginFrom('10.4.1.2', 'pol-b')).statusCode).toBe(200);
    const audit = await auditRows(t, 'security.user_unlocked', id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ lockedUntil: null, failures: 0 });
  });

  it('answers 404 for an account outside the administrator’s org subtree, audited', async () => {
    const id = await createTestUser(t, { username: 'pol-province', role: 'viewer', org: 'fj' });
    const r = await sec.post(`/api/v1/security/users/${id}/unlock`);
    expect(r.statusCode).toBe(404);
    expect(await auditRows(t, 'access.out_of_scope', id)).toHaveLength(1);
    expect(await auditRows(t, 'security.user_unlocked', id)).toHaveLength(0);
    const missing = await sec.post('/api/v1/security/users/00000000-0000-7000-8000-000000000000/unlock');
    expect(missing.statusCode).toBe(404);
    expect((await sec.post('/api/v1/security/users/nope/unlock')).statusCode).toBe(400);
  });
});

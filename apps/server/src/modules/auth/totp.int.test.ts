import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DEMO_PASSWORD, startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { openSecret } from '../../platform/auth/secret-box.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser, loginActive, totpCodeFor } from './auth.test-support.js';

let t: TestApp;
const clock = new ManualClock(new Date());
const dataDir = mkdtempSync(join(tmpdir(), 'vigil-totp-'));
const STEP = 30_000;

const user = (username: string) =>
  t.platform.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
const disable = (c: Client, code: string) =>
  t.request({ method: 'DELETE', url: '/api/v1/auth/totp', headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf! }, payload: { code } });

beforeAll(async () => {
  t = await startTestApp({ clock, env: { DATA_DIR: dataDir, LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => t?.close());

describe('TOTP enrolment for administrators', () => {
  it('enrols an administrator at first login with a secret sealed at rest, then opens the session', async () => {
    const c = await t.login('secadmin');
    expect(c.stage).toBe('totp_enroll');
    expect((await c.get('/api/v1/security/policy')).statusCode).toBe(403);

    const setup = await c.get('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(decodeURIComponent(url.pathname)).toContain('Vigil:secadmin');
    expect(url.searchParams.get('issuer')).toBe('Vigil');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const row = await user('secadmin');
    expect(row.totp_enabled).toBe(false);
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    expect(openSecret(t.platform.config, row.totp_secret!, `totp:${row.id}`)).toBe(secret);

    const wrong = await c.post('/api/v1/auth/totp/enroll', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'code', message: '动态口令错误' }]);
    const bad = await c.post('/api/v1/auth/totp/enroll', { code: '12ab' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('code');

    const ok = await c.post('/api/v1/auth/totp/enroll', { code: (await totpCodeFor(t, 'secadmin')).code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ stage: 'active' });
    expect((await c.get('/api/v1/security/policy')).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).json().user.totpEnabled).toBe(true);
    expect(await auditRows(t, 'auth.totp_enabled', row.id)).toHaveLength(1);
    expect((await auditRows(t, 'auth.totp_failed', row.id)).map((r) => r.after)).toEqual([
      { reason: 'bad_code', purpose: 'enroll', failures: 1 },
    ]);
  });

  it('asks an enrolled administrator for a code; refuses a used code, allows ±1 step of drift, no more', async () => {
    const first = await t.login('secadmin');
    expect(first.stage).toBe('totp');
    const used = await totpCodeFor(t, 'secadmin'); // consumed by the enrolment above (same time step)
    const replay = await first.post('/api/v1/auth/totp', { code: used.code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().errors[0].message).toContain('已使用');

    const ahead2 = await first.post('/api/v1/auth/totp', { code: (await totpCodeFor(t, 'secadmin', 2)).code });
    expect(ahead2.statusCode).toBe(400);
    const ahead1 = await first.post('/api/v1/auth/totp', { code: (await totpCodeFor(t, 'secadmin', 1)).code });
    expect(ahead1.statusCode).toBe(200);
    expect(ahead1.json()).toEqual({ stage: 'active' });
    expect((await first.get('/api/v1/security/policy')).statusCode).toBe(200);

    const second = await t.login('secadmin');
    expect((await second.post('/api/v1/auth/totp', { code: (await totpCodeFor(t, 'secadmin', 1)).code })).statusCode).toBe(400);
    clock.advance(3 * STEP); // the last step used is now 2 behind: one behind is fresh and within the drift
    expect((await second.post('/api/v1/auth/totp', { code: (await totpCodeFor(t, 'secadmin', -1)).code })).statusCode).toBe(200);
    expect((await user('secadmin')).failed_count).toBe(0);
  });

  it('refuses to turn TOTP off for an administrator, and a second enrolment', async () => {
    clock.advance(2 * STEP);
    const c = await loginActive(t, 'secadmin');
    expect(c.stage).toBe('active');
    const off = await disable(c, (await totpCodeFor(t, 'secadmin', 1)).code);
    expect(off.statusCode).toBe(409);
    expect((await user('secadmin')).totp_enabled).toBe(true);
    expect((await c.get('/api/v1/auth/totp/setup')).statusCode).toBe(409);
    expect((await c.post('/api/v1/auth/totp', { code: '123456' })).statusCode).toBe(403);
  });
});

describe('TOTP failures and the account lockout', () => {
  it('locks the account after 5 wrong codes and ends the unfinished login', async () => {
    clock.advance(2 * STEP);
    await loginActive(t, 'auditor'); // enrols
    const c = await t.login('auditor');
    expect(c.stage).toBe('totp');
    for (let i = 0; i < 4; i++) expect((await c.post('/api/v1/auth/totp', { code: '000000' })).statusCode).toBe(400);
    const locked = await c.post('/api/v1/auth/totp', { code: '000000' });
    expect(locked.statusCode).toBe(423);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
    const pw = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'auditor', password: TEST_DEMO_PASSWORD },
    });
    expect(pw.statusCode).toBe(423);
    expect(await auditRows(t, 'auth.locked', (await user('auditor')).id)).toHaveLength(1);
  });

  it('does not let a correct password reset the count of wrong codes', async () => {
    clock.advance(2 * STEP);
    await createTestUser(t, { username: 'totp-admin', role: 'system_admin' });
    await loginActive(t, 'totp-admin');
    const a = await t.login('totp-admin');
    for (let i = 0; i < 4; i++) await a.post('/api/v1/auth/totp', { code: '000000' });
    const b = await t.login('totp-admin');
    expect(b.stage).toBe('totp');
    expect((await b.post('/api/v1/auth/totp', { code: '000000' })).statusCode).toBe(423);
  });
});

describe('optional TOTP for other users', () => {
  it('lets a user enrol, then asks for a code at login, and turn it off again with a code', async () => {
    clock.advance(2 * STEP);
    const c = await t.login('duty');
    expect(c.stage).toBe('active');
    expect((await c.get('/api/v1/auth/totp/setup')).statusCode).toBe(200);
    const enrol = await c.post('/api/v1/auth/totp/enroll', { code: (await totpCodeFor(t, 'duty')).code });
    expect(enrol.json()).toEqual({ stage: 'active' });

    const next = await t.login('duty');
    expect(next.stage).toBe('totp');
    expect((await next.get('/api/v1/regions/locate?lng=118.6&lat=24.9')).statusCode).toBe(403);
    expect((await next.post('/api/v1/auth/totp', { code: (await totpCodeFor(t, 'duty', 1)).code })).json()).toEqual({ stage: 'active' });
    expect((await next.get('/api/v1/regions/locate?lng=118.6&lat=24.9')).statusCode).toBe(200);

    clock.advance(2 * STEP);
    expect((await disable(next, '000000')).statusCode).toBe(400);
    expect((await disable(next, (await totpCodeFor(t, 'duty')).code)).statusCode).toBe(204);
    const row = await user('duty');
    expect(row.totp_enabled).toBe(false);
    expect(row.totp_secret).toBeNull();
    expect(await auditRows(t, 'auth.totp_disabled', row.id)).toHaveLength(1);
    expect((await t.login('duty')).stage).toBe('active');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { sha256Hex } from '../../platform/auth/tokens.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from './auth.test-support.js';

let t: TestApp;
const clock = new ManualClock(new Date());
const MIN = 60_000;

const sessionId = (c: Client) => sha256Hex(c.cookie!.split('=')[1]!);
const revokeSession = (c: Client, id: string) => c.delete(`/api/v1/me/sessions/${id}`);

beforeAll(async () => {
  t = await startTestApp({ clock, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => t?.close());

describe('session limits', () => {
  it('ends a session idle for more than 30 minutes; activity keeps it alive', async () => {
    const c = await t.login('viewer');
    clock.advance(29 * MIN);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    clock.advance(29 * MIN); // 58 minutes after login, 29 after the last request
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    clock.advance(31 * MIN);
    const idle = await c.get('/api/v1/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().detail).toContain('超时');
  });

  it('ends even a busy session 12 hours after login', async () => {
    const c = await t.login('viewer');
    for (let i = 0; i < 28; i++) {
      clock.advance(25 * MIN); // up to 11 h 40 min, never idle
      expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    }
    clock.advance(25 * MIN); // 12 h 05 min
    const expired = await c.get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toContain('过期');
  });
});

describe('my sessions', () => {
  it('lists my live sessions with the current one marked, and revokes another of them', async () => {
    const a = await t.login('inspector');
    const b = await t.login('inspector');
    const list = await a.get('/api/v1/me/sessions');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; ip: string }[];
    expect(items.map((s) => s.id).sort()).toEqual([sessionId(a), sessionId(b)].sort());
    expect(items.find((s) => s.current)?.id).toBe(sessionId(a));
    expect(items[0]!.ip).toBe('10.0.0.1');

    expect((await revokeSession(a, sessionId(b))).statusCode).toBe(204);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
    expect((await a.get('/api/v1/me/sessions')).json().items).toHaveLength(1);
    expect(await auditRows(t, 'auth.session_revoked', sessionId(b).slice(0, 12))).toHaveLength(1);
  });

  it("answers 404 for another user's session, audited, and leaves it alone", async () => {
    const mine = await t.login('analyst');
    const theirs = await t.login('steward');
    const r = await revokeSession(mine, sessionId(theirs));
    expect(r.statusCode).toBe(404);
    expect((await theirs.get('/api/v1/me')).statusCode).toBe(200);
    const denied = await auditRows(t, 'access.out_of_scope', sessionId(theirs).slice(0, 12));
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actor_name: 'analyst', result: 'denied' });
  });

  it('validates the session id and needs a finished login', async () => {
    const c = await t.login('analyst');
    const bad = await revokeSession(c, 'not-a-session');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('id');
    expect((await t.anonymous().get('/api/v1/me/sessions')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the X-CSRF-Token header and changes nothing', async () => {
    const c = await t.login('commander');
    const none = await t.request({ method: 'PATCH', url: '/api/v1/me', headers: { cookie: c.cookie! }, payload: { locale: 'en' } });
    expect(none.statusCode).toBe(403);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const wrong = await c.patch('/api/v1/me', { locale: 'en' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect((await c.get('/api/v1/me')).json().user.locale).toBe('zh-CN');

    const ok = await c.patch('/api/v1/me', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe('en');
  });
});

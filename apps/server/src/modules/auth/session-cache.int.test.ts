import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { sha256Hex } from '../../platform/auth/tokens.js';
import { ManualClock } from '../../platform/clock.js';

let t: TestApp;
const clock = new ManualClock(new Date());
const TTL_MS = 400;
const sessionId = (c: Client) => sha256Hex(c.cookie!.split('=')[1]!);

beforeAll(async () => {
  t = await startTestApp({ clock, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000', SESSION_CACHE_MS: String(TTL_MS) } });
});
afterAll(async () => t?.close());

describe('reads reuse a resolved session briefly; writes and limits are never stale', () => {
  it('ends the session at once on logout even though reads had cached it', async () => {
    const c = await t.login('viewer');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a session revoked from another of my sessions immediately', async () => {
    const a = await t.login('inspector');
    const b = await t.login('inspector');
    expect((await b.get('/api/v1/me')).statusCode).toBe(200);
    expect((await a.delete(`/api/v1/me/sessions/${sessionId(b)}`)).statusCode).toBe(204);
    expect((await b.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('still applies the idle timeout to a cached session', async () => {
    const c = await t.login('viewer');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('sees a change made elsewhere (another instance) within the cache lifetime', async () => {
    const c = await t.login('viewer');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    await sql`UPDATE session SET revoked_at = now() WHERE id = ${sessionId(c)}`.execute(t.platform.db);
    // Within the TTL this instance may still answer from its cache…
    expect([200, 401]).toContain((await c.get('/api/v1/me')).statusCode);
    await new Promise((r) => setTimeout(r, TTL_MS + 100));
    // …but never after it.
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });
});

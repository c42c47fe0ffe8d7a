import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from './harness.js';

let t: TestApp;
let duty: Client;

beforeAll(async () => {
  t = await startTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  duty = await t.login('duty');
});
afterAll(async () => t?.close());

describe('HTTP behaviour common to every route', () => {
  it('checks who is calling before it looks at the body', async () => {
    const anon = await t.request({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(anon.statusCode).toBe(401);
    const viewer = await t.login('viewer');
    const denied = await viewer.post('/api/v1/orgs', { nonsense: true });
    expect(denied.statusCode).toBe(403);
  });

  it('answers malformed JSON and oversized bodies with problem+json, never a 500', async () => {
    const bad = await t.request({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: duty.cookie!, 'x-csrf-token': duty.csrf!, 'content-type': 'application/json' },
      payload: '{"locale": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ status: 400, errors: [{ field: 'body' }] });

    const big = await duty.patch('/api/v1/me', { locale: 'en', pad: 'x'.repeat(10_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('names unknown fields', async () => {
    const r = await duty.patch('/api/v1/me', { locale: 'en', isAdmin: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
  });

  it('answers unknown API routes with a problem+json 404', async () => {
    const r = await duty.get('/api/v1/no-such-thing');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('sends a request id and security headers with a CSP', async () => {
    const r = await t.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-12345678' } });
    expect(r.headers['x-request-id']).toBe('trace-12345678');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('reports liveness, readiness and Prometheus metrics', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.request({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
    const m = await t.request({ method: 'GET', url: '/metrics' });
    expect(m.body).toContain('vigil_http_request_duration_seconds');
    expect(m.body).toContain('vigil_outbox_pending');
  });

  it('publishes the OpenAPI document', async () => {
    const r = await t.request({ method: 'GET', url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/regions/locate', '/api/v1/users']));
  });
});

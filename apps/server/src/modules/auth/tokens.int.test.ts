import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { sha256Hex } from '../../platform/auth/tokens.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser, loginActive } from './auth.test-support.js';

let t: TestApp;
let admin: Client;
let dutyId: string;
const clock = new ManualClock(new Date());
const LOCATE = '/api/v1/regions/locate?lng=118.6&lat=24.9';

const bearer = (token: string, url: string, method: 'GET' | 'PATCH' = 'GET', payload?: object) =>
  t.request({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
const create = (body: object) => admin.post('/api/v1/api-tokens', body);

beforeAll(async () => {
  t = await startTestApp({ clock, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  admin = await loginActive(t, 'sysadmin');
  dutyId = (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', 'duty').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe('issuing API tokens', () => {
  it('issues a token shown once, stores only its hash, and authenticates with exactly its permissions', async () => {
    const r = await create({ name: '气象数据接入', userId: dutyId, permissions: ['region.read'], expiresInDays: 30 });
    expect(r.statusCode).toBe(201);
    const { token, item } = r.json();
    expect(token).toMatch(/^vgt_[A-Za-z0-9_-]{43}$/);
    expect(item).toMatchObject({ name: '气象数据接入', userId: dutyId, username: 'duty', permissions: ['region.read'], revokedAt: null });
    expect(token.startsWith(item.prefix)).toBe(true);
    const row = await t.platform.db.selectFrom('api_token').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await auditRows(t, 'token.created', item.id);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(token);

    expect((await bearer(token, LOCATE)).statusCode).toBe(200);
    expect((await bearer(token, '/api/v1/regions/boundaries')).statusCode).toBe(403); // map.read not on the token
    const me = await bearer(token, '/api/v1/me');
    expect(me.json().permissions).toEqual(['region.read']);
    // A bearer write needs no CSRF token.
    expect((await bearer(token, '/api/v1/me', 'PATCH', { locale: 'en' })).statusCode).toBe(200);
    expect((await bearer('vgt_not-a-real-token', LOCATE)).statusCode).toBe(401);
  });

  it('accepts only business permissions the owner holds, naming the offending entry', async () => {
    const admin_ = await create({ name: 'x', userId: dutyId, permissions: ['region.read', 'user.manage'] });
    expect(admin_.statusCode).toBe(400);
    expect(admin_.json().errors).toEqual([{ field: 'permissions.1', message: '管理类权限 user.manage 不能授予接口令牌' }]);
    const notHeld = await create({ name: 'x', userId: dutyId, permissions: ['incident.grade'] });
    expect(notHeld.statusCode).toBe(400);
    expect(notHeld.json().errors[0]).toEqual({ field: 'permissions.0', message: '令牌所属用户不具有权限 incident.grade' });
    const unknown = await create({ name: 'x', userId: dutyId, permissions: ['nope.read'] });
    expect(unknown.json().errors[0].message).toBe('未知权限 nope.read');
    const noName = await create({ name: ' ', userId: dutyId, permissions: ['region.read'] });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].field).toBe('name');
    expect(await t.platform.db.selectFrom('api_token').select('id').where('name', '=', 'x').execute()).toHaveLength(0);
  });

  it('refuses users without token.manage (403) and owners outside the administrator’s scope (404, audited)', async () => {
    const viewer = await t.login('viewer');
    expect((await viewer.post('/api/v1/api-tokens', { name: 'x', userId: dutyId, permissions: ['region.read'] })).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/api-tokens')).statusCode).toBe(403);
    const outsider = await createTestUser(t, { username: 'tok-province', role: 'viewer', org: 'fj' });
    const r = await create({ name: 'x', userId: outsider, permissions: ['region.read'] });
    expect(r.statusCode).toBe(404);
    expect(await auditRows(t, 'access.out_of_scope', outsider)).toHaveLength(1);
  });
});

describe('managing API tokens', () => {
  it('lists tokens in pages', async () => {
    await create({ name: 'page-1', userId: dutyId, permissions: ['map.read'] });
    await create({ name: 'page-2', userId: dutyId, permissions: ['map.read'] });
    const first = await admin.get('/api/v1/api-tokens?limit=1');
    expect(first.statusCode).toBe(200);
    const p1 = first.json();
    expect(p1.items).toHaveLength(1);
    expect(p1.total).toBeGreaterThanOrEqual(3);
    expect(p1.items[0].name).toBe('page-2');
    const p2 = (await admin.get(`/api/v1/api-tokens?limit=1&cursor=${p1.nextCursor}`)).json();
    expect(p2.items[0].name).toBe('page-1');
    expect((await admin.get('/api/v1/api-tokens?limit=1&cursor=abc')).statusCode).toBe(400);
  });

  it('revokes a token at once, audited', async () => {
    const { token, item } = (await create({ name: 'to-revoke', userId: dutyId, permissions: ['region.read'] })).json();
    expect((await bearer(token, LOCATE)).statusCode).toBe(200);
    expect((await admin.delete(`/api/v1/api-tokens/${item.id}`)).statusCode).toBe(204);
    const r = await bearer(token, LOCATE);
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toBe('令牌已吊销');
    expect(await auditRows(t, 'token.revoked', item.id)).toHaveLength(1);
    expect((await admin.delete(`/api/v1/api-tokens/${item.id}`)).statusCode).toBe(204); // idempotent, not audited twice
    expect(await auditRows(t, 'token.revoked', item.id)).toHaveLength(1);
  });

  it('loses a permission when its owner does', async () => {
    const id = await createTestUser(t, { username: 'tok-owner', role: 'viewer' });
    const { token } = (await create({ name: 'owner-bound', userId: id, permissions: ['region.read'] })).json();
    expect((await bearer(token, LOCATE)).statusCode).toBe(200);
    await t.platform.db.deleteFrom('user_role').where('user_id', '=', id).execute();
    expect((await bearer(token, LOCATE)).statusCode).toBe(403);
  });

  it('stops working when it expires', async () => {
    const { token } = (await create({ name: 'short', userId: dutyId, permissions: ['region.read'], expiresInDays: 1 })).json();
    expect((await bearer(token, LOCATE)).statusCode).toBe(200);
    clock.advance(86_400_000 + 1000);
    const r = await bearer(token, LOCATE);
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toBe('令牌已过期');
  });
});

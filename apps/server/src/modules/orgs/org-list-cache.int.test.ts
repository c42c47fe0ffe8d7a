import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { orgId, signIn } from '../users/test-support.js';

/*
 * The org list cache (ORG_LIST_CACHE_MS on, as in production): a list is reused, scoped per
 * caller, and any org change made through the API shows at once, for every user.
 */
let t: TestApp;
let sysadmin: Client;
let duty: Client;
let jinjiang: Client;

beforeAll(async () => {
  t = await startTestApp({ env: { ORG_LIST_CACHE_MS: '60000' } });
  sysadmin = await signIn(t, 'sysadmin');
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

const names = async (c: Client, query = '') =>
  (await c.get(`/api/v1/orgs${query}`)).json<{ items: { code: string; name: string }[] }>().items.map((o) => `${o.code}:${o.name}`);

describe('the org list cache', () => {
  it('reuses a list (a change behind the API’s back is not seen within the TTL), scoped per caller and filter', async () => {
    const first = await names(duty);
    expect(first.some((n) => n.startsWith('qz_fengze:'))).toBe(true);
    await sql`UPDATE org SET name = '改名但未经接口' WHERE code = 'qz_fengze'`.execute(t.platform.db);
    expect(await names(duty)).toEqual(first);
    // Another caller's scope and another filter are other lists.
    expect((await names(jinjiang)).every((n) => n.startsWith('qz_jinjiang'))).toBe(true);
    expect(await names(duty, '?kind=township')).not.toEqual(first);
    await sql`UPDATE org SET name = '丰泽区应急管理局' WHERE code = 'qz_fengze'`.execute(t.platform.db);
  });

  it('shows an org created or renamed through the API at once, to everyone', async () => {
    const parentId = await orgId(t, 'qz_jinjiang');
    await names(duty);
    await names(jinjiang);
    const created = await sysadmin.post('/api/v1/orgs', { parentId, name: '晋江市缓存测试街道', kind: 'township', code: 'qz_jj_cache' });
    expect(created.statusCode).toBe(201);
    expect(await names(duty)).toContain('qz_jj_cache:晋江市缓存测试街道');
    expect(await names(jinjiang)).toContain('qz_jj_cache:晋江市缓存测试街道');
    const renamed = await sysadmin.patch(`/api/v1/orgs/${created.json<{ id: string }>().id}`, { name: '晋江市缓存测试街道（改）' });
    expect(renamed.statusCode).toBe(200);
    expect(await names(jinjiang)).toContain('qz_jj_cache:晋江市缓存测试街道（改）');
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { adminCounts, auditRows, events, orgId, signIn } from '../users/test-support.js';

let t: TestApp;
let sysadmin: Client;
let duty: Client;
let jinjiang: Client;

beforeAll(async () => {
  t = await startTestApp();
  sysadmin = await signIn(t, 'sysadmin');
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

const codes = (r: { json(): { items: { code: string }[] } }) => r.json().items.map((o) => o.code);

describe('reading the org tree', () => {
  it('lists the actor’s subtree ordered by path, for any signed-in user', async () => {
    const r = await duty.get('/api/v1/orgs');
    expect(r.statusCode).toBe(200);
    const list = codes(r);
    expect(list[0]).toBe('qz');
    expect(list).not.toContain('fj');
    expect(list).toEqual(expect.arrayContaining(['qz_jinjiang', 'qz_jinjiang_anhai', 'qz_fengze', 'qz_center', 'qz_rescue_1']));
    const paths = r.json().items.map((o: { path: string }) => o.path);
    expect([...paths].sort()).toEqual(paths);
    expect(r.json().items.find((o: { code: string }) => o.code === 'qz_jinjiang')).toMatchObject({
      kind: 'county',
      divisionCode: '350582',
      divisionName: '晋江市',
      depth: 3,
      status: 'active',
    });
  });

  it('confines a county user to their county', async () => {
    expect(codes(await jinjiang.get('/api/v1/orgs'))).toEqual(['qz_jinjiang', 'qz_jinjiang_anhai']);
  });

  it('filters by kind and by name', async () => {
    expect(codes(await duty.get('/api/v1/orgs?kind=county'))).toHaveLength(11);
    expect(codes(await duty.get(`/api/v1/orgs?q=${encodeURIComponent('安海')}`))).toEqual(['qz_jinjiang_anhai']);
    const bad = await duty.get('/api/v1/orgs?kind=galaxy');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('kind');
  });

  it('answers another county’s org with a 404 and audits the attempt', async () => {
    const fengze = await orgId(t, 'qz_fengze');
    const r = await jinjiang.get(`/api/v1/orgs/${fengze}`);
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const rows = await auditRows(t, 'access.out_of_scope', fengze);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_name: 'duty-jinjiang', result: 'denied', entity: 'org' });
    const own = await jinjiang.get(`/api/v1/orgs/${await orgId(t, 'qz_jinjiang')}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().name).toBe('晋江市应急管理局');
  });

  it('requires a session', async () => {
    expect((await t.anonymous().get('/api/v1/orgs')).statusCode).toBe(401);
  });
});

describe('creating orgs', () => {
  it('creates a township under a county, audited and announced', async () => {
    const parentId = await orgId(t, 'qz_fengze');
    const r = await sysadmin.post('/api/v1/orgs', { parentId, name: '丰泽区东海街道', kind: 'township', code: 'QZ_Fengze_Donghai' });
    expect(r.statusCode).toBe(201);
    const org = r.json();
    expect(org).toMatchObject({
      code: 'qz_fengze_donghai',
      path: 'fj.qz.qz_fengze.qz_fengze_donghai',
      parentId,
      depth: 4,
      status: 'active',
    });
    const audit = await auditRows(t, 'org.created', org.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('sysadmin');
    const ev = (await events(t, 'org.created')).filter((e) => (e.payload as { orgId: string }).orgId === org.id);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ topic: 'orgs', org_path: org.path });
    expect(codes(await duty.get('/api/v1/orgs'))).toContain('qz_fengze_donghai');
  });

  it('refuses duplicate codes, unknown divisions, wrong kinds and parents outside the subtree, writing nothing', async () => {
    const before = await adminCounts(t);
    const parentId = await orgId(t, 'qz_fengze');
    const dup = await sysadmin.post('/api/v1/orgs', { parentId, name: '重复', kind: 'department', code: 'qz_jinjiang' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('code');
    const div = await sysadmin.post('/api/v1/orgs', {
      parentId,
      name: '某部门',
      kind: 'department',
      code: 'qz_x1',
      divisionCode: '999999',
    });
    expect(div.statusCode).toBe(400);
    expect(div.json().errors[0].field).toBe('divisionCode');
    const kind = await sysadmin.post('/api/v1/orgs', { parentId, name: '某县', kind: 'county', code: 'qz_x2' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0]).toMatchObject({ field: 'kind' });
    expect(kind.json().errors[0].message).toContain('市级');
    const outside = await sysadmin.post('/api/v1/orgs', {
      parentId: await orgId(t, 'fj'),
      name: '厦门市应急管理局',
      kind: 'city',
      code: 'xm',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].field).toBe('parentId');
    expect(await adminCounts(t)).toEqual(before);
  });

  it('is reserved to holders of org.manage', async () => {
    const r = await duty.post('/api/v1/orgs', { parentId: await orgId(t, 'qz'), name: '某部门', kind: 'department', code: 'qz_x3' });
    expect(r.statusCode).toBe(403);
  });
});

describe('changing orgs', () => {
  it('renames and re-links the division, recording before and after', async () => {
    const id = await orgId(t, 'qz_center');
    const r = await sysadmin.patch(`/api/v1/orgs/${id}`, { name: '泉州市应急指挥中心（新）', divisionCode: '350503' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: '泉州市应急指挥中心（新）', divisionCode: '350503', divisionName: '丰泽区' });
    const [row] = await auditRows(t, 'org.updated', id);
    expect(row!.before).toEqual({ name: '泉州市应急指挥中心', division_code: '350500' });
    expect(row!.after).toEqual({ name: '泉州市应急指挥中心（新）', division_code: '350503' });
    expect((await events(t, 'org.updated')).some((e) => (e.payload as { orgId: string }).orgId === id)).toBe(true);
  });

  it('refuses disabling an org that still has active children or active users', async () => {
    const jj = await sysadmin.patch(`/api/v1/orgs/${await orgId(t, 'qz_jinjiang')}`, { status: 'disabled' });
    expect(jj.statusCode).toBe(409);
    expect(jj.json().detail).toContain('下级组织');
    const rescue = await sysadmin.patch(`/api/v1/orgs/${await orgId(t, 'qz_rescue_1')}`, { status: 'disabled' });
    expect(rescue.statusCode).toBe(409);
    expect(rescue.json().detail).toContain('用户账户');
  });

  it('disables an empty org (no new orgs under it) and enables it again', async () => {
    const id = await orgId(t, 'qz_jinjiang_anhai');
    const off = await sysadmin.patch(`/api/v1/orgs/${id}`, { status: 'disabled' });
    expect(off.statusCode).toBe(200);
    expect(off.json().status).toBe('disabled');
    const child = await sysadmin.post('/api/v1/orgs', { parentId: id, name: '某村', kind: 'department', code: 'qz_anhai_v1' });
    expect(child.statusCode).toBe(409);
    const on = await sysadmin.patch(`/api/v1/orgs/${id}`, { status: 'active' });
    expect(on.json().status).toBe('active');
  });

  it('answers another subtree’s org with 404 and a missing permission with 403', async () => {
    const fj = await orgId(t, 'fj');
    expect((await sysadmin.patch(`/api/v1/orgs/${fj}`, { name: '改名' })).statusCode).toBe(404);
    expect((await duty.patch(`/api/v1/orgs/${await orgId(t, 'qz_center')}`, { name: '改名' })).statusCode).toBe(403);
  });
});

describe('bad input on org writes', () => {
  const hostile = ["'; DROP TABLE app_user; --", '<script>alert(1)</script>'];

  it('answers 400 problem+json naming the field and writes nothing', async () => {
    const parentId = await orgId(t, 'qz');
    const id = await orgId(t, 'qz_center');
    const before = await adminCounts(t);
    const cases: (readonly [string, () => Promise<LightMyRequestResponse>, string])[] = [
      ['malformed JSON', () => t.request({ method: 'POST', url: '/api/v1/orgs', headers: json(sysadmin), payload: '{"name": ' }), 'body'],
      ['wrong type', () => sysadmin.post('/api/v1/orgs', { parentId, name: 42, kind: 'department', code: 'qz_y1' }), 'name'],
      [
        'unknown field',
        () => sysadmin.post('/api/v1/orgs', { parentId, name: '某部门', kind: 'department', code: 'qz_y2', admin: true }),
        'admin',
      ],
      [
        'oversized name',
        () => sysadmin.post('/api/v1/orgs', { parentId, name: '部'.repeat(101), kind: 'department', code: 'qz_y3' }),
        'name',
      ],
      [
        'bad parent id',
        () => sysadmin.post('/api/v1/orgs', { parentId: 'x', name: '某部门', kind: 'department', code: 'qz_y4' }),
        'parentId',
      ],
      ...hostile.flatMap((s, i): (readonly [string, () => Promise<LightMyRequestResponse>, string])[] => [
        [
          `hostile name ${i}`,
          () => sysadmin.post('/api/v1/orgs', { parentId, name: s, kind: 'department', code: `qz_z${i}` }),
          'name',
        ] as const,
        [
          `hostile code ${i}`,
          () => sysadmin.post('/api/v1/orgs', { parentId, name: '某部门', kind: 'department', code: s }),
          'code',
        ] as const,
        [`hostile rename ${i}`, () => sysadmin.patch(`/api/v1/orgs/${id}`, { name: s }), 'name'] as const,
      ]),
      ['empty patch', () => sysadmin.patch(`/api/v1/orgs/${id}`, {}), 'body'],
    ];
    for (const [label, send, field] of cases) {
      const r = await send();
      expect(r.statusCode, label).toBe(400);
      expect(r.headers['content-type'], label).toContain('application/problem+json');
      expect(
        r.json().errors.map((e: { field: string }) => e.field),
        label,
      ).toContain(field);
    }
    expect(await adminCounts(t)).toEqual(before);
  });
});

function json(c: Client): Record<string, string> {
  return { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'application/json' };
}

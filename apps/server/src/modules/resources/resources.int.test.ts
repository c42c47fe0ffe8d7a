import { RESOURCE_KINDS, type ResourceKind } from '@vigil/shared';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { RESOURCE_COLUMNS } from './resource-columns.js';
import { QZ_POINTS, resourceBody } from './resources.test-support.js';

let t: TestApp;
let steward: Client; // city (qz), resource.manage
let viewer: Client; // city, read only
let commander: Client; // city, expert.contact.read
let jinjiang: Client; // county (qz_jinjiang), granted resource.manage there
let cityOrg: string;

const count = async (table: 'resource' | 'resource_history') =>
  Number(
    (
      await t.platform.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp();
  const db = t.platform.db;
  const jj = await db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow();
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'duty-jinjiang').executeTakeFirstOrThrow();
  await db
    .insertInto('user_role')
    .values({ user_id: user.id, role_id: 'data_steward', scope_org_id: jj.id, scope_path: jj.path, granted_by: null })
    .execute();
  cityOrg = (await db.selectFrom('org').select('id').where('code', '=', 'qz').executeTakeFirstOrThrow()).id;
  steward = await t.login('steward');
  viewer = await t.login('viewer');
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

describe('registry lifecycle', () => {
  it.each(RESOURCE_KINDS.map((k) => [k]))(
    '%s: create, edit, archive, restore — with history, audit rows and events',
    async (kind: ResourceKind) => {
      const created = await steward.post(`/api/v1/resources/${kind}`, resourceBody(kind, { name: `泉州${kind}一号` }));
      expect(created.statusCode, created.body).toBe(201);
      const r = created.json();
      expect(r).toMatchObject({ kind, version: 1, divisionCode: '350503', orgId: cityOrg, abilities: { edit: true, archive: true } });
      expect(r.location.lng).toBeCloseTo(QZ_POINTS.fengze.lng, 6);

      const edited = await steward.put(`/api/v1/resources/${kind}/${r.id}`, { name: `泉州${kind}二号`, version: 1 });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ name: `泉州${kind}二号`, version: 2 });

      const stale = await steward.put(`/api/v1/resources/${kind}/${r.id}`, { name: '过期修改', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ detail: '记录已被他人修改，请刷新后重试', errors: [{ field: 'version' }] });

      const same = await steward.put(`/api/v1/resources/${kind}/${r.id}`, { name: `泉州${kind}二号`, version: 2 });
      expect(same.json().version, 'an edit that changes nothing keeps the version').toBe(2);

      const archived = await steward.post(`/api/v1/resources/${kind}/${r.id}/archive`, { reason: '已撤销' });
      expect(archived.statusCode, archived.body).toBe(200);
      expect(archived.json().archivedAt).not.toBeNull();
      const listed = (await steward.get(`/api/v1/resources/${kind}?limit=500`)).json().items.map((i: { id: string }) => i.id);
      expect(listed).not.toContain(r.id);
      const withArchived = (await steward.get(`/api/v1/resources/${kind}?limit=500&includeArchived=true`)).json().items;
      expect(withArchived.map((i: { id: string }) => i.id)).toContain(r.id);

      const restored = await steward.post(`/api/v1/resources/${kind}/${r.id}/restore`, {});
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toMatchObject({ archivedAt: null, version: 4 });

      const history = (await viewer.get(`/api/v1/resources/${kind}/${r.id}/history`)).json();
      expect(history.map((h: { action: string; version: number }) => [h.version, h.action])).toEqual([
        [4, 'restored'],
        [3, 'archived'],
        [2, 'updated'],
        [1, 'created'],
      ]);
      expect(history[1].snapshot.reason).toBe('已撤销');
      expect(history[3].changedBy).toBeTruthy();

      for (const action of ['resource.created', 'resource.updated', 'resource.archived', 'resource.restored'])
        expect(await auditRows(t, action, r.id), action).toHaveLength(1);
      const [upd] = await auditRows(t, 'resource.updated', r.id);
      expect(upd!.before).toMatchObject({ name: `泉州${kind}一号`, version: 1 });
      expect(upd!.after).toMatchObject({ name: `泉州${kind}二号`, version: 2 });
      const events = await t.platform.db
        .selectFrom('outbox')
        .select(['name', 'payload'])
        .where('name', '=', 'resource.changed')
        .orderBy('id')
        .execute();
      const mine = events.filter((e) => (e.payload as { resourceId: string }).resourceId === r.id);
      expect(mine.map((e) => (e.payload as { change: string }).change)).toEqual(['created', 'updated', 'archived', 'restored']);
    },
  );

  it('finds a resource of another kind as 404, and refuses to edit an archived one', async () => {
    const team = (await steward.post('/api/v1/resources/team', resourceBody('team'))).json();
    expect((await viewer.get(`/api/v1/resources/shelter/${team.id}`)).statusCode).toBe(404);
    await steward.post(`/api/v1/resources/team/${team.id}/archive`, { reason: '解散' });
    const r = await steward.put(`/api/v1/resources/team/${team.id}`, { name: '改名', version: 2 });
    expect(r.statusCode).toBe(409);
  });
});

describe('bad input → 400/409 problem+json naming the field, nothing written', () => {
  const cases: [string, ResourceKind, Record<string, unknown>, number, string][] = [
    ['swapped lat/lng', 'team', { location: { lng: 24.9, lat: 118.6 } }, 400, 'location.lat'],
    ['outside China', 'team', { location: { lng: 2.35, lat: 48.85 } }, 400, 'location.lng'],
    ['unknown code', 'team', { typeCode: '42E77' }, 400, 'typeCode'],
    ['code of another family', 'hazard', { typeCode: '42E16' }, 400, 'typeCode'],
    ['status of another kind', 'shelter', { status: 'available' }, 400, 'status'],
    ['unknown field', 'team', { colour: 'red' }, 400, 'colour'],
    ['unknown attribute', 'team', { attrs: { level: 'city', headcount: 3, colour: 'red' } }, 400, 'attrs.colour'],
    ['negative headcount', 'team', { attrs: { level: 'city', headcount: -3 } }, 400, 'attrs.headcount'],
    [
      'occupancy above capacity',
      'shelter',
      { attrs: { shelterClass: 'I', indoor: true, capacity: 10, occupancy: 20 } },
      400,
      'attrs.occupancy',
    ],
    ['contact on a team', 'team', { contact: { phone: '13812345678' } }, 400, 'contact'],
    ['bad ID number', 'expert', { contact: { idNumber: '12345' } }, 400, 'contact.idNumber'],
  ];
  it.each(cases)('%s', async (_label, kind, over, status, field) => {
    const before = [await count('resource'), await count('resource_history')];
    const r = await steward.post(`/api/v1/resources/${kind}`, { ...resourceBody(kind), ...over });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect([await count('resource'), await count('resource_history')]).toEqual(before);
  });

  it('duplicate external code → 409 naming externalCode, on create and on edit', async () => {
    const body = resourceBody('warehouse');
    expect((await steward.post('/api/v1/resources/warehouse', body)).statusCode).toBe(201);
    const before = await count('resource');
    const dup = await steward.post('/api/v1/resources/warehouse', { ...body, name: '另一个' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('externalCode');
    expect(await count('resource')).toBe(before);
    // The same code in another registry is fine.
    expect(
      (await steward.post('/api/v1/resources/shelter', { ...resourceBody('shelter'), externalCode: body.externalCode })).statusCode,
    ).toBe(201);
    const other = (await steward.post('/api/v1/resources/warehouse', resourceBody('warehouse'))).json();
    const clash = await steward.put(`/api/v1/resources/warehouse/${other.id}`, { externalCode: body.externalCode, version: 1 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].field).toBe('externalCode');
    expect((await viewer.get(`/api/v1/resources/warehouse/${other.id}`)).json().version).toBe(1);
  });

  it('a bad patch is refused and leaves the record unchanged', async () => {
    const team = (await steward.post('/api/v1/resources/team', resourceBody('team'))).json();
    const r = await steward.put(`/api/v1/resources/team/${team.id}`, { location: { lng: 24.9, lat: 118.6 }, version: 1 });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('location.lat');
    expect((await viewer.get(`/api/v1/resources/team/${team.id}`)).json()).toMatchObject({ version: 1, location: team.location });
  });
});

describe('expert contacts', () => {
  let expertId: string;
  beforeAll(async () => {
    const r = await steward.post(
      '/api/v1/resources/expert',
      resourceBody('expert', { name: '林专家', contact: { phone: '13812345678', idNumber: '350503198001011234' } }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expertId = r.json().id;
  });

  it('are sealed at rest', async () => {
    const row = await t.platform.db
      .selectFrom('resource')
      .select(['sealed', 'masked'])
      .where('id', '=', expertId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row.sealed)).not.toContain('13812345678');
    expect(JSON.stringify(row.sealed)).not.toContain('350503198001011234');
    expect(row.masked).toEqual({ phone: '138****5678', idNumber: '350503********1234' });
  });

  it('are masked for users without expert.contact.read, in lists and details', async () => {
    for (const who of [viewer, steward]) {
      const r = (await who.get(`/api/v1/resources/expert/${expertId}`)).json();
      expect(r.contact).toEqual({ phone: '138****5678', idNumber: '350503********1234', masked: true });
    }
    expect(await auditRows(t, 'expert.contact_viewed', expertId)).toHaveLength(0);
  });

  it('are shown to a holder of expert.contact.read, and the reading is audited', async () => {
    const r = (await commander.get(`/api/v1/resources/expert/${expertId}`)).json();
    expect(r.contact).toEqual({ phone: '13812345678', idNumber: '350503198001011234', masked: false });
    expect(await auditRows(t, 'expert.contact_viewed', expertId)).toHaveLength(1);
    const listed = (await commander.get('/api/v1/resources/expert?limit=500')).json().items.find((i: { id: string }) => i.id === expertId);
    expect(listed.contact.masked).toBe(true);
  });

  it('are replaced only when sent again', async () => {
    const renamed = await steward.put(`/api/v1/resources/expert/${expertId}`, { name: '林教授', version: 1 });
    expect(renamed.json().contact.phone).toBe('138****5678');
    const changed = await steward.put(`/api/v1/resources/expert/${expertId}`, { contact: { phone: '13900001111' }, version: 2 });
    expect(changed.json()).toMatchObject({ version: 3, contact: { phone: '139****1111', idNumber: null } });
    expect((await commander.get(`/api/v1/resources/expert/${expertId}`)).json().contact.phone).toBe('13900001111');
  });
});

describe('org scope', () => {
  const jinjiangOrgs = () =>
    t.platform.db
      .selectFrom('org')
      .select(['id', 'code', 'path'])
      .where(sql<boolean>`path <@ (SELECT path FROM org WHERE code = 'qz_jinjiang')`)
      .execute();
  let cityTeam: string;
  let countyTeam: string;
  beforeAll(async () => {
    cityTeam = (await steward.post('/api/v1/resources/team', resourceBody('team', { name: '市级队伍' }))).json().id;
    const r = await jinjiang.post(
      '/api/v1/resources/team',
      resourceBody('team', { name: '晋江队伍', location: { ...QZ_POINTS.jinjiang, crs: 'wgs84' } }),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().divisionCode).toBe('350582');
    countyTeam = r.json().id;
  });

  it('a county user cannot see or edit a city resource (404, audited) and lists only its subtree', async () => {
    expect((await jinjiang.get(`/api/v1/resources/team/${cityTeam}`)).statusCode).toBe(404);
    expect((await jinjiang.put(`/api/v1/resources/team/${cityTeam}`, { name: '越权', version: 1 })).statusCode).toBe(404);
    expect((await jinjiang.post(`/api/v1/resources/team/${cityTeam}/archive`, { reason: '越权' })).statusCode).toBe(404);
    const denied = await t.platform.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'access.out_of_scope')
      .where('entity_id', '=', cityTeam)
      .execute();
    expect(denied.length).toBe(3);
    // Demo data may hold other teams: every listed one must lie in Jinjiang's subtree.
    const page = (await jinjiang.get('/api/v1/resources/team?limit=500')).json();
    const ids = page.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(countyTeam);
    expect(ids).not.toContain(cityTeam);
    expect(page.total).toBe(ids.length);
    const jjOrgs = new Set((await jinjiangOrgs()).map((o) => o.id));
    expect(page.items.every((i: { orgId: string }) => jjOrgs.has(i.orgId))).toBe(true);
    const city = (await steward.get('/api/v1/resources/team?limit=500')).json().items.map((i: { id: string }) => i.id);
    expect(city).toEqual(expect.arrayContaining([cityTeam, countyTeam]));
  });

  it('a county user cannot create a resource for the city org (404) and nothing is written', async () => {
    const before = await count('resource');
    const r = await jinjiang.post('/api/v1/resources/team', resourceBody('team', { orgId: cityOrg }));
    expect(r.statusCode).toBe(404);
    expect(await count('resource')).toBe(before);
  });

  it('summary counts only what the user may see', async () => {
    const s = (await jinjiang.get('/api/v1/resources/summary')).json();
    const jjPath = (await jinjiangOrgs()).find((o) => o.code === 'qz_jinjiang')!.path;
    const live = await t.platform.db
      .selectFrom('resource')
      .select(['kind', 'status'])
      .where('archived_at', 'is', null)
      .where(sql<boolean>`org_path <@ ${jjPath}::ltree`)
      .execute();
    const teams = live.filter((r) => r.kind === 'team');
    expect(s.team.total).toBe(teams.length);
    expect(s.team.byStatus.available).toBe(teams.filter((r) => r.status === 'available').length);
    expect(s.expert.total).toBe(live.filter((r) => r.kind === 'expert').length);
    expect((await viewer.get('/api/v1/resources/summary')).json().team.total).toBeGreaterThan(s.team.total);
  });
});

describe('lists', () => {
  beforeAll(async () => {
    for (const [i, name] of ['甲矩测消防站', '乙矩测消防站', '丙矩测救援队', '丁矩测消防站'].entries())
      await steward.post(
        '/api/v1/resources/equipment',
        resourceBody('equipment', { name, externalCode: `EQ-LIST-${i}`, status: i === 3 ? 'maintenance' : 'available' }),
      );
  });

  it('filters by text, status and division, and pages with a cursor', async () => {
    const q = (await viewer.get(`/api/v1/resources/equipment?q=${encodeURIComponent('矩测消防')}`)).json();
    expect(q.total).toBe(3);
    const st = (await viewer.get('/api/v1/resources/equipment?q=EQ-LIST&status=maintenance')).json();
    expect(st.items.map((i: { name: string }) => i.name)).toEqual(['丁矩测消防站']);
    expect((await viewer.get('/api/v1/resources/equipment?q=EQ-LIST&divisionCode=350582')).json().total).toBe(0);
    expect((await viewer.get('/api/v1/resources/equipment?q=EQ-LIST&divisionCode=350500')).json().total).toBe(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/resources/equipment?q=EQ-LIST&sort=externalCode&order=asc&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await viewer.get(url)).json();
      expect(page.total).toBe(4);
      seen.push(...page.items.map((i: { externalCode: string }) => i.externalCode));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['EQ-LIST-0', 'EQ-LIST-1', 'EQ-LIST-2', 'EQ-LIST-3']);
    const bad = await viewer.get('/api/v1/resources/equipment?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
  });

  it('exports the filtered list as a real xlsx with Chinese headers, audited', async () => {
    const r = await viewer.get(`/api/v1/resources/equipment?format=xlsx&q=${encodeURIComponent('矩测消防')}&sort=name&order=asc`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(RESOURCE_COLUMNS.equipment.map((c) => c.header));
    expect(ws.rowCount).toBe(4);
    const names = [2, 3, 4].map((n) => ws.getRow(n).getCell(2).value);
    expect(names.sort()).toEqual(['丁矩测消防站', '乙矩测消防站', '甲矩测消防站'].sort());
    expect(ws.getRow(2).getCell(4).value).toMatch(/可用|维修/);
    const audit = await auditRows(t, 'resource.exported');
    expect(audit.at(-1)!.after).toMatchObject({ kind: 'equipment', format: 'xlsx', rows: 3 });
  });

  it('exports CSV with a BOM for Excel', async () => {
    const r = await viewer.get('/api/v1/resources/equipment?format=csv&q=EQ-LIST&status=maintenance');
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.body.charCodeAt(0)).toBe(0xfeff);
    const lines = r.body.slice(1).trim().split('\r\n');
    expect(lines[0]!.startsWith('外部编码,名称,类型代码,状态')).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('丁矩测消防站');
  });
});

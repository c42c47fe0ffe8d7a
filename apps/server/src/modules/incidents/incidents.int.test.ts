import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { onDutyUserIds } from '../duty/index.js';
import { apiTokenFor, createIncident, incidentBody, incidentEvents, PLACES, withToken } from './incidents.test-support.js';

// Two days after the snapshot was seeded: demo incidents lie in the past, demo passwords are still fresh.
const clock = new ManualClock(new Date(Date.now() + 2 * 86_400_000));
let t: TestApp;
let duty: Client; // city (qz)
let jinjiang: Client; // county (qz_jinjiang)
let viewer: Client; // city, read only
let fengzeOrg: string;

const count = async (table: 'incident' | 'incident_timeline' | 'notification') =>
  Number(
    (
      await t.platform.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const userId = async (username: string) =>
  (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await startTestApp({ clock });
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  viewer = await t.login('viewer');
  fengzeOrg = (await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_fengze').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe('recording an incident', () => {
  it('derives county and category, computes the grade, and writes timeline, audit, event and alerts', async () => {
    const r = await jinjiang.post(
      '/api/v1/incidents',
      incidentBody(clock.now(), {
        title: '晋江某厂房火灾',
        eventType: '12G01',
        dead: 3,
        location: { lng: 118.5825, lat: 24.7838, crs: 'gcj02' },
      }),
    );
    expect(r.statusCode, r.body).toBe(201);
    const inc = r.json();
    expect(inc).toMatchObject({
      category: '12000',
      categoryName: '事故灾难',
      eventTypeName: '一般工业建筑火灾',
      countyCode: '350582',
      countyName: '晋江市',
      outOfJurisdiction: false,
      grade: 3,
      gradeSource: 'computed',
      status: 'received',
      version: 1,
      orgName: '晋江市应急管理局',
    });
    expect(inc.location.lng).toBeLessThan(118.5825); // GCJ-02 converted to WGS84
    expect(inc.abilities).toMatchObject({ update: true, changeStatus: ['verified', 'false_report'], merge: true, grade: false });

    const timeline = (await jinjiang.get(`/api/v1/incidents/${inc.id}/timeline`)).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect(await auditRows(t, 'incident.created', inc.id)).toHaveLength(1);

    const [event] = await incidentEvents(t, 'incident.created', inc.id);
    expect(event).toMatchObject({ topic: 'incidents', permission: 'incident.read' });
    expect(event!.org_path).toBe('fj.qz.qz_jinjiang');
    expect(event!.payload).toMatchObject({ incidentId: inc.id, grade: 3, previousGrade: null, eventType: '12G01' });

    // The desks of the org and its parent: whoever is on the roster now, else (nobody on duty) the
    // org's duty officers and commanders. The officer who recorded it is not told of their own action.
    const notesAfter = await t.platform.db.selectFrom('notification').selectAll().where('link', '=', `/incidents/${inc.id}`).execute();
    const told = new Set(notesAfter.map((n) => n.user_id));
    const org = async (code: string) =>
      (await t.platform.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const cityOnDuty = await onDutyUserIds(t.platform.db, { orgId: await org('qz'), at: clock.now() });
    const cityDesk = cityOnDuty.length > 0 ? cityOnDuty : [await userId('duty'), await userId('commander')];
    for (const u of cityDesk) expect(told.has(u)).toBe(true);
    expect(told.has(await userId('duty-jinjiang'))).toBe(false);
    expect(told.has(await userId('viewer'))).toBe(false);
    expect(notesAfter[0]).toMatchObject({ severity: 'warning' });
  });

  it('accepts a point outside Quanzhou but flags it, and an address without a point', async () => {
    const out = await createIncident(duty, incidentBody(clock.now(), { location: { ...PLACES.xiamen, crs: 'wgs84' } }));
    expect(out).toMatchObject({ outOfJurisdiction: true, countyCode: null });
    const addr = await createIncident(jinjiang, incidentBody(clock.now(), { location: null, address: '晋江市安海镇某路 1 号' }));
    expect(addr).toMatchObject({ location: null, address: '晋江市安海镇某路 1 号', countyCode: '350582', outOfJurisdiction: false });
  });

  it('refuses bad input with a field error and writes nothing', async () => {
    const before = await count('incident');
    const cases: [Record<string, unknown>, string][] = [
      [{ eventType: '12Z77' }, 'eventType'],
      [{ eventType: '12000' }, 'eventType'],
      [{ eventType: 'abc' }, 'eventType'],
      [{ dead: -1 }, 'dead'],
      [{ seriouslyInjured: 1.5 }, 'seriouslyInjured'],
      [{ directLossYuan: -0.01 }, 'directLossYuan'],
      [{ occurredAt: new Date(clock.now().getTime() + 6 * 60_000).toISOString() }, 'occurredAt'],
      [{ receivedAt: new Date(clock.now().getTime() + 3_600_000).toISOString() }, 'receivedAt'],
      [{ receivedAt: new Date(clock.now().getTime() - 2 * 3_600_000).toISOString() }, 'occurredAt'],
      [{ location: { lng: 24.78, lat: 118.57, crs: 'wgs84' } }, 'location.lat'],
      [{ location: { lng: 2.35, lat: 48.85, crs: 'wgs84' } }, 'location.lng'],
      [{ location: null, address: null }, 'location'],
      [{ source: 'fax' }, 'source'],
      [{ externalSource: '110' }, 'externalRef'],
    ];
    for (const [patch, field] of cases) {
      const r = await duty.post('/api/v1/incidents', incidentBody(clock.now(), patch));
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(
        r.json().errors.map((e: { field: string }) => e.field),
        r.body,
      ).toContain(field);
    }
    expect(await count('incident')).toBe(before);
  });

  it('lets a city user record for a county in its subtree, but not a county user for another county', async () => {
    const r = await createIncident(duty, incidentBody(clock.now(), { orgId: fengzeOrg, location: { ...PLACES.fengze, crs: 'wgs84' } }));
    expect(r.orgName).toBe('丰泽区应急管理局');
    const refused = await jinjiang.post('/api/v1/incidents', incidentBody(clock.now(), { orgId: fengzeOrg }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('orgId');
  });

  it('needs incident.create', async () => {
    expect((await viewer.post('/api/v1/incidents', incidentBody(clock.now()))).statusCode).toBe(403);
    expect((await t.anonymous().post('/api/v1/incidents', incidentBody(clock.now()))).statusCode).toBe(401);
  });
});

describe('scope and privacy', () => {
  let fengzeId: string;
  let jinjiangId: string;
  beforeAll(async () => {
    fengzeId = (
      await createIncident(
        duty,
        incidentBody(clock.now(), { orgId: fengzeOrg, title: '丰泽范围测试', location: { ...PLACES.fengze, crs: 'wgs84' } }),
      )
    ).id;
    jinjiangId = (await createIncident(jinjiang, incidentBody(clock.now(), { title: '晋江范围测试' }))).id;
  });

  it('a county cannot see another county’s incident (audited 404); the city sees all', async () => {
    const r = await jinjiang.get(`/api/v1/incidents/${fengzeId}`);
    expect(r.statusCode).toBe(404);
    const denied = await auditRows(t, 'access.out_of_scope', fengzeId);
    expect(denied.at(-1)).toMatchObject({ actor_name: 'duty-jinjiang', result: 'denied' });
    expect((await jinjiang.get(`/api/v1/incidents/${fengzeId}/timeline`)).statusCode).toBe(404);
    expect((await duty.get(`/api/v1/incidents/${fengzeId}`)).statusCode).toBe(200);

    const mine = (await jinjiang.get('/api/v1/incidents?limit=500')).json();
    expect(mine.items.every((i: { orgName: string }) => i.orgName === '晋江市应急管理局')).toBe(true);
    expect(mine.items.some((i: { id: string }) => i.id === jinjiangId)).toBe(true);
    const all = (await duty.get('/api/v1/incidents?limit=500')).json();
    expect(all.items.some((i: { id: string }) => i.id === fengzeId)).toBe(true);
    expect(all.total).toBeGreaterThan(mine.total);
  });

  it('shows the reporter phone in full only to users who may update; stores it sealed', async () => {
    expect((await duty.get(`/api/v1/incidents/${jinjiangId}`)).json()).toMatchObject({
      reporterPhone: '13812345678',
      reporterPhoneMasked: false,
    });
    expect((await viewer.get(`/api/v1/incidents/${jinjiangId}`)).json()).toMatchObject({
      reporterPhone: '138****5678',
      reporterPhoneMasked: true,
    });
    const row = await t.platform.db.selectFrom('incident').selectAll().where('id', '=', jinjiangId).executeTakeFirstOrThrow();
    expect(row.reporter_phone_sealed).not.toContain('13812345678');
    const audit = await auditRows(t, 'incident.created', jinjiangId);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('13812345678');
  });
});

describe('duplicate hint', () => {
  it('flags a same-category incident within 2 km and 2 hours, and only that', async () => {
    const first = await createIncident(
      jinjiang,
      incidentBody(clock.now(), { title: '重复测试一', eventType: '12H02', location: { lng: 118.6, lat: 24.75, crs: 'wgs84' } }),
    );
    expect(first.duplicateCandidates).toEqual([]);
    const near = await createIncident(
      jinjiang,
      incidentBody(clock.now(), { title: '重复测试二', eventType: '12H01', location: { lng: 118.61, lat: 24.755, crs: 'wgs84' } }),
    );
    expect(near.hasDuplicateHint).toBe(true);
    expect(near.duplicateCandidates.map((c: { id: string }) => c.id)).toContain(first.id);
    expect(near.duplicateCandidates[0].distanceM).toBeGreaterThan(900);
    expect(near.duplicateCandidates[0].distanceM).toBeLessThan(2000);
    // another category at the same place, a point 5 km away, an incident three hours earlier: no hint
    const otherKind = await createIncident(
      jinjiang,
      incidentBody(clock.now(), { eventType: '11A02', location: { lng: 118.6, lat: 24.75, crs: 'wgs84' } }),
    );
    const far = await createIncident(
      jinjiang,
      incidentBody(clock.now(), { eventType: '12H02', location: { lng: 118.65, lat: 24.75, crs: 'wgs84' } }),
    );
    const earlier = new Date(clock.now().getTime() - 5 * 3_600_000).toISOString();
    const old = await createIncident(
      jinjiang,
      incidentBody(clock.now(), {
        eventType: '12H02',
        occurredAt: earlier,
        receivedAt: earlier,
        location: { lng: 118.6, lat: 24.75, crs: 'wgs84' },
      }),
    );
    for (const x of [otherKind, far, old]) expect(x.duplicateCandidates.map((c: { id: string }) => c.id)).not.toContain(first.id);

    const flagged = (await jinjiang.get('/api/v1/incidents?hasDuplicateHint=true&limit=500')).json();
    const ids = flagged.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(near.id);
    expect(ids).not.toContain(first.id);
    expect((await jinjiang.get(`/api/v1/incidents/${near.id}`)).json().duplicateCandidates[0].id).toBe(first.id);
  });
});

describe('external systems (API token)', () => {
  it('records once per source and reference, also when the same call arrives twice at once', async () => {
    const token = await apiTokenFor(t, 'duty', ['incident.create', 'incident.read']);
    const body = incidentBody(clock.now(), {
      title: '119 转警：仓库火灾',
      source: 'hotline_system',
      externalSource: '119',
      externalRef: 'FJ-QZ-2031-0001',
    });
    const first = await withToken(t, token, 'POST', '/api/v1/incidents', body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await withToken(t, token, 'POST', '/api/v1/incidents', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const twin = { ...body, externalRef: 'FJ-QZ-2031-0002' };
    const [a, b] = await Promise.all([
      withToken(t, token, 'POST', '/api/v1/incidents', twin),
      withToken(t, token, 'POST', '/api/v1/incidents', twin),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    const rows = await t.platform.db.selectFrom('incident').select('id').where('external_source', '=', '119').execute();
    expect(rows).toHaveLength(2);
  });

  it('refuses a token without incident.create', async () => {
    const token = await apiTokenFor(t, 'duty', ['incident.read']);
    const r = await withToken(
      t,
      token,
      'POST',
      '/api/v1/incidents',
      incidentBody(clock.now(), { externalSource: '110', externalRef: 'X1' }),
    );
    expect(r.statusCode).toBe(403);
  });
});

describe('lists, map and export', () => {
  it('pages with a cursor and filters by status, type prefix, grade, county and time', async () => {
    const p1 = (await duty.get('/api/v1/incidents?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await duty.get(`/api/v1/incidents?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((i: { id: string }) => i.id)).not.toContain(p1.items[0].id);
    expect(p2.total).toBe(p1.total);

    const fires = (await duty.get('/api/v1/incidents?eventType=12G00&limit=500')).json();
    expect(fires.items.length).toBeGreaterThan(0);
    expect(fires.items.every((i: { eventType: string }) => i.eventType.startsWith('12G'))).toBe(true);
    const g3 = (await duty.get('/api/v1/incidents?grade=3&countyCode=350582&limit=500')).json();
    expect(g3.items.every((i: { grade: number; countyCode: string }) => i.grade === 3 && i.countyCode === '350582')).toBe(true);
    const from = new Date(clock.now().getTime() - 60_000).toISOString();
    const recent = (await duty.get(`/api/v1/incidents?status=received,verified&from=${encodeURIComponent(from)}&limit=500`)).json();
    expect(recent.items.length).toBeGreaterThan(0);
    expect(recent.items.every((i: { isDemo: boolean }) => !i.isDemo)).toBe(true);
    const q = (await duty.get(`/api/v1/incidents?q=${encodeURIComponent('119 转警')}`)).json();
    expect(q.items.map((i: { title: string }) => i.title)).toEqual(['119 转警：仓库火灾', '119 转警：仓库火灾']); // two references

    expect((await duty.get('/api/v1/incidents?status=nope')).statusCode).toBe(400);
    expect((await duty.get('/api/v1/incidents?cursor=garbage')).json().errors[0].field).toBe('cursor');
  });

  it('serves located incidents in a bbox as GeoJSON', async () => {
    const r = await duty.get('/api/v1/incidents.geojson?bbox=118.5,24.7,118.7,24.8');
    expect(r.statusCode).toBe(200);
    const fc = r.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      const [x, y] = f.geometry.coordinates;
      expect(x >= 118.5 && x <= 118.7 && y >= 24.7 && y <= 24.8).toBe(true);
    }
    expect(
      (await jinjiang.get('/api/v1/incidents.geojson?bbox=118.7,25.0,118.8,25.1'))
        .json()
        .features.every((f: { properties: { orgName: string } }) => f.properties.orgName === '晋江市应急管理局'),
    ).toBe(true);
  });

  it('exports a real Excel workbook of the filtered incidents', async () => {
    const r = await duty.get(`/api/v1/incidents/export?format=xlsx&q=${encodeURIComponent('119 转警')}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('事件列表')!;
    expect(ws.getRow(1).getCell(3).value).toBe('事件名称');
    expect(ws.getRow(2).getCell(3).value).toBe('119 转警：仓库火灾');
    expect(ws.getRow(3).getCell(3).value).toBe('119 转警：仓库火灾');
    expect(ws.rowCount).toBe(3);
  });
});

describe('demo data', () => {
  it('has a month of county incidents inside their counties, mostly grade IV and closed', async () => {
    const rows = await t.platform.db.selectFrom('incident').selectAll().where('is_demo', '=', true).execute();
    expect(rows.length).toBeGreaterThanOrEqual(55);
    expect(new Set(rows.map((r) => r.county_code)).size).toBeGreaterThanOrEqual(9);
    expect(rows.filter((r) => r.grade === 4).length).toBeGreaterThan(rows.length / 2);
    expect(rows.some((r) => r.grade === 3)).toBe(true);
    expect(rows.some((r) => r.grade === 2)).toBe(true);
    expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(rows.length / 2);
    expect(rows.some((r) => r.status !== 'closed' && r.status !== 'false_report')).toBe(true);
    const orgs = await t.platform.db.selectFrom('org').select(['id', 'division_code']).execute();
    for (const r of rows) expect(orgs.find((o) => o.id === r.org_id)?.division_code).toBe(r.county_code);
  });
});

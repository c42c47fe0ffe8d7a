import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { archiveResource } from '../resources/resources.service.js';
import { fixtureResource, QZ_POINTS } from '../resources/resources.test-support.js';
import { publishedWarning, warningBody, type Json } from './warnings.test-support.js';

const PUBLIC_FIELDS = ['address', 'capacity', 'distanceM', 'lat', 'lng', 'name', 'status'];

/** Counties with a boundary, by code (what the portal's county filter offers). */
async function countyCodes(t: TestApp): Promise<string[]> {
  const rows = await t.platform.db
    .selectFrom('admin_division')
    .select('code')
    .where('level', '=', 'county')
    .where('geom', 'is not', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/** The county containing a point (independent of the code under test). */
async function countyAt(t: TestApp, lng: number, lat: number): Promise<string> {
  const r = await sql<{ code: string }>`
    SELECT code FROM admin_division
    WHERE level = 'county' AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326))`.execute(t.platform.db);
  return r.rows[0]!.code;
}

describe('public portal on the command profile', () => {
  let t: TestApp;
  let anon: Client;
  let jinjiang: Json;
  let quanzhou: Json;
  let circle: Json;

  beforeAll(async () => {
    t = await startTestApp();
    anon = t.anonymous();
    const analyst = await t.login('analyst');
    const commander = await t.login('commander');
    const now = t.platform.clock.now();
    jinjiang = await publishedWarning(
      analyst,
      commander,
      warningBody(now, {
        en: { headline: 'Typhoon orange warning', description: 'Typhoon No. 5 approaches.', instruction: 'Stay indoors.' },
      }),
    );
    quanzhou = await publishedWarning(
      analyst,
      commander,
      warningBody(now, { typeCode: '11B03', colour: 'yellow', area: { divisionCodes: ['350500'] }, channels: ['in_app'] }),
    );
    circle = await publishedWarning(
      analyst,
      commander,
      warningBody(now, {
        typeCode: '11B03',
        colour: 'blue',
        area: { description: '丰泽区东湖街道周边', circle: { ...QZ_POINTS.fengze, radiusKm: 0.3 } },
        channels: ['in_app'],
      }),
    );
  });
  afterAll(async () => t?.close());

  it('lists active warnings without login, each with the counties it covers and its English block', async () => {
    const r = await anon.get('/public/warnings');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json<{ items: Json[] }>().items;
    const byId = new Map(items.map((w) => [w.identifier, w]));

    const jj = byId.get(jinjiang.identifier)!;
    expect(jj).toMatchObject({ colour: 'orange', typeCode: '11B01', typeName: '台风', typeNameEn: expect.any(String) });
    // Only Jinjiang, not its neighbours along the shared border.
    expect(jj.counties).toEqual([{ code: '350582', name: '晋江市' }]);
    expect(jj.en).toEqual({ headline: 'Typhoon orange warning', description: 'Typhoon No. 5 approaches.', instruction: 'Stay indoors.' });

    // A city-wide warning covers every county of the city.
    const qz = byId.get(quanzhou.identifier)!;
    expect(qz.counties.map((c: Json) => c.code)).toEqual(await countyCodes(t));
    expect(qz.en).toBeNull();

    // A drawn circle: the county it lies in, found spatially.
    expect(byId.get(circle.identifier)!.counties.map((c: Json) => c.code)).toEqual([
      await countyAt(t, QZ_POINTS.fengze.lng, QZ_POINTS.fengze.lat),
    ]);

    // No internal fields leave the server.
    for (const w of items) expect(Object.keys(w)).not.toEqual(expect.arrayContaining(['id', 'orgId', 'createdBy', 'approvedBy']));
  });

  it('serves a warning page with status, counties and document links; unknown identifiers are 404 problems', async () => {
    const r = await anon.get(`/public/warnings/${encodeURIComponent(jinjiang.identifier)}`);
    expect(r.statusCode, r.body).toBe(200);
    const w = r.json<Json>();
    expect(w).toMatchObject({
      identifier: jinjiang.identifier,
      status: 'published',
      counties: [{ code: '350582' }],
      capUrl: jinjiang.capUrl,
    });
    const cap = await anon.get(w.capUrl);
    expect(cap.statusCode).toBe(200);
    expect(cap.headers['content-type']).toContain('application/cap+xml');
    expect(cap.body).toContain(`<identifier>${jinjiang.identifier}</identifier>`);

    const missing = await anon.get('/public/warnings/NO-SUCH-WARNING');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('draws the areas in force as GeoJSON coloured per warning', async () => {
    const r = await anon.get('/public/warnings.geojson');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('application/geo+json');
    const fc = r.json<{ type: string; features: Json[] }>();
    const f = fc.features.find((x) => x.properties.identifier === jinjiang.identifier)!;
    expect(f.properties).toMatchObject({ colour: 'orange', headline: jinjiang.headline, typeCode: '11B01' });
    expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    expect(fc.features.find((x) => x.properties.identifier === circle.identifier)!.properties.colour).toBe('blue');
  });

  it('serves county boundaries with label points publicly and validates the level', async () => {
    const r = await anon.get('/public/boundaries?level=county');
    expect(r.statusCode, r.body).toBe(200);
    const fc = r.json<{ features: Json[] }>();
    expect(fc.features.map((f) => f.properties.code).sort()).toEqual(await countyCodes(t));
    expect(fc.features[0]!.properties).toMatchObject({
      name: expect.any(String),
      labelLng: expect.any(Number),
      labelLat: expect.any(Number),
    });

    const bad = await anon.get('/public/boundaries?level=township');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Json>().errors[0].field).toBe('level');
  });

  it('finds the nearest open or full shelters first, with public fields only, leaving closed and archived ones out', async () => {
    const base = QZ_POINTS.fengze;
    const at = (dLat: number) => ({ lng: base.lng, lat: base.lat + dLat, crs: 'wgs84' as const });
    const attrs = (capacity: number, occupancy = 0) => ({ shelterClass: 'III', indoor: false, capacity, occupancy });
    const tag = Date.now().toString(36);
    const name = (s: string) => `门户测试${s}${tag}`;
    await fixtureResource(t, 'qz', 'shelter', { name: name('乙'), location: at(0.002), attrs: attrs(300, 300), address: '乙地址' });
    await fixtureResource(t, 'qz', 'shelter', { name: name('甲'), location: at(0.001), attrs: attrs(800), address: '丰泽区东湖街 1 号' });
    await fixtureResource(t, 'qz', 'shelter', { name: name('丙'), location: at(0.0015), status: 'full', attrs: attrs(200, 10) });
    await fixtureResource(t, 'qz', 'shelter', { name: name('关'), location: at(0.0005), status: 'closed', attrs: attrs(900) });
    const archived = await fixtureResource(t, 'qz', 'shelter', { name: name('档'), location: at(0.0003), attrs: attrs(900) });
    await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) => archiveResource(ctx, 'shelter', archived, { reason: '拆除' }));

    const r = await anon.get(`/public/shelters/nearby?lng=${base.lng}&lat=${base.lat}&radiusKm=0.5&limit=20`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{ center: Json; radiusKm: number; items: Json[] }>();
    expect(body.center).toEqual({ lng: base.lng, lat: base.lat });
    const distances = body.items.map((s) => s.distanceM);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const s of body.items) {
      expect(Object.keys(s).sort()).toEqual(PUBLIC_FIELDS);
      expect(s.distanceM).toBeLessThanOrEqual(500);
    }
    const mine = body.items.filter((s) => s.name.endsWith(tag));
    expect(mine.map((s) => [s.name, s.status])).toEqual([
      [name('甲'), 'open'],
      [name('丙'), 'full'],
      [name('乙'), 'full'],
    ]);
    expect(mine[0]).toMatchObject({ address: '丰泽区东湖街 1 号', capacity: 800 });
    expect(mine[0]!.distanceM).toBeGreaterThan(100);
    expect(mine[0]!.distanceM).toBeLessThan(120);

    // `limit` caps the list and keeps the nearest.
    const one = await anon.get(`/public/shelters/nearby?lng=${base.lng}&lat=${base.lat}&radiusKm=0.5&limit=1`);
    expect(one.json<{ items: Json[] }>().items).toEqual([body.items[0]]);
  });

  it('refuses bad coordinates and limits as 400 problems naming the field, in Chinese', async () => {
    const cases: [string, string][] = [
      ['lng=200&lat=24.9', 'lng'],
      ['lng=118.6&lat=-91', 'lat'],
      ['lng=abc&lat=24.9', 'lng'],
      ['lng=118.6', 'lat'],
      ['lng=118.6&lat=24.9&limit=0', 'limit'],
      ['lng=118.6&lat=24.9&limit=50', 'limit'],
      ['lng=118.6&lat=24.9&radiusKm=500', 'radiusKm'],
      ['lng=118.6&lat=24.9&org=qz', 'org'],
    ];
    for (const [qs, field] of cases) {
      const r = await anon.get(`/public/shelters/nearby?${qs}`);
      expect(r.statusCode, qs).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const p = r.json<{ code: string; errors: { field: string; message: string }[] }>();
      expect(p.code).toBe('VALIDATION');
      expect(
        p.errors.map((e) => e.field),
        qs,
      ).toContain(field);
      expect(p.errors.find((e) => e.field === field)!.message, qs).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('the internet profile', () => {
  let t: TestApp;
  let anon: Client;
  const get = (url: string, ip = '10.0.0.1') => t.request({ method: 'GET', url, remoteAddress: ip });

  beforeAll(async () => {
    t = await startTestApp({
      env: { VIGIL_PROFILE: 'internet', PUBLIC_RATE_LIMIT_PER_MINUTE: '20', PORTAL_BUREAU_NAME: '泉州市应急管理局' },
    });
    anon = t.anonymous();
  });
  afterAll(async () => t?.close());

  it('mounts no signed-in API: login, the session and every module route are 404', async () => {
    for (const url of [
      '/api/v1/orgs',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/warnings',
      '/api/v1/incidents',
      '/api/v1/regions',
      '/api/v1/resources/shelter',
    ]) {
      const r = await anon.get(url);
      expect(r.statusCode, url).toBe(404);
    }
    const login = await anon.post('/api/v1/auth/login', { username: 'analyst', password: 'whatever-it-is' });
    expect(login.statusCode).toBe(404);
  });

  it('still tells the web app its profile and the bureau before any login', async () => {
    const r = await anon.get('/api/v1/client-config');
    expect(r.statusCode).toBe(200);
    expect(r.json<Json>()).toMatchObject({ profile: 'internet', bureau: '泉州市应急管理局' });
  });

  it('serves the public routes: warnings, areas, boundaries and nearby shelters', async () => {
    const list = await anon.get('/public/warnings');
    expect(list.statusCode).toBe(200);
    expect(Array.isArray(list.json<Json>().items)).toBe(true);
    expect((await anon.get('/public/warnings.geojson')).statusCode).toBe(200);
    expect((await anon.get('/public/warnings.atom')).statusCode).toBe(200);
    const counties = await anon.get('/public/boundaries?level=county');
    expect(counties.json<Json>().features.length).toBe((await countyCodes(t)).length);

    const { lng, lat } = QZ_POINTS.jinjiang;
    const near = await anon.get(`/public/shelters/nearby?lng=${lng}&lat=${lat}&radiusKm=30`);
    expect(near.statusCode, near.body).toBe(200);
    const items = near.json<{ items: Json[] }>().items;
    // Demo shelters are seeded in every county.
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((s) => s.status === 'open' || s.status === 'full')).toBe(true);
  });

  it('rate-limits the public routes per client address with a 429 problem', async () => {
    const url = '/public/shelters/nearby?lng=118.6&lat=24.9&radiusKm=1';
    for (let i = 0; i < 20; i++) expect((await get(url, '10.7.7.7')).statusCode).toBe(200);
    const limited = await get(url, '10.7.7.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    // Another address is not affected.
    expect((await get(url, '10.7.7.8')).statusCode).toBe(200);
  });
});

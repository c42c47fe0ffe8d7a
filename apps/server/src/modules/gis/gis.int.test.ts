import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { fixtureIncident } from '../incidents/incidents.test-support.js';
import { clearResources, fetchTile, insertMany, insertResource, insertStock } from './gis.test-support.js';
import { tileFor } from './tile-math.js';

let t: TestApp;
let duty: Client;
let jinjiang: Client;
let enterprise: Client;

/** Points in Jinjiang and Fengze (WGS84). */
const JJ = { lng: 118.5775, lat: 24.7863 };
const FZ = { lng: 118.7327, lat: 25.0229 };
/** About `km` kilometres east of a point at this latitude. */
const east = (p: { lng: number; lat: number }, km: number) => ({ lng: p.lng + km / 101.1, lat: p.lat });
const QUANZHOU_BBOX: [number, number, number, number] = [118.3, 24.6, 118.9, 25.2];

const ids: Record<string, string> = {};
const sqlPoint = (p: { lng: number; lat: number }) => sql`ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326)`;

beforeAll(async () => {
  t = await startTestApp();
  [duty, jinjiang, enterprise] = [await t.login('duty'), await t.login('duty-jinjiang'), await t.login('enterprise')];
  const db = t.platform.db;
  await clearResources(db);
  const add = async (key: string, r: Parameters<typeof insertResource>[1]) => (ids[key] = await insertResource(db, r));
  await add('jjTeam', { kind: 'team', org: 'qz_jinjiang', name: '晋江消防救援大队', externalCode: 'GIS-JJ-T1', typeCode: '42E01', ...JJ });
  await add('jjTeam2', { kind: 'team', org: 'qz_jinjiang', name: '晋江蓝天救援队', externalCode: 'GIS-JJ-T2', ...east(JJ, 2) });
  await add('jjTeamResting', { kind: 'team', org: 'qz_jinjiang', name: '晋江休整队', status: 'resting', ...east(JJ, 1) });
  await add('jjTeamArchived', { kind: 'team', org: 'qz_jinjiang', name: '晋江已归档队', archived: true, ...east(JJ, 0.5) });
  await add('fzTeam', { kind: 'team', org: 'qz_fengze', name: '丰泽应急救援队', externalCode: 'GIS-FZ-T1', ...FZ });
  await add('fzTeamNearJJ', { kind: 'team', org: 'qz_fengze', name: '丰泽驻晋江分队', ...east(JJ, 1.5) });

  await add('whStocked', { kind: 'warehouse', org: 'qz_jinjiang', name: '晋江物资库', status: 'active', ...east(JJ, 3) });
  await add('whEmpty', { kind: 'warehouse', org: 'qz_jinjiang', name: '晋江空库', status: 'active', ...east(JJ, 1) });
  await insertStock(db, ids.whStocked!, '43B01', 10);
  await insertStock(db, ids.whStocked!, '43B01', 5);
  await insertStock(db, ids.whEmpty!, '43B01', 0);
  await insertStock(db, ids.whEmpty!, '43C02', 8);

  const shelter = (capacity: number, occupancy: number) => ({ shelterClass: 'II', indoor: true, capacity, occupancy });
  await add('shelterFree', {
    kind: 'shelter',
    org: 'qz_jinjiang',
    name: '晋江体育馆',
    status: 'open',
    attrs: shelter(500, 120),
    ...east(JJ, 4),
  });
  await add('shelterFull', {
    kind: 'shelter',
    org: 'qz_jinjiang',
    name: '晋江一中',
    status: 'open',
    attrs: shelter(300, 300),
    ...east(JJ, 1),
  });
  await add('shelterClosed', {
    kind: 'shelter',
    org: 'qz_jinjiang',
    name: '晋江公园',
    status: 'closed',
    attrs: shelter(800, 0),
    ...east(JJ, 1),
  });

  const expert = (specialties: string[]) => ({ specialties, title: '高级工程师' });
  await add('expertFlood', { kind: 'expert', org: 'qz_jinjiang', name: '王防汛', attrs: expert(['11A01']), ...east(JJ, 2) });
  await add('expertFire', { kind: 'expert', org: 'qz_jinjiang', name: '李消防', attrs: expert(['12G03']), ...east(JJ, 1) });

  // A dense layer for clustering: 300 protected targets of Jinjiang spread over the city.
  await insertMany(db, { kind: 'target', org: 'qz_jinjiang', count: 300, bbox: QUANZHOU_BBOX, prefix: 'GIS-TGT' });
});
afterAll(async () => t?.close());

/** Every tile at zoom z over the Quanzhou box. */
function tilesOverCity(z: number) {
  const nw = tileFor(QUANZHOU_BBOX[0], QUANZHOU_BBOX[3], z);
  const se = tileFor(QUANZHOU_BBOX[2], QUANZHOU_BBOX[1], z);
  const out: { z: number; x: number; y: number }[] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push({ z, x, y });
  return out;
}

async function featuresOverCity(c: Client, layer: string, z: number) {
  const all = [];
  for (const tile of tilesOverCity(z)) all.push(...(await fetchTile(c, layer, tile.z, tile.x, tile.y)).features);
  return all;
}

describe('layer catalogue', () => {
  it('lists every resource layer with legend, tile URL and the count the user may see', async () => {
    const r = await duty.get('/api/v1/map/layers');
    expect(r.statusCode).toBe(200);
    const layers = r.json();
    // The resource layers, then the monitoring module's layers.
    expect(layers.map((l: { id: string }) => l.id)).toEqual([
      'team',
      'expert',
      'warehouse',
      'shelter',
      'equipment',
      'hazard',
      'target',
      'device',
      'installation',
    ]);
    const team = layers[0];
    expect(team).toMatchObject({
      name: '救援队伍',
      nameEn: 'Rescue teams',
      icon: 'team',
      tiles: '/api/v1/tiles/team/{z}/{x}/{y}.mvt',
      count: 5,
    });
    expect(team.statuses.available).toEqual({ label: '待命', color: '#52c41a' });
    expect(team.statuses.on_mission.label).toBe('执行任务');

    const county = (await jinjiang.get('/api/v1/map/layers')).json();
    expect(county.find((l: { id: string }) => l.id === 'team').count).toBe(3);
    expect(county.find((l: { id: string }) => l.id === 'target').count).toBe(300);
  });

  it('shows no resource layer to a user who may not read resources', async () => {
    const r = await enterprise.get('/api/v1/map/layers');
    expect(r.statusCode).toBe(200);
    // Only the monitoring layers the enterprise's safety officer may see (monitoring.read).
    expect(r.json().map((l: { id: string }) => l.id)).toEqual(['device', 'installation']);
  });
});

describe('vector tiles', () => {
  it('serves individual features with their properties at street zoom', async () => {
    const tile = tileFor(JJ.lng, JJ.lat, 14);
    const r = await duty.get(`/api/v1/tiles/team/14/${tile.x}/${tile.y}.mvt`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(r.headers['cache-control']).toContain('private');
    const { features } = await fetchTile(duty, 'team', 14, tile.x, tile.y);
    const team = features.find((f) => f.properties.id === ids.jjTeam);
    expect(team).toMatchObject({
      type: 1,
      properties: { name: '晋江消防救援大队', status: 'available', type_code: '42E01', kind: 'team', cluster: false },
    });
    expect(team!.points[0]![0]).toBeGreaterThanOrEqual(0);
    expect(team!.points[0]![0]).toBeLessThan(4096);
    expect(features.some((f) => f.properties.id === ids.jjTeamArchived)).toBe(false);
  });

  it('gives a county user tiles without any other county’s feature', async () => {
    const near = tileFor(JJ.lng, JJ.lat, 12);
    const county = await fetchTile(jinjiang, 'team', 12, near.x, near.y);
    const city = await fetchTile(duty, 'team', 12, near.x, near.y);
    expect(city.features.map((f) => f.properties.id)).toContain(ids.fzTeamNearJJ);
    expect(county.features.map((f) => f.properties.id)).not.toContain(ids.fzTeamNearJJ);
    expect(county.features.map((f) => f.properties.id)).toContain(ids.jjTeam);

    const fz = tileFor(FZ.lng, FZ.lat, 14);
    expect((await fetchTile(duty, 'team', 14, fz.x, fz.y)).features.map((f) => f.properties.id)).toContain(ids.fzTeam);
    expect(await fetchTile(jinjiang, 'team', 14, fz.x, fz.y)).toEqual({ status: 204, features: [] });

    // Clusters too: the county's whole-city view counts only its own teams (3, archived left out).
    const clustered = await featuresOverCity(jinjiang, 'team', 8);
    expect(clustered.reduce((n, f) => n + Number(f.properties.count), 0)).toBe(3);
  });

  it('clusters at low zoom with counts that add up to every feature exactly once', async () => {
    for (const z of [8, 10]) {
      const features = await featuresOverCity(duty, 'target', z);
      expect(features.reduce((n, f) => n + Number(f.properties.count), 0)).toBe(300);
      const clusters = features.filter((f) => f.properties.cluster === true);
      expect(clusters.length).toBeGreaterThan(0);
      expect(clusters.every((c) => Number(c.properties.count) > 1 && c.properties.id === undefined)).toBe(true);
    }
    // At z 8 the city fits in a couple of tiles: far fewer points than features.
    expect((await featuresOverCity(duty, 'target', 8)).length).toBeLessThan(300);
    // From zoom 11 on, every feature is itself.
    const z12 = await featuresOverCity(duty, 'target', 12);
    expect(z12).toHaveLength(300);
    expect(z12.every((f) => f.properties.cluster === false && typeof f.properties.id === 'string')).toBe(true);
  });

  it('refuses impossible tile addresses with a 400 naming the part', async () => {
    const field = async (url: string) => {
      const r = await duty.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      return r.json().errors[0].field;
    };
    expect(await field('/api/v1/tiles/team/23/0/0.mvt')).toBe('z');
    expect(await field('/api/v1/tiles/team/3/8/0.mvt')).toBe('x');
    expect(await field('/api/v1/tiles/team/3/0/8.mvt')).toBe('y');
    expect(await field('/api/v1/tiles/team/3/0/-1.mvt')).toBe('y');
    expect(await field('/api/v1/tiles/team/3/a/0.mvt')).toBe('x');
    expect(await field('/api/v1/tiles/teams/3/0/0.mvt')).toBe('layer');
  });
});

describe('search', () => {
  it('finds resources by name and by external code, the exact code first', async () => {
    const byName = (await duty.get(`/api/v1/map/search?q=${encodeURIComponent('消防救援')}`)).json();
    expect(byName[0]).toMatchObject({ kind: 'resource', layer: 'team', id: ids.jjTeam, title: '晋江消防救援大队' });
    expect(byName[0].location.lng).toBeCloseTo(JJ.lng, 6);
    const byCode = (await duty.get('/api/v1/map/search?q=gis-jj-t2')).json();
    expect(byCode[0]).toMatchObject({ id: ids.jjTeam2, subtitle: expect.stringContaining('GIS-JJ-T2') });
  });

  it('finds counties by name', async () => {
    const r = (await duty.get(`/api/v1/map/search?q=${encodeURIComponent('晋江')}`)).json();
    const region = r.find((h: { kind: string }) => h.kind === 'region');
    expect(region).toMatchObject({ id: '350582', title: '晋江市' });
  });

  it('reads typed coordinates, detects a swapped pair and converts GCJ-02', async () => {
    const plain = (await duty.get('/api/v1/map/search?q=118.5775,24.7863')).json();
    expect(plain).toEqual([expect.objectContaining({ kind: 'coordinate', location: { lng: 118.5775, lat: 24.7863 } })]);
    expect(plain[0].subtitle).toContain('晋江市');
    const swapped = (await duty.get('/api/v1/map/search?q=24.7863,118.5775')).json();
    expect(swapped[0].location).toEqual({ lng: 118.5775, lat: 24.7863 });
    expect(swapped[0].subtitle).toContain('纬度');
    const gcj = (await duty.get(`/api/v1/map/search?q=${encodeURIComponent('118.5825,24.7838 gcj02')}`)).json();
    expect(gcj[0].location.lng).toBeLessThan(118.5825);
    expect(gcj[0].subtitle).toContain('GCJ-02');
  });

  it('never shows another county’s resources', async () => {
    const r = (await jinjiang.get(`/api/v1/map/search?q=${encodeURIComponent('丰泽')}`)).json();
    expect(r.filter((h: { kind: string }) => h.kind === 'resource')).toEqual([]);
    const city = (await duty.get(`/api/v1/map/search?q=${encodeURIComponent('丰泽')}`)).json();
    expect(city.some((h: { id: string }) => h.id === ids.fzTeam)).toBe(true);
  });
});

describe('spatial query', () => {
  const circle = (radiusM: number) => ({ type: 'circle', center: { ...JJ, crs: 'wgs84' }, radiusM });

  it('lists what lies in a circle per layer, nearest first, with totals beyond the limit', async () => {
    const r = await jinjiang.post('/api/v1/map/spatial-query', { shape: circle(2500), layers: ['team', 'shelter'] });
    expect(r.statusCode, r.body).toBe(200);
    const [teams, shelters] = r.json().layers;
    expect(teams.layer).toBe('team');
    expect(teams.items.map((i: { id: string }) => i.id)).toEqual([ids.jjTeam, ids.jjTeamResting, ids.jjTeam2]);
    expect(teams.items[0].distanceM).toBe(0);
    expect(teams.items[2].distanceM).toBeGreaterThan(1900);
    expect(teams.items[2].distanceM).toBeLessThan(2100);
    expect(teams.total).toBe(3);
    expect(shelters.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.shelterFull, ids.shelterClosed].sort());

    const limited = (await jinjiang.post('/api/v1/map/spatial-query', { shape: circle(2500), layers: ['team'], limitPerLayer: 1 })).json();
    expect(limited.layers[0]).toMatchObject({ total: 3, items: [expect.objectContaining({ id: ids.jjTeam })] });
  });

  it('lists what lies in a polygon and refuses an invalid one naming the field', async () => {
    const d = 0.03;
    const square = [
      [JJ.lng - d, JJ.lat - d],
      [JJ.lng + d, JJ.lat - d],
      [JJ.lng + d, JJ.lat + d],
      [JJ.lng - d, JJ.lat + d],
      [JJ.lng - d, JJ.lat - d],
    ];
    const r = await duty.post('/api/v1/map/spatial-query', { shape: { type: 'polygon', coordinates: square }, layers: ['team'] });
    expect(r.statusCode, r.body).toBe(200);
    const teamIds = r.json().layers[0].items.map((i: { id: string; distanceM: unknown }) => i.id);
    expect(teamIds).toEqual(expect.arrayContaining([ids.jjTeam, ids.jjTeam2, ids.fzTeamNearJJ]));
    expect(teamIds).not.toContain(ids.fzTeam);
    // A circle's answer (built by the database as JSON) describes a feature exactly as a polygon's does.
    const inCircle = (await duty.post('/api/v1/map/spatial-query', { shape: circle(2500), layers: ['team'] })).json().layers[0].items;
    const byId = (items: { id: string; distanceM: number | null }[]) => items.find((i) => i.id === ids.jjTeam2)!;
    const fromPolygon = byId(r.json().layers[0].items);
    expect(fromPolygon.distanceM).toBeNull();
    expect(byId(inCircle)).toEqual({ ...fromPolygon, distanceM: byId(inCircle).distanceM });
    expect(Object.keys(byId(inCircle))).toEqual(Object.keys(fromPolygon));

    const bowtie = [square[0], square[2], square[1], square[3], square[0]];
    for (const coordinates of [bowtie, square.slice(0, 4).concat([[JJ.lng, JJ.lat + 0.1]])]) {
      const bad = await duty.post('/api/v1/map/spatial-query', { shape: { type: 'polygon', coordinates }, layers: ['team'] });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().errors[0].field).toBe('shape.coordinates');
    }
    const swapped = await duty.post('/api/v1/map/spatial-query', { shape: { ...circle(1000), center: { lng: JJ.lat, lat: JJ.lng } } });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().errors[0].field).toBe('shape.center.lat');
  });

  it('exports the result as a workbook, one sheet per layer, and audits the export', async () => {
    const r = await jinjiang.post('/api/v1/map/spatial-query', { shape: circle(2500), layers: ['team', 'shelter'], format: 'xlsx' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['救援队伍', '避难场所']);
    const teams = wb.getWorksheet('救援队伍')!;
    expect(teams.getRow(1).getCell(1).value).toBe('名称');
    expect(teams.getRow(2).getCell(1).value).toBe('晋江消防救援大队');
    expect(teams.getRow(2).getCell(3).value).toBe('待命');
    expect(teams.rowCount).toBe(4);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['actor_name', 'after'])
      .where('action', '=', 'map.exported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('duty-jinjiang');
  });
});

describe('around here', () => {
  const around = (c: Client, q: string) => c.get(`/api/v1/map/around?${q}`);

  it('finds teams standing by, stocked warehouses, shelters with room and experts by specialty, nearest first', async () => {
    const r = await around(jinjiang, `lng=${JJ.lng}&lat=${JJ.lat}&radiusKm=5&material=43B01&specialty=11A01`);
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a.center).toEqual(JJ);
    expect(a.teams.map((x: { id: string }) => x.id)).toEqual([ids.jjTeam, ids.jjTeam2]);
    expect(a.warehouses).toEqual([expect.objectContaining({ id: ids.whStocked, materialQuantity: 15 })]);
    expect(a.shelters).toEqual([expect.objectContaining({ id: ids.shelterFree, freeCapacity: 380 })]);
    expect(a.experts).toEqual([expect.objectContaining({ id: ids.expertFlood })]);
    expect(a.teams[1].distanceM).toBeGreaterThan(a.teams[0].distanceM);
  });

  it('keeps to the radius and the limit, and lists every warehouse in use without a material', async () => {
    const a = (await around(jinjiang, `lng=${JJ.lng}&lat=${JJ.lat}&radiusKm=1.2&limit=1`)).json();
    expect(a.teams.map((x: { id: string }) => x.id)).toEqual([ids.jjTeam]);
    expect(a.warehouses).toEqual([expect.objectContaining({ id: ids.whEmpty, materialQuantity: null })]);
    expect(a.experts.map((x: { id: string }) => x.id)).toEqual([ids.expertFire]);
  });

  it('never returns resources outside the user’s scope', async () => {
    const county = (await around(jinjiang, `lng=${JJ.lng}&lat=${JJ.lat}&radiusKm=100&limit=100`)).json();
    expect(county.teams.map((x: { id: string }) => x.id)).not.toContain(ids.fzTeamNearJJ);
    expect(county.teams.map((x: { id: string }) => x.id)).not.toContain(ids.fzTeam);
    const city = (await around(duty, `lng=${JJ.lng}&lat=${JJ.lat}&radiusKm=100&limit=100`)).json();
    expect(city.teams.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([ids.fzTeamNearJJ, ids.fzTeam]));
  });

  it('starts from an incident’s location; another county’s incident is a 404', async () => {
    const mine = await fixtureIncident(t, 'qz_jinjiang');
    await t.platform.db
      .updateTable('incident')
      .set({ location: sqlPoint(east(JJ, 2)) })
      .where('id', '=', mine)
      .execute();
    const a = await around(jinjiang, `incidentId=${mine}&radiusKm=1`);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().teams.map((x: { id: string }) => x.id)).toEqual([ids.jjTeam2]);

    const theirs = await fixtureIncident(t, 'qz_fengze');
    expect((await around(jinjiang, `incidentId=${theirs}`)).statusCode).toBe(404);
    const unlocated = await around(duty, `incidentId=${theirs}`);
    expect(unlocated.statusCode).toBe(400);
    expect(unlocated.json().errors[0].field).toBe('incidentId');
  });

  it('asks for a point or an incident and spots a swapped pair', async () => {
    const none = await around(duty, 'radiusKm=5');
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('lng');
    const swapped = await around(duty, `lng=${JJ.lat}&lat=${JJ.lng}`);
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().errors[0].field).toBe('lat');
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { clearResources, insertResource, insertStock } from '../gis/gis.test-support.js';
import { fixturePlan, type Json } from '../plans/plans.test-support.js';
import { fixtureResponse } from './command.test-support.js';

let t: TestApp;
let commander: Client;
let jinjiang: Client;
let fx: { incident: string; response: string; task: string };
const ids: Record<string, string> = {};

/** An incident (event 11B01) at 118.60, 24.90 with a level IV response following a plan that needs material 4301. */
beforeAll(async () => {
  t = await startTestApp();
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
  const db = t.platform.db;
  await clearResources(db);
  fx = await fixtureResponse(t, 'qz_fengze');
  await sql`UPDATE incident SET location = ST_SetSRID(ST_MakePoint(118.60, 24.90), 4326) WHERE id = ${fx.incident}`.execute(db);
  const plan = await fixturePlan(t, 'qz_fengze');
  const levels = [
    {
      level: 'IV',
      start: {},
      tasks: [
        { title: '物资保障', action: '调运帐篷', deadlineMinutes: 60, resources: [{ kind: 'supply', code: '4301' }, { kind: 'team' }] },
      ],
    },
  ];
  await sql`UPDATE plan SET levels = ${JSON.stringify(levels)}::jsonb, status = 'active' WHERE id = ${plan}`.execute(db);
  await sql`UPDATE command_response SET plan_id = ${plan}, plan_name = '测试预案' WHERE id = ${fx.response}`.execute(db);

  const at = (name: string, lat: number, o: Partial<Parameters<typeof insertResource>[1]> = {}) =>
    insertResource(db, { kind: 'team', org: 'qz_fengze', name, lng: 118.6, lat, ...o }).then((id) => (ids[name] = id));
  await at('近队', 24.91);
  await at('远队', 24.95);
  await at('出勤队', 24.905, { status: 'on_mission' });
  await at('归档队', 24.901, { archived: true });
  await at('域外队', 25.3);
  await at('有料库', 24.92, { kind: 'warehouse', status: 'active' });
  await at('缺料库', 24.902, { kind: 'warehouse', status: 'active' });
  await insertStock(db, ids['有料库']!, '430101', 12);
  await insertStock(db, ids['缺料库']!, '439901', 50);
  await at('空余场所', 24.93, { kind: 'shelter', status: 'open', attrs: { capacity: 100, occupancy: 40 } });
  await at('满员场所', 24.903, { kind: 'shelter', status: 'open', attrs: { capacity: 50, occupancy: 50 } });
  await at('对口专家', 24.94, { kind: 'expert', attrs: { specialties: ['11B01'] } });
  await at('他行专家', 24.904, { kind: 'expert', attrs: { specialties: ['12G03'] } });
});
afterAll(async () => t?.close());

async function suggestions(c: Client = commander, query = ''): Promise<Json> {
  const r = await c.get(`/api/v1/responses/${fx.response}/suggestions${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('dispatch suggestions (周边资源建议)', () => {
  it('lists teams standing by within the radius, nearest first: on-mission, archived and distant teams left out', async () => {
    const s = await suggestions();
    expect(s).toMatchObject({ centerSource: 'incident', center: { lng: 118.6, lat: 24.9 }, radiusKm: 20, eventType: '11B01' });
    expect(s.teams.map((x: Json) => x.name)).toEqual(['近队', '远队']);
    expect(s.teams[0]).toMatchObject({ kind: 'team', id: ids['近队'], status: 'available' });
    expect(s.teams[0].distanceM).toBeGreaterThan(1000);
    expect(s.teams[0].distanceM).toBeLessThan(1200);
    expect(s.teams[0].distanceM).toBeLessThan(s.teams[1].distanceM);
    // A wider radius brings the distant team in, still after the nearer ones.
    expect((await suggestions(commander, '?radiusKm=60')).teams.map((x: Json) => x.name)).toEqual(['近队', '远队', '域外队']);
  });

  it('suggests warehouses holding the plan’s materials, shelters with room and experts of the event type', async () => {
    const s = await suggestions();
    expect(s.materialCodes).toEqual(['4301']);
    expect(s.warehouses).toEqual([expect.objectContaining({ name: '有料库', detail: '4301', quantity: 12 })]);
    expect(s.shelters).toEqual([expect.objectContaining({ name: '空余场所', quantity: 60 })]);
    expect(s.experts).toEqual([expect.objectContaining({ name: '对口专家', detail: '11B01' })]);
  });

  it('centres on the command post when it has a location', async () => {
    await sql`UPDATE command_response SET post_lng = 118.60, post_lat = 24.95 WHERE id = ${fx.response}`.execute(t.platform.db);
    try {
      const s = await suggestions();
      expect(s).toMatchObject({ centerSource: 'post', center: { lng: 118.6, lat: 24.95 } });
      expect(s.teams.map((x: Json) => x.name)).toEqual(['远队', '近队']);
      expect(s.teams[0].distanceM).toBeLessThan(50);
    } finally {
      await sql`UPDATE command_response SET post_lng = NULL, post_lat = NULL WHERE id = ${fx.response}`.execute(t.platform.db);
    }
  });

  it('is a 404 outside the actor’s command scope and refuses a bad radius', async () => {
    expect((await jinjiang.get(`/api/v1/responses/${fx.response}/suggestions`)).statusCode).toBe(404);
    expect((await commander.get(`/api/v1/responses/${fx.response}/suggestions?radiusKm=500`)).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: `/api/v1/responses/${fx.response}/suggestions` })).statusCode).toBe(401);
  });

  it('lists the active responses the actor sees for the map’s dispatch list', async () => {
    const mine = (await commander.get('/api/v1/responses/active')).json().items as Json[];
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ id: fx.response, incidentId: fx.incident, level: 'IV' })]));
    const theirs = (await jinjiang.get('/api/v1/responses/active')).json().items as Json[];
    expect(theirs.some((r) => r.id === fx.response)).toBe(false);
  });
});

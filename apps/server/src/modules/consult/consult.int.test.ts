import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { fixtureIncident } from '../incidents/incidents.test-support.js';
import { fixtureResource } from '../resources/resources.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';

let t: TestApp;
let commander: Client;
let reader: Client;
let jinjiang: Client;
let readerId: string;

const userId = async (username: string) =>
  (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const outbox = async (name: string) =>
  (await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute()).map((r) => ({
    topic: r.topic,
    payload: r.payload as Record<string, unknown>,
  }));
const SQUARE = [
  [
    [118.6, 24.9],
    [118.61, 24.9],
    [118.61, 24.91],
    [118.6, 24.9],
  ],
];

beforeAll(async () => {
  t = await startTestApp();
  commander = await t.login('commander');
  reader = await userWithPermissions(t, 'cs-reader', ['incident.read', 'command.read']);
  jinjiang = await userWithPermissions(t, 'cs-jinjiang', ['incident.read', 'command.read', 'command.dispatch'], 'qz_jinjiang');
  readerId = await userId('cs-reader');
});
afterAll(async () => t?.close());

describe('consultation room', () => {
  it('posts a message: stored newest first, pushed on the consult topic, mentioned user notified, audited', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const first = await commander.post(`/api/v1/incidents/${incident}/consult/messages`, { body: '第一条' });
    expect(first.statusCode).toBe(201);
    const r = await commander.post(`/api/v1/incidents/${incident}/consult/messages`, {
      body: '请核实水位 @cs-reader',
      mentions: [readerId],
    });
    expect(r.statusCode).toBe(201);
    const msg = r.json();
    expect(msg).toMatchObject({ body: '请核实水位 @cs-reader', mentions: [{ userId: readerId }] });

    const events = (await outbox('consult.message_posted')).filter((e) => e.payload.incidentId === incident);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ topic: 'consult', payload: { message: { id: msg.id } } });

    const notes = await t.platform.db.selectFrom('notification').selectAll().where('user_id', '=', readerId).execute();
    expect(notes.some((n) => n.link === `/incidents/${incident}?tab=consult`)).toBe(true);
    expect(await auditRows(t, 'consult.message_posted', incident)).toHaveLength(2);

    const page1 = (await reader.get(`/api/v1/incidents/${incident}/consult/messages?limit=1`)).json();
    expect(page1.items.map((m: { body: string }) => m.body)).toEqual(['请核实水位 @cs-reader']);
    const page2 = (await reader.get(`/api/v1/incidents/${incident}/consult/messages?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((m: { body: string }) => m.body)).toEqual(['第一条']);
    expect(page2.nextCursor).toBeNull();
  });

  it('refuses an empty or too long message and an unknown mention with a 400 naming the field', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const empty = await commander.post(`/api/v1/incidents/${incident}/consult/messages`, { body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json())).toContain('body');
    expect((await commander.post(`/api/v1/incidents/${incident}/consult/messages`, { body: 'x'.repeat(4001) })).statusCode).toBe(400);
    const ghost = await commander.post(`/api/v1/incidents/${incident}/consult/messages`, {
      body: 'hi',
      mentions: ['01970000-0000-7000-8000-000000000000'],
    });
    expect(ghost.statusCode).toBe(400);
    expect(JSON.stringify(ghost.json())).toContain('mentions');
  });

  it('records a decision on the incident timeline, pushed live; a reader may not decide', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await commander.post(`/api/v1/incidents/${incident}/consult/decisions`, { summary: '立即转移低洼地区群众' });
    expect(r.statusCode).toBe(201);
    const timeline = await t.platform.db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incident).execute();
    expect(timeline.map((e) => e.summary)).toContain('会商结论：立即转移低洼地区群众');
    expect((await outbox('consult.decision_recorded')).some((e) => e.payload.incidentId === incident)).toBe(true);
    expect((await commander.get(`/api/v1/incidents/${incident}/consult/decisions`)).json().items[0].summary).toBe('立即转移低洼地区群众');
    expect((await reader.post(`/api/v1/incidents/${incident}/consult/decisions`, { summary: '不行' })).statusCode).toBe(403);
  });

  it('adds staff and experts as participants once, and removes them', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const expert = await fixtureResource(t, 'qz_fengze', 'expert');
    const url = `/api/v1/incidents/${incident}/consult/participants`;
    expect((await commander.post(url, { kind: 'user', refId: readerId })).statusCode).toBe(200);
    await commander.post(url, { kind: 'user', refId: readerId });
    const list = (await commander.post(url, { kind: 'expert', refId: expert })).json().items;
    expect(list.map((p: { kind: string }) => p.kind)).toEqual(['user', 'expert']);
    const notExpert = await commander.post(url, { kind: 'expert', refId: readerId });
    expect(notExpert.statusCode).toBe(400);
    const after = (await commander.delete(`${url}/${list[0].id}`)).json().items;
    expect(after).toHaveLength(1);
  });

  it('hides another county’s room: 404 for a user of Jinjiang', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    expect((await jinjiang.get(`/api/v1/incidents/${incident}/consult/messages`)).statusCode).toBe(404);
    expect((await jinjiang.post(`/api/v1/incidents/${incident}/consult/messages`, { body: 'hi' })).statusCode).toBe(404);
    expect((await jinjiang.get(`/api/v1/incidents/${incident}/plot`)).statusCode).toBe(404);
  });
});

describe('collaborative plotting', () => {
  it('creates, updates with version and deletes features; the layer is GeoJSON and every change is pushed', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const base = `/api/v1/incidents/${incident}/plot`;
    const created = await commander.post(`${base}/features`, {
      symbol: 'danger_zone',
      label: '塌方区',
      geometry: { type: 'Polygon', coordinates: SQUARE },
    });
    expect(created.statusCode).toBe(201);
    const f = created.json();
    expect(f).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Polygon' },
      properties: { symbol: 'danger_zone', label: '塌方区', colour: '#e53935', version: 1 },
    });
    await commander.post(`${base}/features`, { symbol: 'command_post', geometry: { type: 'Point', coordinates: [118.6, 24.9] } });

    const layer = (await reader.get(base)).json();
    expect(layer.type).toBe('FeatureCollection');
    expect(layer.features).toHaveLength(2);

    const upd = await commander.patch(`${base}/features/${f.id}`, { version: 1, label: '塌方危险区', colour: '#000000' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().properties).toMatchObject({ label: '塌方危险区', colour: '#000000', version: 2 });

    const stale = await commander.patch(`${base}/features/${f.id}`, { version: 1, label: '旧版本' });
    expect(stale.statusCode).toBe(409);
    expect((await commander.delete(`${base}/features/${f.id}?version=1`)).statusCode).toBe(409);

    expect((await commander.delete(`${base}/features/${f.id}?version=2`)).statusCode).toBe(204);
    expect((await reader.get(base)).json().features).toHaveLength(1);

    for (const name of ['consult.feature_created', 'consult.feature_updated', 'consult.feature_deleted'])
      expect((await outbox(name)).filter((e) => e.payload.incidentId === incident && e.topic === 'consult').length).toBeGreaterThan(0);
    expect(await auditRows(t, 'consult.feature_deleted', f.id)).toHaveLength(1);
    expect(
      (await reader.post(`${base}/features`, { symbol: 'helipad', geometry: { type: 'Point', coordinates: [118.6, 24.9] } })).statusCode,
    ).toBe(403);
  });

  it.each([
    [
      'an open ring',
      {
        symbol: 'danger_zone',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [118.6, 24.9],
              [118.61, 24.9],
              [118.61, 24.91],
              [118.62, 24.92],
            ],
          ],
        },
      },
    ],
    ['a point outside China', { symbol: 'helipad', geometry: { type: 'Point', coordinates: [2.35, 48.85] } }],
    [
      'too many vertices',
      {
        symbol: 'evacuation_route',
        geometry: { type: 'LineString', coordinates: Array.from({ length: 5001 }, (_, i) => [118 + i / 10000, 24.9]) },
      },
    ],
    ['an unknown symbol', { symbol: 'ufo', geometry: { type: 'Point', coordinates: [118.6, 24.9] } }],
    ['a symbol drawn as the wrong geometry', { symbol: 'evacuation_route', geometry: { type: 'Point', coordinates: [118.6, 24.9] } }],
    ['a bad colour', { symbol: 'helipad', colour: 'red', geometry: { type: 'Point', coordinates: [118.6, 24.9] } }],
  ])('refuses %s with a 400', async (_what, body) => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await commander.post(`/api/v1/incidents/${incident}/plot/features`, body);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect((await commander.get(`/api/v1/incidents/${incident}/plot`)).json().features).toHaveLength(0);
  });
});

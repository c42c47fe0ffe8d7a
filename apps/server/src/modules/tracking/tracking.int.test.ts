import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { NO_SINK, startIngest, type RunningIngest } from '../monitoring/index.js';
import { fixtureResource } from '../resources/resources.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';

/*
 * Field positions end to end: a dispatcher registers a tracker on a team, the tracker reports over
 * HTTP and over MQTT (embedded broker), impossible jumps and unknown trackers are refused and
 * recorded, the live picture greys stale units, tracks come back in order, a team leader shares
 * their phone's position, and everything is scoped to the org subtree.
 */
const clock = new ManualClock(new Date());
let t: TestApp;
let commander: Client;
let jinjiang: Client;
let teamlead: Client;
let ingest: RunningIngest;
const clients: MqttClient[] = [];

const QZ = { lng: 118.6758, lat: 24.8741 };
const secondsAgo = (s: number) => new Date(clock.now().getTime() - s * 1000).toISOString();
const device = (code: string, secret: string) => ({ authorization: `Device ${code}:${secret}`, 'content-type': 'application/json' });

async function register(c: Client, orgCode: string, code: string): Promise<{ id: string; secret: string; version: number }> {
  const team = await fixtureResource(t, orgCode, 'team', { name: `${code} 队` });
  const r = await c.post('/api/v1/tracking/trackers', { code, name: `${code} 终端`, subjectKind: 'team', subjectId: team });
  if (r.statusCode !== 201) throw new Error(`register failed: ${r.statusCode} ${r.body}`);
  const body = r.json<{ tracker: { id: string; version: number }; secret: string }>();
  return { id: body.tracker.id, secret: body.secret, version: body.tracker.version };
}

const post = (code: string, secret: string, body: unknown) =>
  t.request({
    method: 'POST',
    url: '/api/v1/tracking/positions',
    headers: device(code, secret),
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startTestApp({ clock });
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
  teamlead = await t.login('teamlead');
  ingest = await startIngest(t.platform, NO_SINK, { broker: { port: 0, host: '127.0.0.1' }, flushMs: 50 });
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await ingest?.stop();
  await t?.close();
});

describe('registering trackers', () => {
  it('binds a tracker to a team, shows the secret once, audits it, and refuses bad input', async () => {
    const a = await register(commander, 'qz', 'GPS-T-001');
    expect(a.secret).toHaveLength(43);
    const got = await commander.get(`/api/v1/tracking/trackers/${a.id}`);
    expect(got.json()).toMatchObject({ code: 'GPS-T-001', subjectKind: 'team', subjectName: 'GPS-T-001 队', last: null, stale: true });
    expect(JSON.stringify(got.json())).not.toContain(a.secret);
    expect((await auditRows(t, 'tracker.created')).some((r) => r.entity_id === a.id)).toBe(true);

    const dup = await commander.post('/api/v1/tracking/trackers', {
      code: 'GPS-T-001',
      name: 'x',
      subjectKind: 'team',
      subjectId: await fixtureResource(t, 'qz', 'team'),
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ field: 'code', message: expect.stringContaining('已存在') });
    const warehouse = await fixtureResource(t, 'qz', 'warehouse');
    const wrong = await commander.post('/api/v1/tracking/trackers', {
      code: 'GPS-T-XXX',
      name: 'x',
      subjectKind: 'team',
      subjectId: warehouse,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'subjectId', message: expect.stringContaining('不是救援队伍') });
    const badCode = await commander.post('/api/v1/tracking/trackers', { code: '中', name: 'x', subjectKind: 'team', subjectId: warehouse });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors[0].field).toBe('code');
  });

  it('a second edit with a stale version gets a conflict', async () => {
    const a = await register(commander, 'qz', 'GPS-T-002');
    expect((await commander.patch(`/api/v1/tracking/trackers/${a.id}`, { name: '改名', version: a.version })).statusCode).toBe(200);
    const stale = await commander.patch(`/api/v1/tracking/trackers/${a.id}`, { status: 'disabled', version: a.version });
    expect(stale.statusCode).toBe(409);
  });
});

describe('reports over HTTP', () => {
  it('stores fixes, answers 202, and moves the last position forward', async () => {
    const a = await register(commander, 'qz', 'GPS-H-001');
    const r = await post('GPS-H-001', a.secret, [
      { ...QZ, at: secondsAgo(60), speed: 30 },
      { lng: QZ.lng + 0.002, lat: QZ.lat + 0.002, at: secondsAgo(30), speed: 32 },
    ]);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({ accepted: 2, rejected: 0, rejections: [] });
    const tr = (await commander.get(`/api/v1/tracking/trackers/${a.id}`)).json();
    expect(tr.last).toMatchObject({ lng: QZ.lng + 0.002, speedKmh: 32 });
    expect(tr.stale).toBe(false);
  });

  it('refuses an impossible jump (> 300 km/h) with its reason, keeps the good fixes, and records the refusal', async () => {
    const a = await register(commander, 'qz', 'GPS-H-002');
    await post('GPS-H-002', a.secret, { ...QZ, at: secondsAgo(120) });
    // 60 s later in Xiamen (~80 km away): about 4,800 km/h
    const r = await post('GPS-H-002', a.secret, [
      { lng: 118.0894, lat: 24.4798, at: secondsAgo(60) },
      { lng: QZ.lng + 0.001, lat: QZ.lat, at: secondsAgo(30) },
    ]);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ index: 0, reason: 'impossible_jump' }] });
    expect(r.json().rejections[0].message).toContain('位置跳变不合理');
    const track = (await commander.get(`/api/v1/tracking/trackers/${a.id}/track`)).json();
    expect(track.points.map((p: { lng: number }) => p.lng)).toEqual([QZ.lng, QZ.lng + 0.001]);
    const refusals = (await commander.get(`/api/v1/tracking/refusals?trackerId=${a.id}`)).json();
    expect(refusals.items).toEqual([expect.objectContaining({ reason: 'impossible_jump', source: 'http', trackerCode: 'GPS-H-002' })]);
    expect((await commander.get(`/api/v1/tracking/trackers/${a.id}`)).json().refusedCount).toBe(1);
  });

  it('refuses everything with a 400 naming the item when no fix is acceptable, and malformed JSON as a whole', async () => {
    const a = await register(commander, 'qz', 'GPS-H-003');
    const swapped = await post('GPS-H-003', a.secret, { lng: 24.87, lat: 118.67 });
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().errors[0]).toMatchObject({ field: 'body' });
    const abroad = await post('GPS-H-003', a.secret, [{ lng: 2.35, lat: 48.85 }]);
    expect(abroad.statusCode).toBe(400);
    expect(abroad.json().errors[0]).toMatchObject({ field: '0', message: expect.stringContaining('不在中国境内') });
    const bad = await post('GPS-H-003', a.secret, '{"lng": 118.6,');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('报文格式错误');
    const many = await post(
      'GPS-H-003',
      a.secret,
      Array.from({ length: 501 }, () => QZ),
    );
    expect(many.statusCode).toBe(413);
    const total = (await commander.get(`/api/v1/tracking/refusals?trackerId=${a.id}`)).json().total;
    expect(total).toBe(4);
  });

  it('refuses unknown trackers, wrong secrets and disabled trackers', async () => {
    const a = await register(commander, 'qz', 'GPS-H-004');
    expect((await post('NO-SUCH-TRACKER', 'x'.repeat(43), QZ)).statusCode).toBe(401);
    expect((await post('GPS-H-004', 'wrong', QZ)).statusCode).toBe(401);
    const none = await t.request({ method: 'POST', url: '/api/v1/tracking/positions', payload: QZ });
    expect(none.statusCode).toBe(401);
    expect(none.json().errors[0].field).toBe('authorization');
    await commander.patch(`/api/v1/tracking/trackers/${a.id}`, { status: 'disabled', version: a.version });
    expect((await post('GPS-H-004', a.secret, QZ)).statusCode).toBe(403);
    const unknown = (await commander.get('/api/v1/tracking/refusals?limit=100')).json().items;
    expect(
      unknown.some((r: { trackerCode: string; reason: string }) => r.trackerCode === 'NO-SUCH-TRACKER' && r.reason === 'unknown_tracker'),
    ).toBe(true);
  });
});

describe('reports over MQTT (embedded broker)', () => {
  const connect = async (code: string, secret: string) => {
    const c = await connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, {
      username: code,
      password: secret,
      reconnectPeriod: 0,
      clientId: `trk-${code}`,
    });
    clients.push(c);
    return c;
  };

  it('stores a position published on vigil/track/{code} before the PUBACK, and pushes it live', async () => {
    const a = await register(commander, 'qz', 'GPS-M-001');
    const c = await connect('GPS-M-001', a.secret);
    await c.publishAsync('vigil/track/GPS-M-001', JSON.stringify({ lng: 118.59, lat: 24.91, at: secondsAgo(5), speed: 12 }), { qos: 1 });
    const tr = (await commander.get(`/api/v1/tracking/trackers/${a.id}`)).json();
    expect(tr.last).toMatchObject({ lng: 118.59, lat: 24.91, speedKmh: 12 });
    const outbox = await t.platform.db.selectFrom('outbox').select(['name', 'payload']).where('name', '=', 'tracking.position').execute();
    expect(outbox.some((o) => JSON.stringify(o.payload).includes(a.id))).toBe(true);
  });

  it('refuses an unknown tracker at connect and a publish on another tracker topic', async () => {
    await expect(
      connectAsync(`mqtt://127.0.0.1:${ingest.mqttPort}`, { username: 'NOPE', password: 'x', reconnectPeriod: 0 }),
    ).rejects.toThrow();
    const a = await register(commander, 'qz', 'GPS-M-002');
    const b = await register(commander, 'qz', 'GPS-M-003');
    const c = await connect('GPS-M-002', a.secret);
    c.publish('vigil/track/GPS-M-003', JSON.stringify(QZ), { qos: 1 });
    await new Promise<void>((resolve) => c.once('close', () => resolve()));
    expect((await commander.get(`/api/v1/tracking/trackers/${b.id}`)).json().last).toBeNull();
    const refusals = (await commander.get(`/api/v1/tracking/refusals?trackerId=${a.id}`)).json().items;
    expect(refusals).toEqual([expect.objectContaining({ reason: 'forbidden_topic', source: 'mqtt' })]);
  });

  it('refuses an impossible jump on MQTT too', async () => {
    const a = await register(commander, 'qz', 'GPS-M-004');
    const c = await connect('GPS-M-004', a.secret);
    await c.publishAsync('vigil/track/GPS-M-004', JSON.stringify({ ...QZ, at: secondsAgo(20) }), { qos: 1 });
    await c.publishAsync('vigil/track/GPS-M-004', JSON.stringify({ lng: 119.3, lat: 26.08, at: secondsAgo(10) }), { qos: 1 });
    expect((await commander.get(`/api/v1/tracking/trackers/${a.id}`)).json().last).toMatchObject({ lng: QZ.lng });
    expect((await commander.get(`/api/v1/tracking/refusals?trackerId=${a.id}`)).json().items[0]).toMatchObject({
      reason: 'impossible_jump',
    });
  });
});

describe('the live picture', () => {
  it('lists units with a recent fix, greys stale ones, and scopes them to the org subtree', async () => {
    const city = await register(commander, 'qz', 'GPS-L-001');
    const county = await register(commander, 'qz_jinjiang', 'GPS-L-002');
    await post('GPS-L-001', city.secret, { ...QZ, at: secondsAgo(600) });
    await post('GPS-L-002', county.secret, { lng: 118.55, lat: 24.78, at: secondsAgo(10) });
    const all = (await commander.get('/api/v1/tracking/units')).json();
    expect(all.staleAfterSeconds).toBe(300);
    const byId = new Map(all.items.map((u: { trackerId: string }) => [u.trackerId, u]));
    expect(byId.get(city.id)).toMatchObject({ stale: true });
    expect(byId.get(county.id)).toMatchObject({ stale: false, subjectKind: 'team' });

    const seen = (await jinjiang.get('/api/v1/tracking/units')).json().items.map((u: { trackerId: string }) => u.trackerId);
    expect(seen).toContain(county.id);
    expect(seen).not.toContain(city.id);
    expect((await jinjiang.get(`/api/v1/tracking/trackers/${city.id}`)).statusCode).toBe(404);
    expect((await jinjiang.get(`/api/v1/tracking/trackers/${city.id}/track`)).statusCode).toBe(404);
    const stale = (await commander.get('/api/v1/tracking/trackers?stale=true&limit=500')).json().items.map((x: { id: string }) => x.id);
    expect(stale).toContain(city.id);
    expect(stale).not.toContain(county.id);
  });

  it('pages trackers by code with a total', async () => {
    const first = (await commander.get('/api/v1/tracking/trackers?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    const next = (await commander.get(`/api/v1/tracking/trackers?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items[0].code > first.items[1].code).toBe(true);
  });
});

describe('sharing my position from a phone', () => {
  it('creates my phone tracker on first share (audited), then moves it; a jump is a 400 on lng', async () => {
    const r = await teamlead.post('/api/v1/tracking/me', { lng: 118.6, lat: 24.9, accuracy: 12, speed: 5 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ accepted: 1 });
    const units = (await commander.get('/api/v1/tracking/units')).json().items;
    const mine = units.find((u: { kind: string; subjectKind: string }) => u.kind === 'phone' && u.subjectKind === 'user');
    expect(mine).toMatchObject({ lng: 118.6, lat: 24.9, speedKmh: 18, stale: false });
    expect((await auditRows(t, 'tracker.phone_enrolled')).length).toBe(1);

    clock.advance(30_000);
    const jump = await teamlead.post('/api/v1/tracking/me', { lng: 119.3, lat: 26.08 });
    expect(jump.statusCode).toBe(400);
    expect(jump.json().errors[0]).toMatchObject({ field: 'lng', message: expect.stringContaining('位置跳变不合理') });
    // The refusal is kept although the request failed.
    const refusals = (await commander.get(`/api/v1/tracking/refusals?trackerId=${mine.trackerId}`)).json().items;
    expect(refusals[0]).toMatchObject({ reason: 'impossible_jump', source: 'phone' });
    const out = await teamlead.post('/api/v1/tracking/me', { lng: 200, lat: 24.9 });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors[0].field).toBe('lng');
  });

  it('needs task.update; a viewer may not share, nor manage trackers', async () => {
    const viewer = await userWithPermissions(t, 'trk-viewer', ['command.read']);
    expect((await viewer.post('/api/v1/tracking/me', QZ)).statusCode).toBe(403);
    expect(
      (
        await viewer.post('/api/v1/tracking/trackers', {
          code: 'GPS-V-1',
          name: 'x',
          subjectKind: 'team',
          subjectId: await fixtureResource(t, 'qz', 'team'),
        })
      ).statusCode,
    ).toBe(403);
    expect((await teamlead.get('/api/v1/tracking/units')).statusCode).toBe(200);
  });
});

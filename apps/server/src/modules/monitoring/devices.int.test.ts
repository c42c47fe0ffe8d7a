import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { auditRows, createTestUser } from '../auth/auth.test-support.js';
import { fetchTile } from '../gis/gis.test-support.js';
import { tileFor } from '../gis/index.js';
import { findDeviceForIngest, loadDeviceDirectory, verifyDeviceSecret } from './index.js';
import { createDevice, deviceBody, deviceEvents, orgOf, QZ } from './device.test-support.js';

let t: TestApp;
let analyst: Client; // city (qz), monitoring.manage
let duty: Client; // city, monitoring.read only
let jinjiang: Client; // monitoring analyst scoped to 晋江

beforeAll(async () => {
  t = await startTestApp();
  await createTestUser(t, { username: 'mon-jinjiang', role: 'monitoring_analyst', org: 'qz_jinjiang' });
  analyst = await t.login('analyst');
  duty = await t.login('duty');
  jinjiang = await t.login('mon-jinjiang');
}, 600_000);
afterAll(async () => t?.close());

describe('device type catalogue', () => {
  it('lists the built-in types of the three categories with their default points', async () => {
    const r = await duty.get('/api/v1/monitoring/device-types');
    expect(r.statusCode, r.body).toBe(200);
    const types =
      r.json<{ code: string; category: string; builtin: boolean; points: { metric: string; h: number | null; hh: number | null }[] }[]>();
    expect(new Set(types.map((x) => x.category))).toEqual(new Set(['hazchem', 'natural', 'lifeline']));
    const metrics = new Set(types.flatMap((x) => x.points.map((p) => p.metric)));
    for (const m of [
      'tank_level',
      'tank_temp',
      'tank_pressure',
      'lel',
      'toxic_ppm',
      'flow',
      'valve_open',
      'sis_in_service',
      'rain_1h',
      'water_level',
      'wind_speed',
      'displacement',
      'soil_moisture',
      'seismic_intensity',
      'strain',
      'deflection',
      'pipe_pressure',
      'leak_lel',
      'ch4_lel',
      'tilt_x',
      'o2',
      'h2s',
    ])
      expect(metrics, m).toContain(m);
    const gas = types.find((x) => x.code === 'combustible_gas_detector')!;
    expect(gas).toMatchObject({ builtin: true, points: [{ metric: 'lel', h: 25, hh: 50 }] });
    const filtered = (await duty.get('/api/v1/monitoring/device-types?category=natural')).json<{ category: string }[]>();
    expect(filtered.length).toBeGreaterThan(3);
    expect(filtered.every((x) => x.category === 'natural')).toBe(true);
  });

  it('manages custom types; built-in ones are read-only and thresholds are checked', async () => {
    const body = {
      code: 'test_noise_meter',
      category: 'lifeline',
      nameZh: '噪声监测仪',
      nameEn: 'Noise meter',
      points: [{ metric: 'noise_db', nameZh: '噪声', nameEn: 'Noise', unit: 'dB', rangeMin: 0, rangeMax: 140, h: 70, hh: 85 }],
    };
    expect((await duty.post('/api/v1/monitoring/device-types', body)).statusCode).toBe(403);
    const created = await analyst.post('/api/v1/monitoring/device-types', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'test_noise_meter',
      builtin: false,
      deviceCount: 0,
      points: [{ intervalS: 60, valueKind: 'number' }],
    });
    expect((await analyst.post('/api/v1/monitoring/device-types', body)).statusCode).toBe(409);

    const bad = await analyst.post('/api/v1/monitoring/device-types', {
      ...body,
      code: 'test_bad',
      points: [{ ...body.points[0], h: 90, hh: 85 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContainEqual({ field: 'points.0.hh', message: '高高报(HH)应大于高报(H)' });

    const edited = await analyst.put('/api/v1/monitoring/device-types/test_noise_meter', { nameZh: '环境噪声监测仪' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().nameZh).toBe('环境噪声监测仪');
    expect((await analyst.put('/api/v1/monitoring/device-types/rain_gauge', { nameZh: 'x' })).statusCode).toBe(409);
    expect((await analyst.delete('/api/v1/monitoring/device-types/rain_gauge')).statusCode).toBe(409);
    expect((await analyst.delete('/api/v1/monitoring/device-types/test_noise_meter')).statusCode).toBe(204);
    expect(await auditRows(t, 'device_type.deleted', 'test_noise_meter')).toHaveLength(1);
  });
});

describe('device lifecycle', () => {
  it('creates a device with points from its type and a secret shown once, stored as a hash', async () => {
    const r = await analyst.post('/api/v1/monitoring/devices', deviceBody({ code: 'T-TANK-0001', name: '一号储罐' }));
    expect(r.statusCode, r.body).toBe(201);
    const { device, secret } = r.json();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(device).toMatchObject({
      code: 'T-TANK-0001',
      typeCode: 'tank_monitor',
      category: 'hazchem',
      divisionCode: '350503',
      status: 'active',
      online: false,
      mapState: 'offline',
      version: 1,
      abilities: { edit: true, archive: true, rotateSecret: true },
    });
    expect(device.points.map((p: { metric: string }) => p.metric)).toEqual(['tank_level', 'tank_temp', 'tank_pressure']);
    expect(device.points[0]).toMatchObject({ unit: 'm', ll: 0.5, l: 1, h: 16, hh: 18, enabled: true });

    const stored = await t.platform.db
      .selectFrom('device' as never)
      .select(['secret_hash' as never])
      .where('id' as never, '=', device.id as never)
      .executeTakeFirstOrThrow();
    const hash = (stored as { secret_hash: string }).secret_hash;
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(verifyDeviceSecret(secret, hash)).toBe(true);
    expect(verifyDeviceSecret(`${secret}x`, hash)).toBe(false);

    // The detail never shows the secret again; audit and event carry no secret either.
    const detail = await duty.get(`/api/v1/monitoring/devices/${device.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(secret);
    const audit = await auditRows(t, 'device.created', device.id);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(secret);
    expect(await deviceEvents(t, 'device.created', device.id)).toHaveLength(1);

    // What ingestion sees.
    const ingest = await findDeviceForIngest(t.platform.db, 'T-TANK-0001');
    expect(ingest).toMatchObject({ id: device.id, status: 'active', secretHash: hash, divisionCode: '350503' });
    expect(ingest!.points.map((p) => [p.metric, p.valueKind, p.h, p.hh, p.rangeMax, p.intervalS])).toEqual([
      ['tank_level', 'number', 16, 18, 20, 10],
      ['tank_temp', 'number', 45, 60, 150, 10],
      ['tank_pressure', 'number', 1.4, 1.6, 2.5, 10],
    ]);
    expect(typeof ingest!.points[0]!.ref).toBe('number');
    const directory = await loadDeviceDirectory(t.platform.db);
    expect(directory.find((d) => d.code === 'T-TANK-0001')?.points).toHaveLength(3);
  });

  it('refuses bad input with the field and a Chinese message, never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [deviceBody({ code: 'bad/code' }), 'code'],
      [deviceBody({ typeCode: 'no_such_type' }), 'typeCode'],
      [deviceBody({ location: { lng: 24.9, lat: 118.6, crs: 'wgs84' } }), 'location.lat'],
      [deviceBody({ installDate: '2024-13-40' }), 'installDate'],
      [deviceBody({ status: 'broken' as never }), 'status'],
      [deviceBody({ enterpriseId: '0190c0de-0000-7000-8000-000000000000' }), 'enterpriseId'],
    ];
    for (const [body, field] of cases) {
      const r = await analyst.post('/api/v1/monitoring/devices', body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      const errors = r.json().errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field)).toContain(field);
      expect(errors.find((e) => e.field === field)!.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const dup = await createDevice(analyst);
    const again = await analyst.post('/api/v1/monitoring/devices', deviceBody({ code: dup.device.code }));
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ field: 'code', message: '设备编码已被使用' }]);
  });

  it('edits at the seen version, refuses a stale one, and keeps the version on a no-op', async () => {
    const { device } = await createDevice(analyst);
    const edited = await analyst.put(`/api/v1/monitoring/devices/${device.id}`, { name: '改名后', status: 'maintenance', version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '改名后', status: 'maintenance', version: 2, mapState: 'disabled' });
    const stale = await analyst.put(`/api/v1/monitoring/devices/${device.id}`, { name: '过期', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ detail: '记录已被他人修改，请刷新后重试', errors: [{ field: 'version' }] });
    const same = await analyst.put(`/api/v1/monitoring/devices/${device.id}`, { name: '改名后', version: 2 });
    expect(same.json().version).toBe(2);
    const moved = await analyst.put(`/api/v1/monitoring/devices/${device.id}`, { location: { ...QZ.jinjiang, crs: 'wgs84' }, version: 2 });
    expect(moved.json()).toMatchObject({ divisionCode: '350582', version: 3 });
    const audit = await auditRows(t, 'device.updated', device.id);
    expect(audit).toHaveLength(2);
    expect(audit[0]!.before).toMatchObject({ name: '测试储罐监测仪', status: 'active', version: 1 });
    expect(audit[0]!.after).toMatchObject({ name: '改名后', status: 'maintenance', version: 2 });
    expect(await deviceEvents(t, 'device.updated', device.id)).toHaveLength(2);
    expect((await findDeviceForIngest(t.platform.db, device.code))!.status).toBe('maintenance');
  });

  it('edits a point: thresholds must keep LL < L < H < HH inside the range', async () => {
    const { device } = await createDevice(analyst);
    const level = device.points!.find((p) => p.metric === 'tank_level')!;
    const url = `/api/v1/monitoring/devices/${device.id}/points/${level.id}`;
    const ok = await analyst.put(url, { h: 15, hh: 17.5, intervalS: 5, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ h: 15, hh: 17.5, l: 1, ll: 0.5, intervalS: 5 });
    const bad = await analyst.put(url, { h: 19, version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'hh', message: '高高报(HH)应大于高报(H)' }]);
    const outside = await analyst.put(url, { hh: 25, version: 2 });
    expect(outside.json().errors).toEqual([{ field: 'hh', message: '高高报(HH)不能高于量程上限 20' }]);
    const stale = await analyst.put(url, { h: 14, version: 1 });
    expect(stale.statusCode).toBe(409);
    const cleared = await analyst.put(url, { l: null, ll: null, version: 2 });
    expect(cleared.json()).toMatchObject({ l: null, ll: null });
    const ingest = await findDeviceForIngest(t.platform.db, device.code);
    expect(ingest!.points.find((p) => p.metric === 'tank_level')).toMatchObject({ h: 15, hh: 17.5, l: null, ll: null, intervalS: 5 });
    const audit = await auditRows(t, 'device.point_updated', device.id);
    expect(audit).toHaveLength(2);
    expect(audit[0]!.after).toMatchObject({ metric: 'tank_level', h: 15, hh: 17.5, interval_s: 5 });
    expect((await duty.put(url, { h: 14, version: 3 })).statusCode).toBe(403);
  });

  it('rotates the secret: the new one works once shown, the old one stops', async () => {
    const { device, secret } = await createDevice(analyst);
    const r = await analyst.post(`/api/v1/monitoring/devices/${device.id}/rotate-secret`, {});
    expect(r.statusCode, r.body).toBe(200);
    const next = r.json().secret as string;
    expect(next).not.toBe(secret);
    const ingest = await findDeviceForIngest(t.platform.db, device.code);
    expect(verifyDeviceSecret(next, ingest!.secretHash)).toBe(true);
    expect(verifyDeviceSecret(secret, ingest!.secretHash)).toBe(false);
    expect(r.json().device.version).toBe(2);
    expect(await auditRows(t, 'device.secret_rotated', device.id)).toHaveLength(1);
    expect(await deviceEvents(t, 'device.secret_rotated', device.id)).toHaveLength(1);
    expect((await duty.post(`/api/v1/monitoring/devices/${device.id}/rotate-secret`, {})).statusCode).toBe(403);
  });

  it('archives: hidden from lists, refused by ingestion, no more edits', async () => {
    const { device } = await createDevice(analyst, { name: '待归档设备' });
    expect((await analyst.post(`/api/v1/monitoring/devices/${device.id}/archive`, {})).statusCode).toBe(400);
    const r = await analyst.post(`/api/v1/monitoring/devices/${device.id}/archive`, { reason: '设备拆除' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().archivedAt).not.toBeNull();
    const listed = (await analyst.get('/api/v1/monitoring/devices?limit=500&q=待归档')).json().items;
    expect(listed).toHaveLength(0);
    const withArchived = (await analyst.get('/api/v1/monitoring/devices?limit=500&q=待归档&includeArchived=true')).json().items;
    expect(withArchived.map((d: { id: string }) => d.id)).toEqual([device.id]);
    expect((await findDeviceForIngest(t.platform.db, device.code))!.status).toBe('retired');
    expect((await analyst.put(`/api/v1/monitoring/devices/${device.id}`, { name: 'x', version: 2 })).statusCode).toBe(409);
    expect((await analyst.post(`/api/v1/monitoring/devices/${device.id}/archive`, { reason: '再次' })).statusCode).toBe(409);
    expect((await auditRows(t, 'device.archived', device.id))[0]!.after).toMatchObject({ reason: '设备拆除' });
    expect(await deviceEvents(t, 'device.archived', device.id)).toHaveLength(1);
  });

  it('shows the latest value of each point once ingestion has stored one', async () => {
    const { device } = await createDevice(analyst);
    const pts = (await findDeviceForIngest(t.platform.db, device.code))!.points;
    const before = (await duty.get(`/api/v1/monitoring/devices/${device.id}/latest`)).json();
    expect(before.map((x: { value: unknown }) => x.value)).toEqual([null, null, null]);
    await t.platform.db
      .insertInto('reading_latest' as never)
      .values({ point_ref: pts[0]!.ref, ts: '2026-05-01T02:00:00Z', value: 12.5, received_at: '2026-05-01T02:00:01Z' } as never)
      .execute();
    const after = (await duty.get(`/api/v1/monitoring/devices/${device.id}/latest`)).json();
    expect(after[0]).toEqual({
      pointId: pts[0]!.id,
      metric: 'tank_level',
      value: 12.5,
      ts: '2026-05-01T02:00:00.000Z',
      receivedAt: '2026-05-01T02:00:01.000Z',
    });
  });
});

describe('lists and org scope', () => {
  it('filters and pages the list', async () => {
    await createDevice(analyst, { typeCode: 'rain_gauge', name: '分页雨量站A', location: { ...QZ.jinjiang, crs: 'wgs84' } });
    await createDevice(analyst, { typeCode: 'rain_gauge', name: '分页雨量站B', location: { ...QZ.jinjiang, crs: 'wgs84' } });
    await createDevice(analyst, { typeCode: 'rain_gauge', name: '分页雨量站C', location: { ...QZ.fengze, crs: 'wgs84' } });
    const all = (await duty.get('/api/v1/monitoring/devices?q=分页雨量站&limit=2&sort=name&order=asc')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((d: { name: string }) => d.name)).toEqual(['分页雨量站A', '分页雨量站B']);
    const next = (await duty.get(`/api/v1/monitoring/devices?q=分页雨量站&limit=2&sort=name&order=asc&cursor=${all.nextCursor}`)).json();
    expect(next.items.map((d: { name: string }) => d.name)).toEqual(['分页雨量站C']);
    const county = (await duty.get('/api/v1/monitoring/devices?q=分页雨量站&divisionCode=350582')).json();
    expect(county.total).toBe(2);
    const natural = (await duty.get('/api/v1/monitoring/devices?category=natural&typeCode=rain_gauge&online=false&limit=1')).json();
    expect(natural.items[0]).toMatchObject({ category: 'natural', typeCode: 'rain_gauge', online: false });
    expect((await duty.get('/api/v1/monitoring/devices?online=maybe')).statusCode).toBe(400);
    expect((await duty.get('/api/v1/monitoring/devices?cursor=garbage')).statusCode).toBe(400);
  });

  it('keeps a county analyst inside the county', async () => {
    const city = await createDevice(analyst, { name: '市局设备' });
    const own = await createDevice(jinjiang, { name: '晋江设备', location: { ...QZ.jinjiang, crs: 'wgs84' } });
    const jj = await orgOf(t, 'qz_jinjiang');
    expect(own.device.orgId).toBe(jj.id);
    const listed = (await jinjiang.get('/api/v1/monitoring/devices?limit=500')).json().items as { orgId: string; id: string }[];
    expect(listed.map((d) => d.id)).toContain(own.device.id);
    expect(listed.every((d) => d.orgId === jj.id)).toBe(true);
    const denied = await jinjiang.get(`/api/v1/monitoring/devices/${city.device.id}`);
    expect(denied.statusCode).toBe(404);
    expect(await auditRows(t, 'access.out_of_scope', city.device.id)).toHaveLength(1);
    expect((await jinjiang.put(`/api/v1/monitoring/devices/${city.device.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
    const fz = await orgOf(t, 'qz_fengze');
    expect((await jinjiang.post('/api/v1/monitoring/devices', deviceBody({ orgId: fz.id }))).statusCode).toBe(404);
    // The city sees the county's device.
    expect((await duty.get(`/api/v1/monitoring/devices/${own.device.id}`)).statusCode).toBe(200);
  });
});

describe('device map layer', () => {
  it('lists the device and installation layers with counts in scope', async () => {
    const r = await duty.get('/api/v1/map/layers');
    expect(r.statusCode, r.body).toBe(200);
    const layers = r.json<{ id: string; count: number; statuses: Record<string, { color: string }>; tiles: string }[]>();
    const device = layers.find((l) => l.id === 'device')!;
    expect(device.tiles).toBe('/api/v1/tiles/device/{z}/{x}/{y}.mvt');
    expect(Object.keys(device.statuses)).toEqual(['alarm', 'online', 'offline', 'disabled']);
    expect(device.count).toBeGreaterThan(300);
    const jj = (await jinjiang.get('/api/v1/map/layers')).json<{ id: string; count: number }[]>();
    expect(jj.find((l) => l.id === 'device')!.count).toBeLessThan(device.count);
  });
});

describe('device tiles', () => {
  it('draws a device coloured by state: offline, then alarm while an alarm is open', async () => {
    const at = { lng: 118.7712, lat: 25.0391 };
    const { device } = await createDevice(analyst, { name: '瓦片设备', location: { ...at, crs: 'wgs84' } });
    const tile = tileFor(at.lng, at.lat, 15);
    const find = async () => (await fetchTile(duty, 'device', 15, tile.x, tile.y)).features.find((f) => f.properties.id === device.id);
    expect((await find())?.properties).toMatchObject({ name: '瓦片设备', status: 'offline', type_code: 'tank_monitor', kind: 'device' });

    const org = await orgOf(t, 'qz');
    const ruleId = newId();
    await sql`INSERT INTO alarm_rule (id, org_id, org_path, name, kind, definition, level)
      VALUES (${ruleId}, ${org.id}, ${org.path}::ltree, '测试规则', 'threshold', '{}'::jsonb, 'red')`.execute(t.platform.db);
    await sql`INSERT INTO alarm (id, rule_id, subject_key, device_id, org_id, org_path, level, status, title, first_at, last_at)
      VALUES (${newId()}, ${ruleId}, ${device.id}, ${device.id}, ${org.id}, ${org.path}::ltree, 'red', 'active', '测试报警', now(), now())`.execute(
      t.platform.db,
    );
    expect((await find())?.properties.status).toBe('alarm');
    expect((await duty.get(`/api/v1/monitoring/devices/${device.id}`)).json()).toMatchObject({ openAlarms: 1, mapState: 'alarm' });
    // Outside the monitoring scope nothing is drawn.
    const enterprise = await t.login('enterprise');
    expect((await fetchTile(enterprise, 'device', 15, tile.x, tile.y)).features.find((f) => f.properties.id === device.id)).toBeUndefined();
    expect((await duty.get(`/api/v1/tiles/nothing/15/${tile.x}/${tile.y}.mvt`)).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows, createTestUser } from '../auth/auth.test-support.js';
import { fetchTile } from '../gis/gis.test-support.js';
import { tileFor } from '../gis/index.js';
import { createDevice, QZ } from './device.test-support.js';

let t: TestApp;
let analyst: Client;
let duty: Client;
let jinjiang: Client;

const body = (over: Record<string, unknown> = {}) => ({
  code: `T-MHI-${Math.random().toString(36).slice(2, 10)}`,
  name: '测试液氨储罐区',
  location: { ...QZ.huian, crs: 'wgs84' },
  people500m: 120,
  substances: [{ name: '液氨', q: 200 }],
  ...over,
});

beforeAll(async () => {
  t = await startTestApp();
  await createTestUser(t, { username: 'mon-jj-2', role: 'monitoring_analyst', org: 'qz_jinjiang' });
  analyst = await t.login('analyst');
  duty = await t.login('duty');
  jinjiang = await t.login('mon-jj-2');
}, 600_000);
afterAll(async () => t?.close());

describe('major hazard installations', () => {
  it('grades on registration with Q and β from the standard, and links points', async () => {
    const { device } = await createDevice(analyst, { location: { ...QZ.huian, crs: 'wgs84' } });
    const pointIds = device.points!.slice(0, 2).map((p) => p.id);
    const r = await analyst.post('/api/v1/monitoring/installations', body({ pointIds }));
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json();
    expect(d).toMatchObject({ alpha: 2, s: 20, r: 80, grade: 2, divisionCode: '350521', version: 1 });
    expect(d.substances).toEqual([{ name: '液氨', cas: '7664-41-7', category: 'J3', q: 200, criticalQ: 10, beta: 2, ratio: 20 }]);
    expect(d.points.map((p: { id: string }) => p.id).sort()).toEqual([...pointIds].sort());
    expect(d.points[0]).toMatchObject({ deviceId: device.id, deviceCode: device.code });
    const audit = await auditRows(t, 'installation.created', d.id);
    expect(audit[0]!.after).toMatchObject({ grade: 2, r: 80, s: 20 });

    // Fewer people and more substance: regraded on edit.
    const edited = await analyst.put(`/api/v1/monitoring/installations/${d.id}`, {
      people500m: 0,
      substances: [
        { name: '液氨', q: 200 },
        { name: '某易燃液体', category: 'W5.1', q: 500 },
      ],
      version: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // α 0.5 · (2·20 + 1.5·50) = 57.5 → 二级; S = 70.
    expect(edited.json()).toMatchObject({ alpha: 0.5, s: 70, r: 57.5, grade: 2, version: 2 });
    expect(edited.json().points).toHaveLength(2);
    expect((await analyst.put(`/api/v1/monitoring/installations/${d.id}`, { people500m: 5, version: 1 })).statusCode).toBe(409);

    const small = await analyst.post('/api/v1/monitoring/installations', body({ substances: [{ name: '液氨', q: 5 }] }));
    expect(small.json()).toMatchObject({ s: 0.5, grade: null });
  });

  it('refuses what the standard cannot grade, with the field', async () => {
    const unknown = await analyst.post('/api/v1/monitoring/installations', body({ substances: [{ name: '神秘物质', q: 5 }] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: 'substances.0.criticalQ', message: '神秘物质 不在 GB 18218 表 1 中，请选择危险性类别或填写临界量' },
    ]);
    const badCategory = await analyst.post('/api/v1/monitoring/installations', body({ substances: [{ name: 'x', category: 'Z9', q: 5 }] }));
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().errors[0].field).toBe('substances.0.category');
    const negative = await analyst.post('/api/v1/monitoring/installations', body({ people500m: -1 }));
    expect(negative.json().errors[0]).toEqual({ field: 'people500m', message: '不能小于 0' });
    const badPoint = await analyst.post('/api/v1/monitoring/installations', body({ pointIds: ['0190c0de-0000-7000-8000-000000000000'] }));
    expect(badPoint.statusCode).toBe(400);
    expect(badPoint.json().errors[0].field).toBe('pointIds.0');
    expect((await duty.post('/api/v1/monitoring/installations', body())).statusCode).toBe(403);
  });

  it('lists the most severe first, filters by grade, keeps county scope, and draws them on the map', async () => {
    const list = (await duty.get('/api/v1/monitoring/installations?limit=100')).json();
    expect(list.total).toBeGreaterThanOrEqual(8);
    const grades = list.items.map((i: { grade: number | null }) => i.grade ?? 5);
    expect(grades).toEqual([...grades].sort((a: number, b: number) => a - b));
    const second = (await duty.get('/api/v1/monitoring/installations?grade=2&limit=100')).json();
    expect(second.items.every((i: { grade: number }) => i.grade === 2)).toBe(true);
    const page = (await duty.get('/api/v1/monitoring/installations?limit=3')).json();
    const next = (await duty.get(`/api/v1/monitoring/installations?limit=3&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
    expect([...page.items, ...next.items].map((i: { id: string }) => i.id)).toEqual(
      list.items.slice(0, 6).map((i: { id: string }) => i.id),
    );

    expect((await jinjiang.get('/api/v1/monitoring/installations')).json().total).toBe(0);
    const first = list.items[0];
    expect((await jinjiang.get(`/api/v1/monitoring/installations/${first.id}`)).statusCode).toBe(404);

    const tile = tileFor(first.location.lng, first.location.lat, 16);
    const f = (await fetchTile(duty, 'installation', 16, tile.x, tile.y)).features.find((x) => x.properties.id === first.id);
    expect(f?.properties).toMatchObject({ status: `grade${first.grade}`, kind: 'installation' });
  });

  it('archives with a reason', async () => {
    const d = (await analyst.post('/api/v1/monitoring/installations', body())).json();
    const r = await analyst.post(`/api/v1/monitoring/installations/${d.id}/archive`, { reason: '已搬迁' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().archivedAt).not.toBeNull();
    const listed = (await duty.get('/api/v1/monitoring/installations?limit=500')).json().items.map((i: { id: string }) => i.id);
    expect(listed).not.toContain(d.id);
    expect((await analyst.put(`/api/v1/monitoring/installations/${d.id}`, { people500m: 1, version: 2 })).statusCode).toBe(409);
  });
});

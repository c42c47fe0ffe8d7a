import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let duty: Client;

beforeAll(async () => {
  t = await startTestApp();
  duty = await t.login('duty');
});
afterAll(async () => t?.close());

describe('regions', () => {
  it('locates a point in Jinjiang and in Fengze', async () => {
    const jj = await duty.get('/api/v1/regions/locate?lng=118.5775&lat=24.7863');
    expect(jj.statusCode).toBe(200);
    expect(jj.json()).toMatchObject({ county: { code: '350582', name: '晋江市' }, city: { code: '350500' }, inJurisdiction: true });
    const fz = await duty.get('/api/v1/regions/locate?lng=118.7327&lat=25.0229');
    expect(fz.json().county.code).toBe('350503');
  });

  it('reports a point outside Quanzhou as outside the jurisdiction', async () => {
    const xm = await duty.get('/api/v1/regions/locate?lng=118.1&lat=24.48'); // Xiamen
    expect(xm.statusCode).toBe(200);
    expect(xm.json()).toMatchObject({ county: null, inJurisdiction: false });
  });

  it('converts GCJ-02 input before locating', async () => {
    const r = await duty.get('/api/v1/regions/locate?lng=118.5825&lat=24.7838&crs=gcj02');
    expect(r.json().lng).toBeLessThan(118.5825);
    expect(r.json().county.code).toBe('350582');
  });

  it('rejects bad coordinates with a field error and detects swapped lat/lng', async () => {
    const bad = await duty.get('/api/v1/regions/locate?lng=abc&lat=24.9');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].field).toBe('lng');
    const swapped = await duty.get('/api/v1/regions/locate?lng=24.9&lat=118.6');
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().detail).toContain('填反');
  });

  it('requires a session', async () => {
    const r = await t.anonymous().get('/api/v1/regions/locate?lng=118.6&lat=24.9');
    expect(r.statusCode).toBe(401);
  });

  it('serves the national code table as a lazy tree and by search', async () => {
    const roots = await duty.get('/api/v1/codes?family=event');
    expect(roots.json().items).toEqual([expect.objectContaining({ code: '10000', name: '突发事件', hasChildren: true })]);
    const kids = await duty.get('/api/v1/codes?family=event&parent=10000');
    expect(kids.json().items.map((i: { code: string }) => i.code)).toEqual(['11000', '12000', '13000', '14000', '19000']);
    const found = await duty.get(`/api/v1/codes?q=${encodeURIComponent('洪水')}`);
    expect(found.json().items.some((i: { code: string }) => i.code === '11A01')).toBe(true);
    const path = await duty.get('/api/v1/codes/11A01/path');
    expect(path.json().items.map((i: { code: string }) => i.code)).toEqual(['10000', '11000', '11A00', '11A01']);
  });

  it('serves county boundaries as GeoJSON with 12 counties', async () => {
    const r = await duty.get('/api/v1/regions/boundaries?level=county');
    const fc = r.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(12);
    expect(fc.features.map((f: { properties: { name: string } }) => f.properties.name)).toContain('晋江市');
  });
});

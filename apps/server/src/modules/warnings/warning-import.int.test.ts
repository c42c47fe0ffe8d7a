import { buildCapXml, formatCapDateTime, gbTimestamp, toGbProfile, validateCap, type CapAlert } from '@vigil/cap';
import { signCapXml } from '@vigil/cap/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { apiTokenFor } from '../incidents/incidents.test-support.js';
import { WARNING_JOBS } from './index.js';
import { makeSigner, removeDir, serve, startFeedServer, type FeedServer, type Json } from './warnings.test-support.js';

const clock = new ManualClock(new Date(Date.now() + 2 * 86_400_000));
const signer = makeSigner('泉州市气象台');
let t: TestApp;
let analyst: Client;
let viewer: Client;
let token: string;
let srv: FeedServer;
let seq = 0;

/** A plain CAP alert from the city weather service, in force for a day from the test clock. */
function metAlert(o: Partial<CapAlert> = {}, headline = '泉州市气象台发布大风蓝色预警[Ⅳ级/一般]'): CapAlert {
  const now = clock.now();
  seq += 1;
  return {
    identifier: `35050041600000_${gbTimestamp(new Date(now.getTime() - seq * 1000))}_0`,
    sender: '泉州市气象台',
    sent: formatCapDateTime(now),
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    code: [],
    info: [
      {
        language: 'zh-CN',
        category: ['Met'],
        event: '大风',
        responseType: ['Prepare'],
        urgency: 'Expected',
        severity: 'Minor',
        certainty: 'Likely',
        eventCode: [{ valueName: 'GBT35965:eventType', value: '11B06' }],
        expires: formatCapDateTime(new Date(now.getTime() + 86_400_000)),
        headline,
        description: '预计未来24小时沿海将出现6级以上大风。',
        parameter: [],
        resource: [],
        area: [
          {
            areaDesc: '晋江市沿海',
            polygon: ['24.70,118.50 24.80,118.50 24.80,118.65 24.70,118.65 24.70,118.50'],
            circle: [],
            geocode: [{ valueName: 'GBT35965:geocode', value: '350582000000' }],
          },
        ],
      },
    ],
    ...o,
  };
}

const upload = (xml: string, type = 'application/cap+xml') =>
  t.request({
    method: 'POST',
    url: '/api/v1/warnings/import',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: xml,
  });

beforeAll(async () => {
  t = await startTestApp({ clock, env: { WARNING_FEED_TIMEOUT_MS: '700' } });
  analyst = await t.login('analyst');
  viewer = await t.login('viewer');
  token = await apiTokenFor(t, 'analyst', ['warning.import', 'warning.read']);
  srv = await startFeedServer();
});
afterAll(async () => {
  await srv?.close();
  await t?.close();
  removeDir(signer.dir);
});

describe('POST /warnings/import', () => {
  it('imports a signed, an unsigned and a tampered alert, storing each signature status', async () => {
    const signed = signCapXml(buildCapXml(metAlert()), signer);
    const unsigned = buildCapXml(metAlert());
    const tampered = signCapXml(buildCapXml(metAlert()), signer).replace('6级以上大风', '8级以上大风');
    const results: Json[] = [];
    for (const xml of [signed, unsigned, tampered]) {
      const r = await upload(xml);
      expect(r.statusCode, r.body).toBe(201);
      results.push(r.json());
    }
    expect(results.map((r) => r.signatureStatus)).toEqual(['valid', 'unsigned', 'invalid']);
    expect(results.every((r) => r.outcome === 'created')).toBe(true);
    const w = (await analyst.get(`/api/v1/warnings/${results[0]!.warningId}`)).json();
    expect(w).toMatchObject({
      source: 'external',
      status: 'published',
      colour: 'blue',
      typeCode: '11B06',
      signatureStatus: 'valid',
      sender: '泉州市气象台',
    });
    expect(w.signer).toContain('泉州市气象台');
    const map = (await viewer.get('/api/v1/warnings/map')).json();
    const statuses = new Map(map.features.map((f: Json) => [f.id, f.properties.signatureStatus]));
    expect(results.map((r) => statuses.get(r.warningId))).toEqual(['valid', 'unsigned', 'invalid']);
    // The original document is served as received, signature intact.
    const served = await t.anonymous().get(`/public/warnings/${results[0]!.identifier}.cap.xml`);
    expect(served.body).toBe(signed);
    // The same document again is a duplicate, and so is the same (sender, identifier) re-sent differently.
    expect((await upload(signed)).json()).toMatchObject({ outcome: 'duplicate', warningId: results[0]!.warningId });
    expect((await upload(`${signed}\n`)).json().outcome).toBe('duplicate');
    expect(await auditRows(t, 'warning.imported', results[0]!.warningId)).toHaveLength(1);
  });

  it('accepts a multipart upload and a GB/T 35965.1 message', async () => {
    const alert = metAlert();
    const gb = toGbProfile(alert, { senderCode: '35050041600000', secClassification: '非涉密' });
    const boundary = '----vigil';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xml"\r\nContent-Type: application/xml\r\n\r\n${gb}\r\n--${boundary}--\r\n`;
    const r = await t.request({
      method: 'POST',
      url: '/api/v1/warnings/import',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(r.statusCode, r.body).toBe(201);
    const gbDoc = await t.anonymous().get(`/public/warnings/${alert.identifier}.gb.xml`);
    expect(gbDoc.body).toBe(gb);
    expect(validateCap((await t.anonymous().get(`/public/warnings/${alert.identifier}.cap.xml`)).body)).toEqual([]);
  });

  it('refuses XXE, non-XML, invalid CAP and expired-on-arrival alerts with a 400 naming the upload, and logs each', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>`;
    const r = await upload(xxe, 'application/xml');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors[0]).toMatchObject({ field: 'body' });
    expect(r.json().detail).toMatch(/DTD|实体/);
    expect(r.body).not.toContain('root:');

    const noInfo = buildCapXml({ ...metAlert(), info: [] });
    const bad = await upload(noInfo);
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: Json) => e.field)
        .join(' '),
    ).toContain('/alert');

    const past = metAlert({ sent: formatCapDateTime(new Date(clock.now().getTime() - 7_200_000)) });
    past.info[0]!.expires = formatCapDateTime(new Date(clock.now().getTime() - 60_000));
    const expired = await upload(buildCapXml(past));
    expect(expired.statusCode).toBe(400);
    expect(expired.json().detail).toContain('已过期');

    const json = await t.request({
      method: 'POST',
      url: '/api/v1/warnings/import',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(400);

    const log = (await analyst.get('/api/v1/warnings/imports?limit=50')).json().items;
    expect(log.filter((x: Json) => x.outcome === 'rejected').length).toBeGreaterThanOrEqual(3);
    expect((await auditRows(t, 'warning.import_rejected')).length).toBeGreaterThanOrEqual(3);
  });

  it('follows references: an Update supersedes, a Cancel cancels', async () => {
    const first = metAlert();
    const created = (await upload(buildCapXml(first))).json();
    const ref = `${first.sender},${first.identifier},${first.sent}`;
    const update = metAlert({ msgType: 'Update', references: ref }, '泉州市气象台更新大风黄色预警[Ⅲ级/较重]');
    update.info[0]!.severity = 'Moderate';
    const u = await upload(buildCapXml(update));
    expect(u.json()).toMatchObject({ outcome: 'updated' });
    expect((await analyst.get(`/api/v1/warnings/${created.warningId}`)).json().status).toBe('superseded');
    expect((await analyst.get(`/api/v1/warnings/${u.json().warningId}`)).json()).toMatchObject({
      colour: 'yellow',
      previousId: created.warningId,
    });

    const cancel = metAlert({ msgType: 'Cancel', references: `${update.sender},${update.identifier},${update.sent}` });
    const c = await upload(buildCapXml(cancel));
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ outcome: 'cancelled', warningId: u.json().warningId });
    expect((await analyst.get(`/api/v1/warnings/${u.json().warningId}`)).json().status).toBe('cancelled');
  });

  it('needs warning.import', async () => {
    const r = await viewer.post('/api/v1/warnings/import', undefined, { 'content-type': 'application/cap+xml' });
    expect(r.statusCode).toBe(403);
  });
});

describe('feeds', () => {
  it('manages feeds; a bad URL is a 400 naming url', async () => {
    const bad = await analyst.post('/api/v1/warnings/feeds', { name: '坏地址', url: 'ftp://x', kind: 'cap' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('url');
    const r = await analyst.post('/api/v1/warnings/feeds', { name: '省气象台', url: `${srv.url}/none.xml`, kind: 'cap', enabled: false });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    const put = await analyst.put(`/api/v1/warnings/feeds/${id}`, {
      name: '省气象台（改）',
      url: `${srv.url}/none.xml`,
      kind: 'atom',
      intervalSeconds: 600,
      enabled: false,
    });
    expect(put.json()).toMatchObject({ name: '省气象台（改）', kind: 'atom', intervalSeconds: 600 });
    expect((await analyst.get('/api/v1/warnings/feeds')).json().items.map((f: Json) => f.id)).toContain(id);
    expect((await analyst.delete(`/api/v1/warnings/feeds/${id}`)).statusCode).toBe(204);
    expect(await auditRows(t, 'warning_feed.deleted', id)).toHaveLength(1);
  });

  it('imports the good items of an Atom feed and logs the bad one; an HTML or slow feed is an error and the others still run', async () => {
    const good = metAlert({}, '泉州市气象台发布大风蓝色预警（订阅）');
    srv.routes.set('/good.xml', serve(buildCapXml(good)));
    srv.routes.set('/bad.xml', serve('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier>'));
    srv.routes.set(
      '/feed.atom',
      serve(
        `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2026-01-01T00:00:00Z</updated>
<entry><id>1</id><title>bad</title><updated>2026-01-01T00:00:00Z</updated><link rel="alternate" type="application/cap+xml" href="/bad.xml"/></entry>
<entry><id>2</id><title>good</title><updated>2026-01-01T00:00:00Z</updated><link rel="alternate" type="application/cap+xml" href="${srv.url}/good.xml"/></entry>
</feed>`,
        'application/atom+xml',
      ),
    );
    srv.routes.set('/page.html', serve('<!DOCTYPE html><html><body>维护中</body></html>', 'text/html'));
    srv.routes.set('/slow.xml', () => undefined); // never answers
    const direct = metAlert({}, '泉州市气象台发布大风蓝色预警（直连）');
    srv.routes.set('/direct.xml', serve(buildCapXml(direct)));
    const make = async (name: string, path: string, kind: 'cap' | 'atom') =>
      (await analyst.post('/api/v1/warnings/feeds', { name, url: `${srv.url}${path}`, kind, intervalSeconds: 60 })).json().id as string;
    const html = await make('HTML 页面', '/page.html', 'cap');
    const slow = await make('超时源', '/slow.xml', 'cap');
    const atom = await make('Atom 源', '/feed.atom', 'atom');
    const capFeed = await make('CAP 源', '/direct.xml', 'cap');

    await t.scheduler.runOnce(WARNING_JOBS.pollFeeds);
    const feeds = new Map<string, Json>((await analyst.get('/api/v1/warnings/feeds')).json().items.map((f: Json) => [f.id, f]));
    expect(feeds.get(html)).toMatchObject({ lastStatus: 'error' });
    expect(feeds.get(html)!.lastError).toContain('HTML');
    expect(feeds.get(slow)!.lastError).toContain('超时');
    expect(feeds.get(atom)).toMatchObject({ lastStatus: 'ok', lastItems: 2, lastError: null });
    expect(feeds.get(capFeed)).toMatchObject({ lastStatus: 'ok', lastItems: 1 });

    const log = (await analyst.get(`/api/v1/warnings/imports?feedId=${atom}`)).json().items;
    expect(log.map((x: Json) => x.outcome).sort()).toEqual(['created', 'rejected']);
    expect(log.find((x: Json) => x.outcome === 'rejected').error).toContain('无法解析');
    const active = (await t.anonymous().get('/public/warnings')).json().items.map((x: Json) => x.identifier);
    expect(active).toContain(good.identifier);
    expect(active).toContain(direct.identifier);

    // Polled again after the interval: the same items are duplicates, nothing new is created.
    clock.advance(61_000);
    const before = (await analyst.get('/api/v1/warnings?source=external&limit=500')).json().total;
    await t.scheduler.runOnce(WARNING_JOBS.pollFeeds);
    expect((await analyst.get('/api/v1/warnings?source=external&limit=500')).json().total).toBe(before);
  });
});

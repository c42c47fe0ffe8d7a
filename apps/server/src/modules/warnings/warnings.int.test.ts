import { parseCapXml, validateCap, validateGbProfile } from '@vigil/cap';
import { verifyCapSignature } from '@vigil/cap/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { WARNING_JOBS } from './index.js';
import {
  draftWarning,
  makeSigner,
  publishedWarning,
  removeDir,
  userWithPermissions,
  warningBody,
  type Json,
} from './warnings.test-support.js';

const clock = new ManualClock(new Date(Date.now() + 2 * 86_400_000));
const signer = makeSigner('泉州市应急管理局');
let t: TestApp;
let analyst: Client;
let commander: Client;
let jinjiang: Client;
let both: Client;
let sectionChief: Client;

const events = async (name: string, warningId: string) =>
  (await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute()).filter(
    (r) => (r.payload as { warningId?: string }).warningId === warningId,
  );
const count = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('warning')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const post = (c: Client, id: string, step: string, body?: unknown) => c.post(`/api/v1/warnings/${id}/${step}`, body);

beforeAll(async () => {
  t = await startTestApp({ clock, env: { CAP_SIGNING_KEY_FILE: signer.keyFile, CAP_SIGNING_CERT_FILE: signer.certFile } });
  analyst = await t.login('analyst');
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
  // Drafts and may approve (even orange): must still not approve their own warning.
  both = await userWithPermissions(t, 'w-both', ['warning.read', 'warning.draft', 'warning.approve', 'warning.approve_major']);
  // May approve blue and yellow, not orange or red.
  sectionChief = await userWithPermissions(t, 'w-chief', ['warning.read', 'warning.approve']);
});
afterAll(async () => {
  await t?.close();
  removeDir(signer.dir);
});

describe('types and templates', () => {
  it('lists the warning types with the colours each allows and a 防御指南 per colour', async () => {
    const r = await analyst.get('/api/v1/warnings/types');
    expect(r.statusCode, r.body).toBe(200);
    const byCode = new Map<string, Json>(r.json().items.map((x: Json) => [x.code, x]));
    expect(byCode.get('11B09')!).toMatchObject({ nameZh: '高温', colours: ['yellow', 'orange', 'red'] });
    expect(byCode.get('11B15')!.colours).toEqual(['orange', 'red']);
    expect(byCode.get('11B01')!.colours).toEqual(['blue', 'yellow', 'orange', 'red']);
    expect(byCode.get('11B01')!.guides.red).toContain('停止集会');
    expect(byCode.get('11B02')!.guides.blue).toContain('防范准备');
  });
});

describe('drafting: bad input is a 400 naming the field, nothing written', () => {
  it('refuses a colour the type does not have', async () => {
    const before = await count();
    const r = await analyst.post('/api/v1/warnings', warningBody(clock.now(), { typeCode: '11B09', colour: 'blue' }));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'colour' });
    expect(r.json().errors[0].message).toContain('高温预警没有蓝色级别');
    expect(await count()).toBe(before);
  });

  it('refuses a self-intersecting polygon, an unknown division, an unknown type and expires before effective', async () => {
    const before = await count();
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [118.5, 24.7],
          [118.7, 24.9],
          [118.7, 24.7],
          [118.5, 24.9],
          [118.5, 24.7],
        ],
      ],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ area: { polygon: bowtie } }, 'area.polygon'],
      [{ area: { divisionCodes: ['999999'] } }, 'area.divisionCodes'],
      [{ area: {} }, 'area.divisionCodes'],
      [{ typeCode: '11B77' }, 'typeCode'],
      [{ effective: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString() }, 'expires'],
      [{ expires: new Date(clock.now().getTime() - 60_000).toISOString() }, 'expires'],
    ];
    for (const [o, field] of cases) {
      const r = await analyst.post('/api/v1/warnings', warningBody(clock.now(), o));
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('prefills the headline and the 防御指南 from the template when left empty, and accepts a drawn polygon', async () => {
    const poly = {
      type: 'Polygon',
      coordinates: [
        [
          [118.5, 24.7],
          [118.7, 24.7],
          [118.7, 24.9],
          [118.5, 24.9],
          [118.5, 24.7],
        ],
      ],
    };
    const w = await draftWarning(analyst, warningBody(clock.now(), { area: { polygon: poly, divisionCodes: ['350582'] } }));
    expect(w.status).toBe('draft');
    expect(w.headline).toBe('泉州市应急管理局发布台风橙色预警[Ⅱ级/严重]');
    expect(w.instruction).toContain('防台风抢险应急工作');
    expect(w.area).toMatchObject({ description: '晋江市', divisionCodes: ['350582'], polygon: poly });
    expect(w.abilities).toMatchObject({ edit: true, submit: true, approve: false, publish: false });
  });
});

describe('workflow', () => {
  it('walks draft → submitted → approved → published, audited and emitted at every step; the area is told in-app', async () => {
    const w = await draftWarning(
      analyst,
      warningBody(clock.now(), { en: { headline: 'Typhoon orange warning', description: 'Typhoon No. 5 approaches.' } }),
    );
    // A draft of the city is not visible to a county officer.
    expect((await jinjiang.get(`/api/v1/warnings/${w.id}`)).statusCode).toBe(404);
    expect((await post(analyst, w.id, 'publish')).statusCode).toBe(409);
    const s = await post(analyst, w.id, 'submit');
    expect(s.json().status).toBe('submitted');
    const a = await post(commander, w.id, 'approve', { note: '同意发布' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'approved', approvedBy: '指挥长（演示）' });
    const p = await post(analyst, w.id, 'publish');
    expect(p.statusCode, p.body).toBe(200);
    const pub = p.json();
    expect(pub.status).toBe('published');
    expect(pub.identifier).toMatch(/^35050000000000_\d{14}_0$/);
    expect(pub.identifier).toHaveLength(31);
    expect(pub.msgType).toBe('Alert');
    expect(pub.capUrl).toBe(`/public/warnings/${pub.identifier}.cap.xml`);

    const steps = ['warning.drafted', 'warning.submitted', 'warning.approved', 'warning.published'];
    for (const action of steps) expect(await auditRows(t, action, w.id), action).toHaveLength(1);
    expect((await auditRows(t, 'warning.published', w.id))[0]!.after).toMatchObject({ status: 'published', identifier: pub.identifier });
    for (const name of steps) expect(await events(name, w.id), name).toHaveLength(1);

    await t.dispatcher.flush();
    const notes = (await jinjiang.get('/api/v1/notifications')).json().items;
    expect(notes.find((n: Json) => n.link === `/warnings/${w.id}`)).toMatchObject({ severity: 'critical', title: pub.headline });
    // Now public: the county officer sees it.
    expect((await jinjiang.get(`/api/v1/warnings/${w.id}`)).statusCode).toBe(200);
  });

  it('refuses approval by the author or submitter, with a clear message', async () => {
    const w = await draftWarning(both, warningBody(clock.now(), { colour: 'yellow' }));
    await post(both, w.id, 'submit');
    const r = await post(both, w.id, 'approve', {});
    expect(r.statusCode).toBe(403);
    expect(r.json().detail).toContain('审批人不能是该预警的编制人或提交人');
    expect((await t.login('w-both').then((c) => c.get(`/api/v1/warnings/${w.id}`))).json().abilities.approve).toBe(false);
    expect(await auditRows(t, 'warning.approved', w.id)).toHaveLength(0);
    expect((await post(sectionChief, w.id, 'approve', {})).json().status).toBe('approved');
  });

  it('lets only a leader approve orange and red; others may approve yellow', async () => {
    const red = await draftWarning(analyst, warningBody(clock.now(), { colour: 'red' }));
    await post(analyst, red.id, 'submit');
    const r = await post(sectionChief, red.id, 'approve', {});
    expect(r.statusCode).toBe(403);
    expect(r.json().detail).toContain('橙色、红色预警须由领导审批');
    expect((await sectionChief.get(`/api/v1/warnings/${red.id}`)).json().abilities.approve).toBe(false);
    expect((await post(commander, red.id, 'approve', {})).json().status).toBe('approved');
  });

  it('sends a warning back to draft with a reason; a draft cannot be approved', async () => {
    const w = await draftWarning(analyst, warningBody(clock.now(), { colour: 'yellow' }));
    await post(analyst, w.id, 'submit');
    expect((await post(sectionChief, w.id, 'reject', {})).statusCode).toBe(400);
    const r = await post(sectionChief, w.id, 'reject', { reason: '影响范围描述不准确' });
    expect(r.json()).toMatchObject({ status: 'draft', rejectReason: '影响范围描述不准确' });
    const again = await post(sectionChief, w.id, 'approve', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('草稿');
    const edit = await analyst.put(`/api/v1/warnings/${w.id}`, {
      ...warningBody(clock.now(), { colour: 'yellow' }),
      description: '修改后的描述',
      version: r.json().version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(r.json().version + 1);
    const stale = await analyst.put(`/api/v1/warnings/${w.id}`, {
      ...warningBody(clock.now(), { colour: 'yellow' }),
      version: r.json().version,
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('outputs', () => {
  let pub: Json;
  beforeAll(async () => {
    pub = await publishedWarning(
      analyst,
      commander,
      warningBody(clock.now(), { typeCode: '11B03', colour: 'orange', description: '预计未来3小时晋江市降雨量将达50毫米以上。' }),
    );
  });

  it('serves signed, valid CAP 1.2 and GB/T 35965.1 documents at stable public URLs without login', async () => {
    const anon = t.anonymous();
    const cap = await anon.get(pub.capUrl);
    expect(cap.statusCode).toBe(200);
    expect(cap.headers['content-type']).toContain('application/cap+xml');
    expect(validateCap(cap.body)).toEqual([]);
    expect(verifyCapSignature(cap.body, { trustedCertificatesPem: [signer.certificatePem] }).status).toBe('valid');
    const alert = parseCapXml(cap.body);
    expect(alert).toMatchObject({ identifier: pub.identifier, msgType: 'Alert', status: 'Actual', scope: 'Public' });
    expect(alert.info[0]).toMatchObject({ language: 'zh-CN', severity: 'Severe', headline: pub.headline });
    expect(alert.info[0]!.area[0]!.geocode).toEqual([{ valueName: 'GBT35965:geocode', value: '350582000000' }]);

    const gb = await anon.get(pub.gbUrl);
    expect(gb.statusCode).toBe(200);
    const unsigned = gb.body.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    expect(validateGbProfile(unsigned, { allowedColours: { '11B03': ['Blue', 'Yellow', 'Orange', 'Red'] } })).toEqual([]);
    expect(gb.body).toContain('<eventType>11B03</eventType>');
    expect(gb.body).toContain('<severity>Orange</severity>');
    expect(verifyCapSignature(gb.body).status).toBe('valid');

    expect((await anon.get('/public/warnings/35050000000000_20000101000000_0.cap.xml')).statusCode).toBe(404);
  });

  it('lists active warnings in the Atom feed with a CAP alternate link, and in the public JSON', async () => {
    const atom = await t.anonymous().get('/public/warnings.atom');
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain(`<title>${pub.headline}</title>`);
    expect(atom.body).toMatch(new RegExp(`<link rel="alternate" type="application/cap\\+xml" href="http://[^"]+${pub.capUrl}"/>`));
    const list = (await t.anonymous().get('/public/warnings')).json().items;
    expect(list.find((x: Json) => x.identifier === pub.identifier)).toMatchObject({
      colour: 'orange',
      typeName: '暴雨',
      capUrl: pub.capUrl,
    });
    const detail = await t.anonymous().get(`/public/warnings/${pub.identifier}`);
    expect(detail.json()).toMatchObject({ identifier: pub.identifier, status: 'published' });
    const map = (await jinjiang.get('/api/v1/warnings/map')).json();
    const f = map.features.find((x: Json) => x.id === pub.id);
    expect(f.properties).toMatchObject({ colour: 'orange', source: 'internal', signatureStatus: 'valid' });
    expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('publishes an update that references the previous warning, which becomes superseded', async () => {
    const rev = await post(analyst, pub.id, 'revise');
    expect(rev.statusCode, rev.body).toBe(201);
    const draft = rev.json();
    expect(draft).toMatchObject({ status: 'draft', previousId: pub.id, colour: 'orange' });
    const edit = await analyst.put(
      `/api/v1/warnings/${draft.id}`,
      warningBody(clock.now(), { typeCode: '11B03', colour: 'red', description: '暴雨升级为红色预警。' }),
    );
    expect(edit.statusCode, edit.body).toBe(200);
    await post(analyst, draft.id, 'submit');
    clock.advance(1000);
    const done = await post(commander, draft.id, 'approve', { publish: true });
    expect(done.json()).toMatchObject({ status: 'published', msgType: 'Update', colour: 'red' });
    const cap = parseCapXml((await t.anonymous().get(done.json().capUrl)).body);
    expect(cap.references).toContain(`,${pub.identifier},`);
    expect((await analyst.get(`/api/v1/warnings/${pub.id}`)).json().status).toBe('superseded');
    const list = (await t.anonymous().get('/public/warnings')).json().items.map((x: Json) => x.identifier);
    expect(list).toContain(done.json().identifier);
    expect(list).not.toContain(pub.identifier);
    expect(await auditRows(t, 'warning.superseded', pub.id)).toHaveLength(1);
    // The superseded version still serves its document (stable URL), but cannot be updated again.
    expect((await t.anonymous().get(pub.capUrl)).statusCode).toBe(200);
    expect((await post(analyst, pub.id, 'revise')).statusCode).toBe(409);
  });

  it('cancels a published warning: it leaves the Atom feed and the public list', async () => {
    const w = await publishedWarning(analyst, commander, warningBody(clock.now(), { typeCode: '11B17', colour: 'yellow' }));
    expect((await post(analyst, w.id, 'cancel', { reason: '大雾已消散' })).statusCode).toBe(403);
    const c = await post(commander, w.id, 'cancel', { reason: '大雾已消散' });
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '大雾已消散' });
    expect((await t.anonymous().get('/public/warnings.atom')).body).not.toContain(w.identifier);
    expect(await auditRows(t, 'warning.cancelled', w.id)).toHaveLength(1);
    expect(await events('warning.cancelled', w.id)).toHaveLength(1);
  });
});

describe('expiry by the worker', () => {
  it('expires a published warning once the clock passes `expires`, audited and emitted', async () => {
    const w = await publishedWarning(
      analyst,
      commander,
      warningBody(clock.now(), {
        typeCode: '11B14',
        colour: 'yellow',
        expires: new Date(clock.now().getTime() + 2 * 3_600_000).toISOString(),
      }),
    );
    await t.scheduler.runOnce(WARNING_JOBS.expire);
    expect((await analyst.get(`/api/v1/warnings/${w.id}`)).json().status).toBe('published');
    clock.advance(3 * 3_600_000);
    await t.scheduler.runOnce(WARNING_JOBS.expire);
    // Sessions idle out over three hours: sign in again.
    analyst = await t.login('analyst');
    expect((await analyst.get(`/api/v1/warnings/${w.id}`)).json().status).toBe('expired');
    expect((await auditRows(t, 'warning.expired', w.id))[0]!.actor_name).toBe('system');
    expect(await events('warning.expired', w.id)).toHaveLength(1);
    expect((await t.anonymous().get('/public/warnings')).json().items.map((x: Json) => x.identifier)).not.toContain(w.identifier);
    const list = await analyst.get('/api/v1/warnings?status=expired&colour=yellow');
    expect(list.json().items.map((x: Json) => x.id)).toContain(w.id);
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { png } from '../command/command.test-support.js';
import { fixtureIncident, multipart, PDF, upload } from '../incidents/incidents.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';
import { consultDb } from './consult.tables.js';

let t: TestApp;
let commander: Client;
let reader: Client;
let jinjiang: Client;

const url = (incident: string, tail: string) => `/api/v1/incidents/${incident}/consult/${tail}`;

function attach(c: Client, incident: string, fileName: string, content: Buffer): Promise<LightMyRequestResponse> {
  const m = multipart(fileName, content);
  return t.request({
    method: 'POST',
    url: url(incident, 'attachments'),
    payload: m.payload,
    headers: { ...m.headers, ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) },
  });
}

async function attached(c: Client, incident: string, fileName: string, content: Buffer): Promise<{ id: string; url: string }> {
  const r = await attach(c, incident, fileName, content);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  t = await startTestApp();
  commander = await t.login('commander');
  reader = await userWithPermissions(t, 'ca-reader', ['incident.read', 'command.read']);
  jinjiang = await userWithPermissions(t, 'ca-jinjiang', ['incident.read', 'command.read'], 'qz_jinjiang');
});
afterAll(async () => t?.close());

describe('files in the consultation room', () => {
  it('sends a message with a picture and a PDF: stored on the incident, carried by the message, pushed live, downloadable', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const image = png();
    const photo = await attached(reader, incident, '水位.png', image);
    expect(photo).toMatchObject({ fileName: '水位.png', mime: 'image/png', kind: 'image', url: url(incident, `attachments/${photo.id}`) });
    const doc = await attached(reader, incident, '方案.pdf', PDF);

    // Not sent yet: the uploader may look at it, nobody else.
    expect((await reader.get(photo.url)).statusCode).toBe(200);
    expect((await commander.get(photo.url)).statusCode).toBe(404);

    const r = await reader.post(url(incident, 'messages'), { body: '现场水位照片与方案', attachmentIds: [photo.id, doc.id] });
    expect(r.statusCode, r.body).toBe(201);
    const msg = r.json();
    expect(msg.attachments.map((a: { id: string }) => a.id)).toEqual([photo.id, doc.id]);
    expect(msg.attachments[1]).toMatchObject({ fileName: '方案.pdf', kind: 'document', mime: 'application/pdf' });

    const listed = (await commander.get(url(incident, 'messages'))).json().items;
    expect(listed[0].attachments).toHaveLength(2);
    const got = await commander.get(photo.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload).toEqual(image);
    expect((await commander.get(doc.url)).headers['content-disposition']).toContain('attachment;');

    const pushed = await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', 'consult.message_posted').execute();
    const event = pushed.find((e) => (e.payload as { message?: { id: string } }).message?.id === msg.id);
    expect((event?.payload as { message: { attachments: unknown[] } }).message.attachments).toHaveLength(2);

    const rows = await t.platform.db.selectFrom('incident_attachment').selectAll().where('incident_id', '=', incident).execute();
    expect(rows.map((x) => x.id).sort()).toEqual([photo.id, doc.id].sort());
    expect(await auditRows(t, 'incident.attachment_added', photo.id)).toHaveLength(1);
    const audit = await auditRows(t, 'consult.message_posted', incident);
    expect(audit.at(-1)?.after).toMatchObject({ attachmentIds: [photo.id, doc.id] });
    const timeline = await t.platform.db.selectFrom('incident_timeline').select('summary').where('incident_id', '=', incident).execute();
    expect(timeline.map((e) => e.summary)).toContain('上传附件：水位.png（会商附件）');
  });

  it('takes a message of files only, but not an empty one', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const photo = await attached(commander, incident, 'a.png', png());
    const r = await commander.post(url(incident, 'messages'), { attachmentIds: [photo.id] });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ body: '', attachments: [{ id: photo.id }] });
    const empty = await commander.post(url(incident, 'messages'), { body: '', attachmentIds: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { field: string }) => e.field)).toContain('body');
  });

  it('refuses a disguised file (400 on file) and writes nothing', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await attach(commander, incident, '照片.png', Buffer.from('plain text pretending to be a picture'));
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors[0].field).toBe('file');
    expect(await t.platform.db.selectFrom('incident_attachment').selectAll().where('incident_id', '=', incident).execute()).toHaveLength(0);
  });

  it('refuses attachments of another incident, of another sender, unknown or more than five (400 on attachmentIds)', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const elsewhere = await fixtureIncident(t, 'qz_fengze');
    const foreign = await attached(commander, elsewhere, 'b.png', png());
    const theirs = await attached(reader, incident, 'c.png', png());
    // An attachment of the incident uploaded by the commander through the incident page is theirs to send.
    const viaIncident = (await upload(t, commander, incident, 'd.png', png())).json();
    const mine = await attached(commander, incident, 'e.png', png());
    const fieldOf = async (ids: string[]) => {
      const r = await commander.post(url(incident, 'messages'), { body: '附件', attachmentIds: ids });
      expect(r.statusCode, r.body).toBe(400);
      return r.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await fieldOf([foreign.id])).toContain('attachmentIds');
    expect(await fieldOf([mine.id, theirs.id])).toContain('attachmentIds');
    expect(await fieldOf(['01970000-0000-7000-8000-000000000000'])).toContain('attachmentIds');
    expect(await fieldOf([mine.id, mine.id])).toContain('attachmentIds');
    expect(await fieldOf(Array.from({ length: 6 }, () => mine.id))).toContain('attachmentIds');
    expect(
      await consultDb(t.platform.db).selectFrom('consult_message').selectAll().where('incident_id', '=', incident).execute(),
    ).toHaveLength(0);

    const ok = await commander.post(url(incident, 'messages'), { body: '附件', attachmentIds: [mine.id, viaIncident.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    // A file of another incident's room is not served through this room.
    expect((await commander.get(url(incident, `attachments/${foreign.id}`))).statusCode).toBe(404);
  });

  it('hides another county’s room: upload and download are 404 for a user of Jinjiang', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const photo = await attached(commander, incident, 'a.png', png());
    await commander.post(url(incident, 'messages'), { body: '照片', attachmentIds: [photo.id] });
    expect((await attach(jinjiang, incident, 'x.png', png())).statusCode).toBe(404);
    expect((await jinjiang.get(photo.url)).statusCode).toBe(404);
  });
});

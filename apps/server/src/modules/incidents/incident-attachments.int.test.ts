import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { createIncident, EXE, incidentBody, makeZip, PDF, PLACES, PNG, upload } from './incidents.test-support.js';

const clock = new ManualClock(new Date(Date.now() + 2 * 86_400_000));
let t: TestApp;
let duty: Client;
let jinjiang: Client;
let viewer: Client;
let incidentId: string;
let fengzeIncidentId: string;

const attachmentRows = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('incident_attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const storedFiles = (): string[] => {
  const root = join(t.platform.config.DATA_DIR, 'attachments');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => /[0-9a-f-]{36}$/.test(p));
};

beforeAll(async () => {
  t = await startTestApp({ clock });
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  viewer = await t.login('viewer');
  incidentId = (await createIncident(jinjiang, incidentBody(clock.now()))).id;
  const fengze = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_fengze').executeTakeFirstOrThrow();
  fengzeIncidentId = (
    await createIncident(duty, incidentBody(clock.now(), { orgId: fengze.id, location: { ...PLACES.fengze, crs: 'wgs84' } }))
  ).id;
});
afterAll(async () => t?.close());

describe('attachments', () => {
  it('stores a photo under DATA_DIR by id, records its sha256, and streams it back', async () => {
    const r = await upload(t, jinjiang, incidentId, '现场照片.png', PNG);
    expect(r.statusCode, r.body).toBe(201);
    const att = r.json();
    expect(att).toMatchObject({ fileName: '现场照片.png', mime: 'image/png', kind: 'image', sizeBytes: PNG.length });
    expect(att.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));

    const y = clock.now().getUTCFullYear();
    const m = String(clock.now().getUTCMonth() + 1).padStart(2, '0');
    const onDisk = join(t.platform.config.DATA_DIR, 'attachments', String(y), m, att.id);
    expect(readFileSync(onDisk)).toEqual(PNG);
    expect(storedFiles().some((f) => f.includes('现场照片'))).toBe(false);

    const got = await jinjiang.get(`/api/v1/incidents/${incidentId}/attachments/${att.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('现场照片.png')}`);
    expect(got.rawPayload).toEqual(PNG);

    const list = (await viewer.get(`/api/v1/incidents/${incidentId}/attachments`)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([att.id]);
    expect(await auditRows(t, 'incident.attachment_added', att.id)).toHaveLength(1);
    const timeline = (await jinjiang.get(`/api/v1/incidents/${incidentId}/timeline`)).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toContain('attachment_added');
  });

  it('accepts PDF, Word and Excel documents recognised by their content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('伤亡统计').addRow(['死亡', 1]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const docx = makeZip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    for (const [name, body, mime] of [
      ['续报.pdf', PDF, 'application/pdf'],
      ['情况说明.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['伤亡统计.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const r = await upload(t, jinjiang, incidentId, name, body);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
      expect(r.json().mime).toBe(mime);
    }
  });

  it('refuses disguised, unknown and empty files with a 400 on `file`, keeping nothing', async () => {
    const rows = await attachmentRows();
    const files = storedFiles().length;
    for (const [name, body] of [
      ['photo.jpg', EXE],
      ['report.pdf', PNG],
      ['script.png', Buffer.from('#!/bin/sh\nrm -rf /\n')],
      ['archive.docx', makeZip(['payload.exe'])],
      ['empty.png', Buffer.alloc(0)],
    ] as const) {
      const r = await upload(t, jinjiang, incidentId, name, body);
      expect(r.statusCode, `${name}: ${r.body}`).toBe(400);
      expect(r.json().errors[0].field).toBe('file');
    }
    expect(await attachmentRows()).toBe(rows);
    expect(storedFiles()).toHaveLength(files);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
    const r = await upload(t, jinjiang, incidentId, 'big.png', big);
    expect(r.statusCode).toBe(413);
    expect(r.json().errors[0].field).toBe('file');
    expect(storedFiles().filter((f) => f.startsWith('tmp'))).toEqual([]);
  });

  it('keeps attachments inside the incident’s scope and needs incident.update to add or delete', async () => {
    const fz = await upload(t, duty, fengzeIncidentId, 'fz.png', PNG);
    expect(fz.statusCode).toBe(201);
    const attId = fz.json().id;
    const peek = await jinjiang.get(`/api/v1/incidents/${fengzeIncidentId}/attachments/${attId}`);
    expect(peek.statusCode).toBe(404);
    expect((await auditRows(t, 'access.out_of_scope', fengzeIncidentId)).at(-1)).toMatchObject({ actor_name: 'duty-jinjiang' });
    // another incident's id with this attachment id is not a way round
    expect((await jinjiang.get(`/api/v1/incidents/${incidentId}/attachments/${attId}`)).statusCode).toBe(404);
    expect((await upload(t, jinjiang, fengzeIncidentId, 'x.png', PNG)).statusCode).toBe(404);
    expect((await upload(t, viewer, incidentId, 'x.png', PNG)).statusCode).toBe(403);
    expect((await jinjiang.post(`/api/v1/incidents/${incidentId}/attachments`, { file: 'x' })).statusCode).toBe(400);
  });

  it('deletes an attachment with an audit row; it is gone afterwards', async () => {
    const att = (await upload(t, jinjiang, incidentId, 'delete-me.png', PNG)).json();
    expect((await viewer.delete(`/api/v1/incidents/${incidentId}/attachments/${att.id}`)).statusCode).toBe(403);
    const r = await jinjiang.delete(`/api/v1/incidents/${incidentId}/attachments/${att.id}`);
    expect(r.statusCode).toBe(204);
    expect((await jinjiang.get(`/api/v1/incidents/${incidentId}/attachments/${att.id}`)).statusCode).toBe(404);
    expect(await auditRows(t, 'incident.attachment_deleted', att.id)).toHaveLength(1);
    expect(storedFiles().some((f) => f.endsWith(att.id))).toBe(false);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { auditRows } from '../auth/auth.test-support.js';
import { pdfText } from '../duty/pdf-text.test-support.js';
import { fixtureIncident } from '../incidents/incidents.test-support.js';

let t: TestApp;
let commander: Client;
let jinjiang: Client;

beforeAll(async () => {
  t = await startTestApp();
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

const flat = (s: string) => s.replace(/\s+/g, '');

/** The PDF's text by pdftotext when installed, else by the test reader. */
function textOf(pdf: Buffer): string {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'situation-'));
    writeFileSync(join(dir, 's.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    return pdfText(pdf);
  }
}

/** The text of a WordprocessingML part: every `<w:t>` joined, after checking it is well-formed XML. */
function wordText(xml: string): string {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { error: (m: string) => void errors.push(m), fatalError: (m: string) => void errors.push(m) },
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  const ts = doc.getElementsByTagName('w:t');
  return Array.from({ length: ts.length }, (_, i) => ts.item(i)?.textContent ?? '').join('');
}

/** An incident at a point with casualties, a response with a task, an open instruction and two plot features. */
async function scenario(): Promise<string> {
  const db = t.platform.db;
  const incident = await fixtureIncident(t, 'qz_fengze');
  await sql`UPDATE incident SET title = '丰泽区 & <仓库> 火灾', location = ST_SetSRID(ST_MakePoint(118.61, 24.91), 4326),
    dead = 2, missing = 1, seriously_injured = 7, lightly_injured = 11 WHERE id = ${incident}`.execute(db);
  const response = await commander.post(`/api/v1/incidents/${incident}/responses`, { level: 'III' });
  expect(response.statusCode, response.body).toBe(201);
  const task = await commander.post(`/api/v1/responses/${response.json().id}/tasks`, { title: '疏散周边群众' });
  expect(task.statusCode, task.body).toBe(201);
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz_fengze').executeTakeFirstOrThrow();
  const instruction = newId();
  const now = t.platform.clock.now();
  await sql`INSERT INTO instruction (id, incident_id, org_id, org_path, incident_title, text, author_name, issued_at, due_at)
    VALUES (${instruction}, ${incident}, ${org.id}, ${org.path}::ltree, '火灾', '全力搜救被困人员，防止次生灾害', '张市长', ${now}, ${new Date(now.getTime() + 3_600_000)})`.execute(
    db,
  );
  await sql`INSERT INTO instruction_target (id, instruction_id, org_id, org_path)
    VALUES (${newId()}, ${instruction}, ${org.id}, ${org.path}::ltree)`.execute(db);
  const plot = [
    {
      symbol: 'danger_zone',
      label: '核心危险区',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [118.605, 24.905],
            [118.615, 24.905],
            [118.615, 24.915],
            [118.605, 24.905],
          ],
        ],
      },
    },
    { symbol: 'command_post', label: '前方指挥部', geometry: { type: 'Point', coordinates: [118.62, 24.92] } },
  ];
  for (const body of plot) {
    const r = await commander.post(`/api/v1/incidents/${incident}/plot/features`, body);
    expect(r.statusCode, r.body).toBe(201);
  }
  return incident;
}

describe('situation summary exports', () => {
  it('exports a .docx that unzips to WordprocessingML with the title, the figures and the plot, audited', async () => {
    const incident = await scenario();
    const res = await commander.get(`/api/v1/incidents/${incident}/situation.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain('situation.docx');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files)).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        '_rels/.rels',
        'word/document.xml',
        'word/styles.xml',
        'word/_rels/document.xml.rels',
      ]),
    );
    expect(Object.keys(zip.files).filter((n) => n.endsWith('/'))).toEqual([]); // no directory entries
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('wordprocessingml.document.main+xml');
    expect(await zip.file('_rels/.rels')!.async('string')).toContain('Target="word/document.xml"');
    for (const part of ['word/styles.xml', 'docProps/core.xml', '_rels/.rels', '[Content_Types].xml'])
      wordText(await zip.file(part)!.async('string')); // well-formed

    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('&amp; &lt;仓库&gt;'); // escaped, not raw markup
    const text = wordText(xml);
    expect(text).toContain('丰泽区 & <仓库> 火灾 综合信息汇总');
    expect(text).toContain('死亡 2 人，失踪 1 人，重伤 7 人，轻伤 11 人');
    expect(text).toContain('任务 1 项，已完成 0 项');
    expect(text).toContain('待办领导批示 1 条');
    for (const heading of [
      '一、人员伤亡（当前）',
      '二、伤亡变化',
      '四、任务状态',
      '五、投入力量',
      '七、待办领导批示',
      '八、事件时间线（最近）',
      '九、态势标绘',
    ])
      expect(text).toContain(heading);
    expect(text).toContain('全力搜救被困人员，防止次生灾害');
    expect(text).toContain('张市长');
    expect(text).toContain('下达任务“疏散周边群众”'); // the timeline excerpt
    expect(text).toContain('核心危险区');
    expect(text).toContain('前方指挥部');
    expect(text).toContain('共 2 处标绘：危险区 1、指挥部 1');
    // Nine sections, of which forces and materials are empty (a “（无）” line instead of a table).
    expect(xml.match(/<w:tbl>/g)!.length).toBe(7);

    const audit = await auditRows(t, 'command.situation_exported', incident);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ format: 'docx', plotFeatures: 2 });
  });

  it('draws the plot snapshot with its legend and scale bar into the PDF, audited', async () => {
    const incident = await scenario();
    const res = await commander.get(`/api/v1/incidents/${incident}/situation.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const text = flat(textOf(res.rawPayload));
    for (const s of [
      '综合信息汇总',
      '七、待办领导批示',
      '九、态势标绘',
      '核心危险区',
      '前方指挥部',
      '危险区×1',
      '指挥部×1',
      '事发地点',
      '米',
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/标绘2处/);
    expect((await auditRows(t, 'command.situation_exported', incident))[0]!.after).toMatchObject({ format: 'pdf', plotFeatures: 2 });
  });

  it('is a 404 outside the actor’s scope, with no export audited', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    expect((await jinjiang.get(`/api/v1/incidents/${incident}/situation.docx`)).statusCode).toBe(404);
    expect(await auditRows(t, 'command.situation_exported', incident)).toHaveLength(0);
  });

  it('needs a session', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    expect((await t.request({ method: 'GET', url: `/api/v1/incidents/${incident}/situation.docx` })).statusCode).toBe(401);
  });
});

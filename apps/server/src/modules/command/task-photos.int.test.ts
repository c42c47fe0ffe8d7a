import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { fixtureIncident, multipart, PDF } from '../incidents/incidents.test-support.js';
import type { Json } from '../plans/plans.test-support.js';
import { fixtureResource } from '../resources/resources.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';
import { png } from './command.test-support.js';

let t: TestApp;
let commander: Client;
let member: Client; // a rescue team's member: user of the team's org, no grant over the incident's county
let leader: Client; // the team's recorded leader (队长) by name, in a sub-org of the team's org
let outsider: Client; // a task worker of another county
let team: string;
let leaderTeam: string;

const userId = async (username: string) =>
  (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

function uploadPhoto(c: Client, taskId: string, fileName: string, content: Buffer, mime = 'image/png'): Promise<LightMyRequestResponse> {
  const m = multipart(fileName, content, mime);
  return t.request({
    method: 'POST',
    url: `/api/v1/tasks/${taskId}/photos`,
    payload: m.payload,
    headers: { ...m.headers, ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) },
  });
}

async function responseWithTask(assignee: { kind: string; id: string } | null): Promise<{ incident: string; response: Json; task: Json }> {
  const incident = await fixtureIncident(t, 'qz_fengze');
  const rr = await commander.post(`/api/v1/incidents/${incident}/responses`, { level: 'IV' });
  expect(rr.statusCode, rr.body).toBe(201);
  const response = rr.json();
  const tr = await commander.post(`/api/v1/responses/${response.id}/tasks`, { title: '搜救被困群众', ...(assignee ? { assignee } : {}) });
  expect(tr.statusCode, tr.body).toBe(201);
  return { incident, response, task: tr.json() };
}

beforeAll(async () => {
  t = await startTestApp();
  commander = await t.login('commander');
  member = await userWithPermissions(t, 'tp-member', ['command.read', 'task.update'], 'qz_rescue_1');
  outsider = await userWithPermissions(t, 'tp-outsider', ['command.read', 'task.update'], 'qz_jinjiang');
  team = await fixtureResource(t, 'qz_rescue_1', 'team');
  // A team of the city org led by 林队长, who works in the rescue org below it.
  leaderTeam = await fixtureResource(t, 'qz', 'team', { attrs: { level: 'city', headcount: 12, capabilities: [], leader: '林队长' } });
  await userWithPermissions(t, 'tp-leader', ['command.read', 'task.update'], 'qz_rescue_1');
  await t.platform.db.updateTable('app_user').set({ display_name: '林队长' }).where('username', '=', 'tp-leader').execute();
  leader = await t.login('tp-leader');
});
afterAll(async () => t?.close());

describe('team tasks in 我的任务', () => {
  it('lists a team’s task for the members of the team’s org, who may accept and advance it; others get 404', async () => {
    const { task } = await responseWithTask({ kind: 'team', id: team });
    const mine = (await member.get('/api/v1/tasks/mine')).json().items as Json[];
    expect(mine.map((x) => x.id)).toContain(task.id);
    expect((await member.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(200);

    let v = task.version as number;
    for (const to of ['accepted', 'en_route']) {
      const r = await member.post(`/api/v1/tasks/${task.id}/transition`, { to, version: v });
      expect(r.statusCode, r.body).toBe(200);
      v = r.json().version as number;
    }
    expect((await member.post(`/api/v1/tasks/${task.id}/feedback`, { note: '已到达集结点' })).statusCode).toBe(200);

    expect(((await outsider.get('/api/v1/tasks/mine')).json().items as Json[]).map((x) => x.id)).not.toContain(task.id);
    expect((await outsider.get(`/api/v1/tasks/${task.id}`)).statusCode).toBe(404);
    expect((await outsider.post(`/api/v1/tasks/${task.id}/transition`, { to: 'on_site', version: v })).statusCode).toBe(404);
  });

  it('lists a team’s task for its leader by name within the team’s org subtree, not for a namesake elsewhere', async () => {
    const { task } = await responseWithTask({ kind: 'team', id: leaderTeam });
    expect(((await leader.get('/api/v1/tasks/mine')).json().items as Json[]).map((x) => x.id)).toContain(task.id);
    const accepted = await leader.post(`/api/v1/tasks/${task.id}/transition`, { to: 'accepted', version: task.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // The rescue org's other members are not the city team's members.
    expect(((await member.get('/api/v1/tasks/mine')).json().items as Json[]).map((x) => x.id)).not.toContain(task.id);
    // Moved to Fengze, the team's org subtree no longer holds the leader's org: the same name is someone else.
    await sql`UPDATE resource SET org_id = (SELECT id FROM org WHERE code = 'qz_fengze'), org_path = (SELECT path FROM org WHERE code = 'qz_fengze') WHERE id = ${leaderTeam}`.execute(
      t.platform.db,
    );
    expect(((await leader.get('/api/v1/tasks/mine')).json().items as Json[]).map((x) => x.id)).not.toContain(task.id);
    await sql`UPDATE resource SET org_id = (SELECT id FROM org WHERE code = 'qz'), org_path = (SELECT path FROM org WHERE code = 'qz') WHERE id = ${leaderTeam}`.execute(
      t.platform.db,
    );
  });
});

describe('task photos', () => {
  it('stores a team member’s photo as an incident attachment linked to the task, with timeline, audit and event', async () => {
    const { incident, task } = await responseWithTask({ kind: 'team', id: team });
    const image = png();
    const r = await uploadPhoto(member, task.id, '现场.png', image);
    expect(r.statusCode, r.body).toBe(201);
    const dto = r.json();
    expect(dto.photos).toHaveLength(1);
    const photo = dto.photos[0];
    expect(photo).toMatchObject({ fileName: '现场.png', uploadedByName: 'tp-member', url: `/api/v1/tasks/${task.id}/photos/${photo.id}` });

    // The same store as the incident's own attachments, noting where the file came from.
    const att = await t.platform.db.selectFrom('incident_attachment').selectAll().where('id', '=', photo.id).executeTakeFirstOrThrow();
    expect(att).toMatchObject({ incident_id: incident, mime: 'image/png', kind: 'image', uploaded_by: await userId('tp-member') });
    const timeline = await t.platform.db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incident).execute();
    expect(timeline.find((e) => e.kind === 'attachment_added')?.summary).toBe('上传附件：现场.png（任务“搜救被困群众”现场照片）');
    expect(await auditRows(t, 'command.task_photo_added', task.id)).toHaveLength(1);
    expect(await auditRows(t, 'incident.attachment_added', photo.id)).toHaveLength(1);
    const events = await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', 'command.task_updated').execute();
    expect(events.some((e) => (e.payload as { photoId?: string }).photoId === photo.id)).toBe(true);

    // Streams back to the member (who cannot read the incident itself) and shows in the lists.
    const got = await member.get(photo.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload).toEqual(image);
    expect((await member.get(`/api/v1/incidents/${incident}/attachments/${photo.id}`)).statusCode).toBe(403);
    const listed = (await commander.get(`/api/v1/responses/${task.responseId}/tasks`)).json().items as Json[];
    expect(listed.find((x) => x.id === task.id)?.photos).toHaveLength(1);
    expect((await outsider.get(photo.url)).statusCode).toBe(404);
  });

  it('lets a commander add photos; refuses files that are not pictures with 400 on file, writing nothing', async () => {
    const { task } = await responseWithTask(null);
    expect((await uploadPhoto(commander, task.id, 'a.png', png(0, 0, 255))).statusCode).toBe(201);
    const before = await t.platform.db
      .selectFrom('incident_attachment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();

    const fake = await uploadPhoto(commander, task.id, '照片.png', Buffer.from('just some text, not a picture\n'), 'image/png');
    expect(fake.statusCode).toBe(400);
    expect(fake.headers['content-type']).toContain('application/problem+json');
    expect(fake.json().errors[0].field).toBe('file');
    const pdf = await uploadPhoto(commander, task.id, '报告.pdf', PDF, 'application/pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().errors[0]).toMatchObject({ field: 'file', message: '任务照片只能是 JPEG、PNG 或 WebP 图片' });
    const notMultipart = await commander.post(`/api/v1/tasks/${task.id}/photos`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);

    const after = await t.platform.db
      .selectFrom('incident_attachment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 404 for a task the caller cannot see, 403 without the right, and refuses a rejected task (409)', async () => {
    const { task } = await responseWithTask(null);
    expect((await uploadPhoto(outsider, task.id, 'a.png', png())).statusCode).toBe(404);
    const viewer = await t.login('viewer');
    expect((await uploadPhoto(viewer, task.id, 'a.png', png())).statusCode).toBe(403);

    const rejected = await commander.post(`/api/v1/tasks/${task.id}/transition`, {
      to: 'rejected',
      reason: '力量不足',
      version: task.version,
    });
    expect(rejected.statusCode).toBe(200);
    const r = await uploadPhoto(commander, task.id, 'a.png', png());
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toBe('任务已被拒绝，不能再上传照片');
  });

  it('still takes photos of a done task after its response ended, but not of an open task of an ended response', async () => {
    const { response, task } = await responseWithTask(null);
    const other = (await commander.post(`/api/v1/responses/${response.id}/tasks`, { title: '警戒' })).json();
    let v = task.version as number;
    for (const to of ['accepted', 'en_route', 'on_site', 'done'])
      v = (await commander.post(`/api/v1/tasks/${task.id}/transition`, { to, version: v })).json().version;
    const current = (await commander.get(`/api/v1/responses/${response.id}`)).json();
    expect(
      (await commander.post(`/api/v1/responses/${response.id}/terminate`, { reason: '险情解除', version: current.version })).statusCode,
    ).toBe(200);
    expect((await uploadPhoto(commander, task.id, 'done.png', png())).statusCode).toBe(201);
    const open = await uploadPhoto(commander, other.id, 'open.png', png());
    expect(open.statusCode).toBe(409);
    expect(open.json().detail).toBe('响应已终止，任务不能再上传照片');
  });
});

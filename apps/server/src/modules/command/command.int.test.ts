import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { fixtureIncident } from '../incidents/incidents.test-support.js';
import { activePlan, draftPlan, type Json } from '../plans/plans.test-support.js';
import { fixtureResource, fixtureStock } from '../resources/resources.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';
import { fixtureResponse } from './command.test-support.js';
import { escalateUnacceptedTasks } from './index.js';

const clock = new ManualClock(new Date());
let t: TestApp;
let commander: Client;
let second: Client;
let author: Client;
let jinjiang: Client;
let worker: Client;
let workerId: string;
let commanderId: string;

const timeline = async (incidentId: string) =>
  (await t.platform.db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('at').execute()).map(
    (r) => ({ kind: r.kind, summary: r.summary }),
  );
const userId = async (username: string) =>
  (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

async function launch(c: Client, incidentId: string, body: Record<string, unknown>): Promise<Json> {
  const r = await c.post(`/api/v1/incidents/${incidentId}/responses`, body);
  if (r.statusCode !== 201) throw new Error(`launch failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

async function adhoc(c: Client, responseId: string, body: Record<string, unknown>): Promise<Json> {
  const r = await c.post(`/api/v1/responses/${responseId}/tasks`, body);
  if (r.statusCode !== 201) throw new Error(`task failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  commander = await t.login('commander');
  second = await userWithPermissions(t, 'c-second', [
    'command.read',
    'command.launch',
    'command.dispatch',
    'incident.read',
    'resource.read',
  ]);
  author = await userWithPermissions(t, 'c-author', ['plan.read', 'plan.manage']);
  worker = await userWithPermissions(t, 'c-worker', ['command.read', 'task.update'], 'qz_fengze');
  jinjiang = await t.login('duty-jinjiang');
  workerId = await userId('c-worker');
  commanderId = await userId('commander');
});
afterAll(async () => t?.close());

describe('launching a response', () => {
  it('follows an active plan: the level’s task templates become tasks due launch + offset, logged and audited', async () => {
    const plan = await activePlan(author, commander);
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, {
      planId: plan.id,
      level: 'III',
      reason: '黄色预警',
      post: { name: '现场指挥部', location: { lng: 118.6, lat: 24.9 }, members: [{ userId: commanderId, role: 'commander' }] },
    });
    expect(r).toMatchObject({ status: 'active', level: 'III', planId: plan.id, planName: '测试防台风应急预案', taskCount: 1 });
    expect(r.post).toMatchObject({ name: '现场指挥部', location: { lng: 118.6, lat: 24.9 }, members: [{ role: 'commander' }] });
    expect(r.levelHistory).toEqual([expect.objectContaining({ from: null, to: 'III', reason: '黄色预警' })]);
    const tasks = (await commander.get(`/api/v1/responses/${r.id}/tasks`)).json().items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: '转移群众', source: 'plan', status: 'assigned', responsibleRole: '各县（市、区）防指' });
    expect(new Date(tasks[0].deadline).getTime() - new Date(r.launchedAt).getTime()).toBe(240 * 60_000);
    expect(await auditRows(t, 'command.response_launched', r.id)).toHaveLength(1);
    expect((await timeline(incident)).map((e) => e.kind)).toContain('command.response_launched');
  });

  it('allows several concurrent responses on one incident, each with its own level, listed per incident', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    await launch(commander, incident, { level: 'II', name: '防台风应急响应' });
    await launch(commander, incident, { level: 'IV', name: '防暴雨应急响应' });
    const list = (await commander.get(`/api/v1/responses?incidentId=${incident}`)).json().items;
    expect(list.map((x: Json) => [x.name, x.level])).toEqual([
      ['防台风应急响应', 'II'],
      ['防暴雨应急响应', 'IV'],
    ]);
  });

  it('moves a verified incident to responding (处置中)', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    await sql`UPDATE incident SET status = 'verified' WHERE id = ${incident}`.execute(t.platform.db);
    await launch(commander, incident, { level: 'IV' });
    const row = await t.platform.db.selectFrom('incident').select('status').where('id', '=', incident).executeTakeFirstOrThrow();
    expect(row.status).toBe('responding');
    expect((await timeline(incident)).map((e) => e.kind)).toEqual(['command.response_launched', 'status_changed']);
  });

  it('refuses a closed incident with 409 and a clear message, writing nothing', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    await sql`UPDATE incident SET status = 'closed' WHERE id = ${incident}`.execute(t.platform.db);
    const r = await commander.post(`/api/v1/incidents/${incident}/responses`, { level: 'IV' });
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().detail).toContain('事件已结束，不能启动应急响应');
    expect((await commander.get(`/api/v1/responses?incidentId=${incident}`)).json().items).toEqual([]);
  });

  it('accepts only an active plan version having the chosen level (400 naming the field)', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const draft = await draftPlan(author);
    const r1 = await commander.post(`/api/v1/incidents/${incident}/responses`, { level: 'IV', planId: draft.id });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().errors[0]).toMatchObject({ field: 'planId' });
    const plan = await activePlan(author, commander, { ...(await draftPlanBody()), name: '只有四级的预案' });
    const r2 = await commander.post(`/api/v1/incidents/${incident}/responses`, { level: 'I', planId: plan.id });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors[0]).toMatchObject({ field: 'level' });
    const r3 = await commander.post(`/api/v1/incidents/${incident}/responses`, {
      level: 'IV',
      post: { members: [{ userId: '01970000-0000-7000-8000-000000000000', role: 'member' }] },
    });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().errors[0]).toMatchObject({ field: 'post.members.0.userId' });
  });

  it('records level changes and termination with reasons and times; a terminated response takes no more changes', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    clock.advance(60_000);
    const up = await commander.post(`/api/v1/responses/${r.id}/level`, { level: 'II', reason: '灾情扩大' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().levelHistory.map((l: Json) => [l.from, l.to, l.reason])).toEqual([
      [null, 'IV', null],
      ['IV', 'II', '灾情扩大'],
    ]);
    const stale = await commander.post(`/api/v1/responses/${r.id}/terminate`, { reason: '结束', version: 1 });
    expect(stale.statusCode).toBe(409);
    const end = await commander.post(`/api/v1/responses/${r.id}/terminate`, { reason: '险情解除' });
    expect(end.json()).toMatchObject({ status: 'terminated', terminateReason: '险情解除', abilities: { terminate: false } });
    expect(end.json().terminatedAt).toBe(clock.now().toISOString());
    expect((await commander.post(`/api/v1/responses/${r.id}/level`, { level: 'I', reason: 'x' })).statusCode).toBe(409);
    expect((await commander.post(`/api/v1/responses/${r.id}/tasks`, { title: '迟到的任务' })).statusCode).toBe(409);
    expect(await auditRows(t, 'command.level_changed', r.id)).toHaveLength(1);
    expect(await auditRows(t, 'command.response_terminated', r.id)).toHaveLength(1);
    const kinds = (await timeline(incident)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['command.level_changed', 'command.response_terminated']));
  });
});

async function draftPlanBody(): Promise<Record<string, unknown>> {
  const { planBody } = await import('../plans/plans.test-support.js');
  const b = planBody();
  return { ...b, levels: (b.levels as Json[]).filter((l) => l.level === 'IV') };
}

describe('tasks', () => {
  it('walks assigned → accepted → en route → on site → done with a time for each step, and feedback', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const task = await adhoc(commander, r.id, { title: '道路抢通', assignee: { kind: 'user', id: workerId } });
    expect(task).toMatchObject({
      status: 'assigned',
      assignee: { kind: 'user', id: workerId, name: 'c-worker' },
      next: ['accepted', 'rejected'],
    });
    expect((await worker.get('/api/v1/tasks/mine')).json().items.map((x: Json) => x.id)).toContain(task.id);
    let v = task.version;
    for (const to of ['accepted', 'en_route', 'on_site', 'done']) {
      clock.advance(60_000);
      const res = await worker.post(`/api/v1/tasks/${task.id}/transition`, { to, version: v });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
    }
    const fb = await worker.post(`/api/v1/tasks/${task.id}/feedback`, { note: '道路已抢通' });
    const done = fb.json();
    expect(done).toMatchObject({ status: 'done', feedback: [{ note: '道路已抢通', by: 'c-worker' }], next: [] });
    for (const k of ['acceptedAt', 'enRouteAt', 'onSiteAt', 'doneAt']) expect(done[k]).not.toBeNull();
    expect(new Date(done.doneAt).getTime() - new Date(done.acceptedAt).getTime()).toBe(3 * 60_000);
    expect(await auditRows(t, 'command.task_status_changed', task.id)).toHaveLength(4);
  });

  it('refuses skipped steps (409) and a rejection without a reason (400); a rejection keeps its reason', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const task = await adhoc(commander, r.id, { title: '搜救', assignee: { kind: 'user', id: workerId } });
    const skip = await worker.post(`/api/v1/tasks/${task.id}/transition`, { to: 'done', version: task.version });
    expect(skip.statusCode).toBe(409);
    const bare = await worker.post(`/api/v1/tasks/${task.id}/transition`, { to: 'rejected', version: task.version });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors[0]).toMatchObject({ field: 'reason', message: '拒绝任务须填写理由' });
    const rej = await worker.post(`/api/v1/tasks/${task.id}/transition`, { to: 'rejected', version: task.version, reason: '人员不足' });
    expect(rej.json()).toMatchObject({ status: 'rejected', rejectReason: '人员不足' });
  });

  it('re-assigns a rejected task, which starts over as assigned; the org’s members see it as theirs', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const task = await adhoc(commander, r.id, { title: '排涝', assignee: { kind: 'user', id: workerId } });
    const rej = await worker.post(`/api/v1/tasks/${task.id}/transition`, { to: 'rejected', version: task.version, reason: '设备故障' });
    const noAssignee = await commander.patch(`/api/v1/tasks/${task.id}`, { version: rej.json().version, title: '排涝（改）' });
    expect(noAssignee.statusCode).toBe(409);
    const fengze = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_fengze').executeTakeFirstOrThrow();
    const re = await commander.patch(`/api/v1/tasks/${task.id}`, { version: rej.json().version, assignee: { kind: 'org', id: fengze.id } });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ status: 'assigned', rejectReason: null, rejectedAt: null, assignee: { kind: 'org', id: fengze.id } });
    expect((await worker.get('/api/v1/tasks/mine')).json().items.map((x: Json) => x.id)).toContain(task.id);
    const kinds = (await timeline(incident)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'command.task_updated')).toHaveLength(2);
  });

  it('gives the second of two commanders editing the same version a 409, never a silent overwrite', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const task = await adhoc(commander, r.id, { title: '原标题' });
    const [a, b] = await Promise.all([
      commander.patch(`/api/v1/tasks/${task.id}`, { version: task.version, title: '甲的修改' }),
      second.patch(`/api/v1/tasks/${task.id}`, { version: task.version, title: '乙的修改' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? '甲的修改' : '乙的修改';
    expect((await commander.get(`/api/v1/tasks/${task.id}`)).json()).toMatchObject({ title: winner, version: task.version + 1 });
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().errors[0]).toMatchObject({ field: 'version' });
  });

  it('assigns to a live rescue team but refuses an archived one (400)', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const team = await fixtureResource(t, 'qz_fengze', 'team');
    const ok = await adhoc(commander, r.id, { title: '救援', assignee: { kind: 'team', id: team } });
    expect(ok.assignee).toMatchObject({ kind: 'team', id: team });
    await sql`UPDATE resource SET archived_at = now() WHERE id = ${team}`.execute(t.platform.db);
    const res = await commander.post(`/api/v1/responses/${r.id}/tasks`, { title: '救援', assignee: { kind: 'team', id: team } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'assignee.id', message: '该队伍已归档，不能派发任务' });
  });

  it('puts a team on a mission while it has an open task, and makes it available when the last one is done or the response ends', async () => {
    const teamStatus = async (id: string) =>
      (await sql<{ status: string }>`SELECT status FROM resource WHERE id = ${id}`.execute(t.platform.db)).rows[0]!.status;
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const team = await fixtureResource(t, 'qz_fengze', 'team');
    expect(await teamStatus(team)).toBe('available');
    const first = await adhoc(commander, r.id, { title: '搜救', assignee: { kind: 'team', id: team } });
    const second = await adhoc(commander, r.id, { title: '转移群众', assignee: { kind: 'team', id: team } });
    expect(await teamStatus(team)).toBe('on_mission');

    // One task done: the other is still open.
    let v = first.version as number;
    for (const to of ['accepted', 'en_route', 'on_site', 'done']) {
      const res = await commander.post(`/api/v1/tasks/${first.id}/transition`, { to, version: v });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version as number;
    }
    expect(await teamStatus(team)).toBe('on_mission');

    // The response ends with the second task still open: the team is free again, audited on the team.
    const current = (await commander.get(`/api/v1/responses/${r.id}`)).json();
    const end = await commander.post(`/api/v1/responses/${r.id}/terminate`, { reason: '险情解除', version: current.version });
    expect(end.statusCode, end.body).toBe(200);
    expect(await teamStatus(team)).toBe('available');
    expect(second.id).toBeTruthy();
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('entity_id', '=', team).execute();
    expect(audit.map((a) => a.action).filter((a) => a.includes('status'))).toHaveLength(2);
  });
});

describe('material dispatch', () => {
  it('takes stock out with the dispatch record atomically; of two parallel dispatches of the last units one gets 409', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV' });
    const task = await adhoc(commander, r.id, { title: '物资保障' });
    const stock = await fixtureStock(t, 'qz_fengze', 5);
    const first = await commander.post(`/api/v1/tasks/${task.id}/materials`, { lineId: stock.line, quantity: 2, note: '帐篷' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ quantity: 2, remaining: 3 });
    const [a, b] = await Promise.all([
      commander.post(`/api/v1/tasks/${task.id}/materials`, { lineId: stock.line, quantity: 3 }),
      second.post(`/api/v1/tasks/${task.id}/materials`, { lineId: stock.line, quantity: 3 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const refused = a.statusCode === 409 ? a : b;
    expect(refused.json().errors[0]).toMatchObject({ field: 'quantity' });
    const line = await sql<{ quantity: string }>`SELECT quantity FROM stock_line WHERE id = ${stock.line}`.execute(t.platform.db);
    expect(Number(line.rows[0]!.quantity)).toBe(0);
    const list = (await commander.get(`/api/v1/tasks/${task.id}/materials`)).json().items;
    expect(list.map((d: Json) => d.quantity)).toEqual([2, 3]);
    const moves = await sql<{ delta: string; ref_id: string }>`
      SELECT delta, ref_id FROM stock_movement WHERE stock_line_id = ${stock.line} AND kind = 'dispatch'`.execute(t.platform.db);
    expect(moves.rows.map((m) => Number(m.delta)).sort((x, y) => x - y)).toEqual([-3, -2]);
    expect(moves.rows.every((m) => m.ref_id === task.id)).toBe(true);
    expect((await timeline(incident)).map((e) => e.kind)).toContain('command.material_dispatched');

    const firstId = first.json().id;
    const over = await commander.post(`/api/v1/tasks/${task.id}/materials/${firstId}/return`, { quantity: 3 });
    expect(over.statusCode).toBe(409);
    const back = await commander.post(`/api/v1/tasks/${task.id}/materials/${firstId}/return`, { note: '未使用' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ quantity: 2, returnedQuantity: 2, remaining: 2 });
    expect((await commander.post(`/api/v1/tasks/${task.id}/materials/${firstId}/return`, {})).statusCode).toBe(409);
  });
});

describe('reminders', () => {
  it('reminds the commander once of a task not accepted within the response’s minutes, and logs it', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await launch(commander, incident, { level: 'IV', escalateAfterMinutes: 10 });
    const task = await adhoc(commander, r.id, { title: '待接收任务', assignee: { kind: 'user', id: workerId } });
    const accepted = await adhoc(commander, r.id, { title: '已接收任务', assignee: { kind: 'user', id: workerId } });
    await worker.post(`/api/v1/tasks/${accepted.id}/transition`, { to: 'accepted', version: accepted.version });
    const notices = async () =>
      (
        await t.platform.db
          .selectFrom('notification')
          .selectAll()
          .where('user_id', '=', commanderId)
          .where('title', '=', '任务超时未接收：待接收任务')
          .execute()
      ).length;
    clock.advance(9 * 60_000);
    await escalateUnacceptedTasks(t.platform);
    expect(await notices()).toBe(0);
    clock.advance(2 * 60_000);
    expect(await escalateUnacceptedTasks(t.platform)).toBeGreaterThanOrEqual(1);
    expect(await notices()).toBe(1);
    await escalateUnacceptedTasks(t.platform);
    expect(await notices()).toBe(1);
    expect((await commander.get(`/api/v1/tasks/${task.id}`)).json().escalatedAt).toBe(new Date(clock.now()).toISOString());
    expect((await commander.get(`/api/v1/tasks/${accepted.id}`)).json().escalatedAt).toBeNull();
    expect(await auditRows(t, 'command.task_escalated', task.id)).toHaveLength(1);
    expect((await timeline(incident)).map((e) => e.kind)).toContain('command.task_escalated');
  });
});

describe('command log and scope', () => {
  it('takes manual entries on the incident timeline', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    const r = await commander.post(`/api/v1/incidents/${incident}/command-log`, { summary: '现场指挥部已开设' });
    expect(r.statusCode, r.body).toBe(201);
    expect(await timeline(incident)).toContainEqual({ kind: 'command.note', summary: '现场指挥部已开设' });
  });

  it('hides another county’s responses and tasks (audited 404)', async () => {
    const fx = await fixtureResponse(t, 'qz_fengze');
    expect((await jinjiang.get(`/api/v1/responses/${fx.response}`)).statusCode).toBe(404);
    expect((await jinjiang.get(`/api/v1/tasks/${fx.task}`)).statusCode).toBe(404);
    expect((await jinjiang.get(`/api/v1/responses?incidentId=${fx.incident}`)).statusCode).toBe(404);
    expect(await auditRows(t, 'access.out_of_scope', fx.response)).toHaveLength(1);
    expect((await commander.get(`/api/v1/responses/${fx.response}`)).statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser } from '../auth/auth.test-support.js';
import { dutyDigest, openItems, runDeadlineJob } from './index.js';
import { advance, deadlinesOf, events, minutes, moveTo, newIncident, notesFor, orgId, userId } from './reporting.test-support.js';

const clock = new ManualClock(new Date(Date.now() + 3 * 86_400_000));
const MIN = 60_000;
let t: TestApp;
let commander: Client; // city leader
let city: Client;
let jinjiang: Client;
let fengze: Client;
let clients: Client[];
let inc: Record<string, any>;

beforeAll(async () => {
  t = await startTestApp({ clock });
  await createTestUser(t, { username: 'in-fz', role: 'duty_officer', org: 'qz_fengze' });
  commander = await t.login('commander');
  city = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  fengze = await t.login('in-fz');
  clients = [commander, city, jinjiang, fengze];
  await runDeadlineJob(t.platform); // demo backlog
  inc = await newIncident(t, jinjiang, { title: '晋江某化工企业泄漏', eventType: '12D02' });
});
afterAll(async () => t?.close());

describe('领导批示', () => {
  let instr: Record<string, any>;

  it('is issued to an org and a named person, with a 2-hour feedback deadline per target', async () => {
    const r = await commander.post(`/api/v1/incidents/${inc.id}/instructions`, {
      text: '请立即组织疏散周边群众，严防次生事故，1 小时内报告处置进展。',
      targets: [{ orgId: await orgId(t, 'qz_jinjiang') }, { userId: await userId(t, 'duty') }],
    });
    expect(r.statusCode, r.body).toBe(201);
    instr = r.json();
    expect(instr).toMatchObject({ author: { name: expect.any(String) }, openTargets: 2, mineOpen: false });
    expect(minutes(instr.issuedAt, instr.dueAt)).toBe(120);
    expect(instr.targets.map((x: { kind: string }) => x.kind).sort()).toEqual(['org', 'user']);
    const dls = (await deadlinesOf(t, inc.id)).filter((d) => d.kind === 'instruction_feedback');
    expect(dls).toHaveLength(2);
    expect(await auditRows(t, 'instruction.issued', instr.id)).toHaveLength(1);
    expect(await events(t, 'instruction.issued', instr.id)).toHaveLength(1);
    const told = (await notesFor(t, inc.id)).filter((n) => n.title.startsWith('领导批示'));
    // the org target reaches Jinjiang's own staff holding incident.update; the named person directly
    expect(told.map((n) => n.username).sort()).toEqual(['duty', 'duty-jinjiang']);
    const timeline = (await jinjiang.get(`/api/v1/incidents/${inc.id}/timeline`)).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toContain('instruction.issued');
  });

  it('shows up in the targets’ “mine” lists', async () => {
    const mine = (await jinjiang.get('/api/v1/instructions/mine?open=true')).json();
    expect(mine.items.find((x: { id: string }) => x.id === instr.id)).toMatchObject({ mineOpen: true });
    const cityMine = (await city.get('/api/v1/instructions/mine?open=true')).json();
    expect(cityMine.items.map((x: { id: string }) => x.id)).toContain(instr.id);
    expect((await fengze.get('/api/v1/instructions/mine')).json().items.map((x: { id: string }) => x.id)).not.toContain(instr.id);
  });

  it('is acknowledged by each target (idempotent), refused to others', async () => {
    expect((await commander.post(`/api/v1/instructions/${instr.id}/ack`)).statusCode).toBe(403);
    expect((await fengze.post(`/api/v1/instructions/${instr.id}/ack`)).statusCode).toBe(404);
    const r = await jinjiang.post(`/api/v1/instructions/${instr.id}/ack`);
    expect(r.statusCode, r.body).toBe(200);
    const org = r.json().targets.find((x: { kind: string }) => x.kind === 'org');
    expect(org).toMatchObject({ acknowledgedAt: clock.now().toISOString(), feedback: null });
    await jinjiang.post(`/api/v1/instructions/${instr.id}/ack`);
    expect(await auditRows(t, 'instruction.acknowledged', instr.id)).toHaveLength(1);
    expect((await notesFor(t, inc.id)).some((n) => n.username === 'commander' && n.title.startsWith('批示已签收'))).toBe(true);
  });

  it('takes feedback, which meets that target’s deadline and tells the author', async () => {
    await advance(t, clients, 30 * MIN);
    expect((await jinjiang.post(`/api/v1/instructions/${instr.id}/feedback`, { text: '' })).statusCode).toBe(400);
    const r = await jinjiang.post(`/api/v1/instructions/${instr.id}/feedback`, { text: '已疏散群众 200 人，泄漏点已封堵。' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ openTargets: 1, mineOpen: false });
    expect((await jinjiang.post(`/api/v1/instructions/${instr.id}/feedback`, { text: '再次反馈' })).statusCode).toBe(409);
    const dls = (await deadlinesOf(t, inc.id)).filter((d) => d.kind === 'instruction_feedback');
    expect(dls.filter((d) => d.satisfied_at)).toHaveLength(1);
    expect(await events(t, 'instruction.answered', instr.id)).toHaveLength(1);
    expect((await notesFor(t, inc.id)).some((n) => n.username === 'commander' && n.title.startsWith('批示已反馈'))).toBe(true);
  });

  it('chases the target that has not answered when the feedback falls due, and tells the author', async () => {
    await advance(t, clients, 91 * MIN);
    await runDeadlineJob(t.platform);
    await runDeadlineJob(t.platform);
    const chased = (await notesFor(t, inc.id)).filter((n) => n.title.startsWith('批示反馈超时'));
    expect(chased.map((n) => n.username).sort()).toEqual(['commander', 'duty']);
    expect(chased.every((n) => n.severity === 'critical')).toBe(true);
    const list = (await city.get(`/api/v1/incidents/${inc.id}/instructions`)).json();
    const target = list.items[0].targets.find((x: { kind: string }) => x.kind === 'user');
    expect(target).toMatchObject({ overdue: true, feedback: null });
    const board = (await city.get('/api/v1/reports/overdue?open=true&limit=500')).json();
    expect(
      board.items.some((d: { kind: string; instructionId: string }) => d.kind === 'instruction_feedback' && d.instructionId === instr.id),
    ).toBe(true);
  });

  it('is listed on the incident for anyone who can read it, and hidden from another county', async () => {
    const list = (await jinjiang.get(`/api/v1/incidents/${inc.id}/instructions`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([instr.id]);
    expect((await fengze.get(`/api/v1/incidents/${inc.id}/instructions`)).statusCode).toBe(404);
  });
});

describe('refusals', () => {
  it('needs incident.instruct; a duty officer may not issue instructions', async () => {
    const r = await city.post(`/api/v1/incidents/${inc.id}/instructions`, {
      text: 'x',
      targets: [{ orgId: await orgId(t, 'qz_jinjiang') }],
    });
    expect(r.statusCode).toBe(403);
  });

  it('names the bad target or due time and writes nothing', async () => {
    const before = await deadlinesOf(t, inc.id);
    const jj = await orgId(t, 'qz_jinjiang');
    const cases: [Record<string, unknown>, string][] = [
      [{ text: 'x', targets: [] }, 'targets'],
      [{ text: 'x', targets: [{ orgId: jj }, { orgId: jj }] }, 'targets.1'],
      [{ text: 'x', targets: [{ userId: '01970000-0000-7000-8000-000000000000' }] }, 'targets.0.userId'],
      [{ text: 'x', targets: [{ orgId: await orgId(t, 'fj') }] }, 'targets.0.orgId'],
      [{ text: 'x', targets: [{ orgId: jj, userId: jj }] }, 'targets.0'],
      [{ text: 'x', targets: [{ orgId: jj }], dueAt: new Date(clock.now().getTime() - MIN).toISOString() }, 'dueAt'],
      [{ text: 'x', targets: [{ orgId: jj }], dueAt: '明天' }, 'dueAt'],
    ];
    for (const [body, field] of cases) {
      const r = await commander.post(`/api/v1/incidents/${inc.id}/instructions`, body);
      expect(r.statusCode, `${JSON.stringify(body)} ${r.body}`).toBe(400);
      expect(r.body, JSON.stringify(body)).toContain(field);
    }
    expect(await deadlinesOf(t, inc.id)).toEqual(before);
  });

  it('refuses instructions on a closed incident', async () => {
    const done = await moveTo(t, jinjiang, await newIncident(t, jinjiang, { title: '晋江已结束事件' }), 'closed');
    const r = await commander.post(`/api/v1/incidents/${done.id}/instructions`, {
      text: 'x',
      targets: [{ orgId: await orgId(t, 'qz_jinjiang') }],
    });
    expect(r.statusCode).toBe(409);
  });
});

describe('what the duty desk reads (dutyDigest, openItems)', () => {
  it('summarises reports and instructions of a period and lists what an org still owes', async () => {
    const jj = await t.platform.db.selectFrom('org').select(['path']).where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow();
    const from = new Date(clock.now().getTime() - 6 * 60 * MIN);
    expect((await jinjiang.post(`/api/v1/incidents/${inc.id}/reports`, { kind: 'first', text: '首报。' })).statusCode).toBe(201);
    const digest = await dutyDigest(t.platform.db, { orgPaths: [jj.path], from, to: new Date(clock.now().getTime() + MIN) });
    expect(digest.reports).toEqual([
      expect.objectContaining({
        incidentId: inc.id,
        kind: 'first',
        fromOrg: '晋江市应急管理局',
        toOrg: '泉州市应急管理局',
        acknowledgedAt: null,
        overdue: true,
      }),
    ]);
    expect(digest.instructions).toEqual([expect.objectContaining({ incidentId: inc.id, openTargets: 1, author: expect.any(String) })]);

    const owed = await openItems(t.platform.db, { orgPath: jj.path, at: clock.now() });
    const mine = owed.reportsDue.filter((d) => d.incidentId === inc.id);
    expect(mine).toEqual([expect.objectContaining({ kind: 'followup', overdue: false })]);
    // Jinjiang answered its instruction; the city's named duty officer did not.
    expect(owed.instructions.map((i) => i.incidentId)).not.toContain(inc.id);
    const cityPath = (await t.platform.db.selectFrom('org').select('path').where('code', '=', 'qz').executeTakeFirstOrThrow()).path;
    const cityOwes = await openItems(t.platform.db, { orgPath: cityPath, at: clock.now() });
    expect(cityOwes.instructions.map((i) => i.incidentId)).toContain(inc.id);
  });
});

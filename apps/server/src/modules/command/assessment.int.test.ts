import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows } from '../auth/auth.test-support.js';
import { pdfText } from '../duty/pdf-text.test-support.js';
import { fixtureIncident } from '../incidents/incidents.test-support.js';
import type { Json } from '../plans/plans.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';

const clock = new ManualClock(new Date());
let t: TestApp;
let commander: Client;
let worker: Client;
let jinjiang: Client;
let workerId: string;

const MIN = 60_000;

/** The PDF's text by pdftotext when installed, else by the test reader. */
function textOf(pdf: Buffer): string {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'assess-'));
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    return pdfText(pdf);
  }
}
const flat = (s: string) => s.replace(/\s+/g, '');

/** Moves the clock forward to `at` in steps of 10 minutes, keeping every session active. */
async function advanceTo(at: number): Promise<void> {
  while (clock.now().getTime() < at) {
    clock.set(new Date(Math.min(at, clock.now().getTime() + 10 * MIN)));
    for (const c of [commander, worker, jinjiang]) await c.get('/api/v1/me');
  }
}

async function ok(res: { statusCode: number; body: string; json: () => Json }, status = 200): Promise<Json> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
  worker = await userWithPermissions(t, 'as-worker', ['command.read', 'task.update'], 'qz_fengze');
  workerId = (await t.platform.db.selectFrom('app_user').select('id').where('username', '=', 'as-worker').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

/**
 * An incident that occurred at T, was received at T+12 min, a response launched at T+30, a task
 * on site at T+55 and done at T+70 (deadline T+60: overdue), a second task never done, terminated at T+120.
 */
async function scenario(): Promise<{ incident: string; response: Json; start: number }> {
  const start = clock.now().getTime();
  const incident = await fixtureIncident(t, 'qz_fengze');
  await sql`UPDATE incident SET occurred_at = ${new Date(start)}, received_at = ${new Date(start + 12 * MIN)},
    dead = 1, seriously_injured = 3 WHERE id = ${incident}`.execute(t.platform.db);
  await advanceTo(start + 30 * MIN);
  const response = await ok(await commander.post(`/api/v1/incidents/${incident}/responses`, { level: 'III' }), 201);
  const task = await ok(
    await commander.post(`/api/v1/responses/${response.id}/tasks`, {
      title: '转移群众',
      assignee: { kind: 'user', id: workerId },
      deadline: new Date(start + 60 * MIN).toISOString(),
    }),
    201,
  );
  await ok(
    await commander.post(`/api/v1/responses/${response.id}/tasks`, {
      title: '巡查堤防',
      deadline: new Date(start + 90 * MIN).toISOString(),
    }),
    201,
  );
  let v = task.version;
  for (const [to, at] of [
    ['accepted', 35],
    ['en_route', 40],
    ['on_site', 55],
    ['done', 70],
  ] as const) {
    await advanceTo(start + at * MIN);
    v = (await ok(await worker.post(`/api/v1/tasks/${task.id}/transition`, { to, version: v }))).version;
  }
  await advanceTo(start + 120 * MIN);
  return { incident, response, start };
}

describe('situation summary', () => {
  it('sums casualties, responses with levels, tasks by status and assignees, and exports a PDF', async () => {
    const { incident, response } = await scenario();
    const s = await ok(await commander.get(`/api/v1/incidents/${incident}/situation`));
    expect(s.casualties).toEqual({ dead: 1, missing: 0, seriouslyInjured: 3, lightlyInjured: 0 });
    expect(s.casualtyTrend.at(-1)).toMatchObject({ source: '事件记录', dead: 1 });
    expect(s.responses).toEqual([expect.objectContaining({ id: response.id, level: 'III', status: 'active' })]);
    expect(s.tasksByStatus).toEqual({ done: 1, assigned: 1 });
    expect(s.assignees).toEqual([{ kind: 'user', name: 'as-worker', tasks: 1 }]);
    const pdf = await commander.get(`/api/v1/incidents/${incident}/situation.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(flat(textOf(pdf.rawPayload))).toContain('综合信息汇总');
  });

  it('is not shown outside the actor’s scope', async () => {
    const incident = await fixtureIncident(t, 'qz_fengze');
    expect((await jinjiang.get(`/api/v1/incidents/${incident}/situation`)).statusCode).toBe(404);
  });
});

describe('after-action assessment', () => {
  let id: string;

  it('opens on termination with measures computed from the real timestamps', async () => {
    const { response, start } = await scenario();
    await ok(await commander.post(`/api/v1/responses/${response.id}/terminate`, { reason: '险情解除' }));
    id = response.id;
    const a = await ok(await commander.get(`/api/v1/assessments/${id}`));
    expect(a).toMatchObject({ id, responseId: id, level: 'III', version: 1, canEdit: true });
    expect(a.measures).toMatchObject({
      occurrenceToReceiptMin: 12,
      receiptToFirstReportMin: null,
      receiptToLaunchMin: 18,
      launchToFirstOnSiteMin: 25,
      firstOnSiteAt: new Date(start + 55 * MIN).toISOString(),
      terminatedAt: new Date(start + 120 * MIN).toISOString(),
      tasksTotal: 2,
      tasksDone: 1,
      completionRate: 50,
      tasksOverdue: 2,
      overdueRate: 100,
    });
    expect(await auditRows(t, 'command.assessment_opened', id)).toHaveLength(1);
    const list = await ok(await commander.get('/api/v1/assessments'));
    expect(list.items.map((x: Json) => x.id)).toContain(id);
  });

  it('saves the evaluation with the version seen; a stale version is a 409, a bad score a 400', async () => {
    const evaluation = {
      speed: { score: 4, comment: '响应及时' },
      coordination: { score: 3, comment: '' },
      resources: { score: 5, comment: '' },
      reporting: { score: null, comment: '' },
      overall: { score: 4, comment: '总体良好' },
      lessons: '预置力量需前移',
    };
    const saved = await ok(await commander.put(`/api/v1/assessments/${id}/evaluation`, { evaluation, version: 1 }));
    expect(saved).toMatchObject({ version: 2, evaluation });
    const stale = await commander.put(`/api/v1/assessments/${id}/evaluation`, { evaluation, version: 1 });
    expect(stale.statusCode).toBe(409);
    const bad = await commander.put(`/api/v1/assessments/${id}/evaluation`, {
      evaluation: { ...evaluation, speed: { score: 6, comment: '' } },
      version: 2,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('评分应在 1 到 5 之间');
    expect(await auditRows(t, 'command.assessment_evaluated', id)).toHaveLength(1);
  });

  it('tracks corrective actions to closure, audited', async () => {
    const org = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_fengze').executeTakeFirstOrThrow();
    const action = await ok(
      await commander.post(`/api/v1/assessments/${id}/actions`, {
        title: '完善转移路线图',
        ownerOrgId: org.id,
        ownerUserId: workerId,
        deadline: new Date(clock.now().getTime() + 30 * 24 * 60 * MIN).toISOString(),
      }),
      201,
    );
    expect(action).toMatchObject({ status: 'open', ownerUserName: 'as-worker', overdue: false });
    const closed = await ok(await commander.post(`/api/v1/assessments/${id}/actions/${action.id}/close`, { note: '已印发' }));
    expect(closed).toMatchObject({ status: 'done', note: '已印发' });
    expect((await commander.post(`/api/v1/assessments/${id}/actions/${action.id}/close`, {})).statusCode).toBe(409);
    expect(await auditRows(t, 'command.assessment_action_closed', id)).toHaveLength(1);
    const badOwner = await commander.post(`/api/v1/assessments/${id}/actions`, { title: 'x', ownerOrgId: workerId });
    expect(badOwner.statusCode).toBe(400);
  });

  it('exports a PDF report with the measured times', async () => {
    const pdf = await commander.get(`/api/v1/assessments/${id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = flat(textOf(pdf.rawPayload));
    expect(text).toContain('接报至启动响应');
    expect(text).toContain('18分钟');
    expect(text).toContain('25分钟');
    expect(text).toContain('完善转移路线图');
  });

  it('is hidden outside the actor’s scope', async () => {
    expect((await jinjiang.get(`/api/v1/assessments/${id}`)).statusCode).toBe(404);
    expect((await jinjiang.get('/api/v1/assessments')).json().items.map((x: Json) => x.id)).not.toContain(id);
    expect((await jinjiang.put(`/api/v1/assessments/${id}/evaluation`, { evaluation: {}, version: 1 })).statusCode).toBeGreaterThanOrEqual(
      400,
    );
  });
});

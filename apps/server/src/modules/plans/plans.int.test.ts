import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { auditRows } from '../auth/auth.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';
import { activePlan, draftPlan, incidentWith, planBody, step, type Json } from './plans.test-support.js';

let t: TestApp;
let author: Client;
let commander: Client;
let both: Client;
let viewer: Client;
let jinjiang: Client;

const count = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('plan' as never)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const events = async (name: string, planId: string) =>
  (await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute()).filter(
    (r) => (r.payload as { planId?: string }).planId === planId,
  );
const post = (c: Client, id: string, action: string, body: unknown = {}) => c.post(`/api/v1/plans/${id}/${action}`, body);

beforeAll(async () => {
  t = await startTestApp();
  author = await userWithPermissions(t, 'p-author', ['plan.read', 'plan.manage']);
  both = await userWithPermissions(t, 'p-both', ['plan.read', 'plan.manage', 'plan.approve']);
  commander = await t.login('commander');
  viewer = await t.login('viewer');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

describe('drafting', () => {
  it('creates version 1 as a draft, levels in order I → IV, audited', async () => {
    const body = planBody();
    const p = await draftPlan(author, { ...body, levels: [...(body.levels as unknown[])].reverse() });
    expect(p).toMatchObject({
      status: 'draft',
      versionNo: 1,
      revision: 1,
      seriesId: p.id,
      name: '测试防台风应急预案',
      eventCodes: ['11B01'],
    });
    expect(p.levels.map((l: Json) => l.level)).toEqual(['III', 'IV']);
    expect(p.abilities).toMatchObject({ edit: true, submit: true, approve: false, activate: false });
    expect(await auditRows(t, 'plan.created', p.id)).toHaveLength(1);
  });

  it.each([
    [{ eventCodes: ['11B77'] }, 'eventCodes', '未知的事件类型代码'],
    [{ eventCodes: ['台风'] }, 'eventCodes.0', '5 位国家代码'],
    [
      { levels: [{ level: 'IV', start: { mode: 'any', conditions: [{ kind: 'eventCode', codes: ['99Z99'] }] }, tasks: [] }] },
      'levels.0.start.conditions.0.codes',
      '未知的事件类型代码',
    ],
    [
      { levels: [{ level: 'IV', start: { mode: 'any', conditions: [{ kind: 'dead', min: 0 }] }, tasks: [] }] },
      'levels.0.start.conditions.0.min',
      '',
    ],
    [{ levels: [{ level: 'IV', start: { mode: 'sometimes', conditions: [] } }] }, 'levels.0.start.mode', ''],
  ])('refuses %j with a 400 naming %s, writing nothing', async (patch, field, message) => {
    const before = await count();
    const r = await author.post('/api/v1/plans', planBody(patch));
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const errors = r.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toContain(field);
    expect(errors.find((e) => e.field === field)!.message).toContain(message);
    expect(await count()).toBe(before);
  });

  it('needs plan.manage', async () => {
    expect((await viewer.post('/api/v1/plans', planBody())).statusCode).toBe(403);
  });
});

describe('workflow', () => {
  it('edits only in draft, and refuses a stale revision with 409', async () => {
    const p = await draftPlan(author);
    const edited = await author.put(`/api/v1/plans/${p.id}`, planBody({ name: '测试防台风应急预案（修改）', revision: 1 }));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, name: '测试防台风应急预案（修改）' });

    const stale = await author.put(`/api/v1/plans/${p.id}`, planBody({ name: '旧页面的修改', revision: 1 }));
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().errors[0].field).toBe('revision');

    await step(author, p.id, 'submit', { revision: 2 });
    const late = await author.put(`/api/v1/plans/${p.id}`, planBody());
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().detail).toContain('只有草稿可以修改');
    expect((await auditRows(t, 'plan.edited', p.id)).length).toBe(1);
  });

  it('a stale revision on a workflow step is a 409 too', async () => {
    const p = await draftPlan(author);
    const r = await post(author, p.id, 'submit', { revision: 7 });
    expect(r.statusCode, r.body).toBe(409);
  });

  it('needs an approver other than the author or submitter', async () => {
    const p = await draftPlan(both);
    await step(both, p.id, 'submit');
    const self = await post(both, p.id, 'approve');
    expect(self.statusCode, self.body).toBe(403);
    expect(self.json().detail).toContain('审批人不能是该预案的编制人');
    expect(
      (await t.platform.db
        .selectFrom('plan' as never)
        .select('status' as never)
        .where('id' as never, '=', p.id as never)
        .executeTakeFirstOrThrow()) as Json,
    ).toEqual({
      status: 'submitted',
    });
    const ok = await step(commander, p.id, 'approve', { note: '同意' });
    expect(ok).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expect(await auditRows(t, 'plan.approved', p.id)).toHaveLength(1);
  });

  it('an author cannot approve without plan.approve; a reject sends the draft back with the reason', async () => {
    const p = await draftPlan(author);
    await step(author, p.id, 'submit');
    expect((await post(author, p.id, 'approve')).statusCode).toBe(403);
    const back = await step(commander, p.id, 'reject', { reason: '请补充Ⅰ级响应' });
    expect(back).toMatchObject({ status: 'draft', rejectReason: '请补充Ⅰ级响应' });
    expect((await author.put(`/api/v1/plans/${p.id}`, planBody())).statusCode).toBe(200);
  });

  it('refuses steps out of order with 409', async () => {
    const p = await draftPlan(author);
    expect((await post(commander, p.id, 'approve')).statusCode).toBe(409);
    expect((await post(commander, p.id, 'activate')).statusCode).toBe(409);
    expect((await post(author, p.id, 'versions')).statusCode).toBe(409);
  });

  it('a new version copies the content; activating it retires the version in force', async () => {
    const v1 = await activePlan(author, commander, planBody({ name: '测试版本预案' }));
    expect(v1.status).toBe('active');

    const r = await author.post(`/api/v1/plans/${v1.id}/versions`);
    expect(r.statusCode, r.body).toBe(201);
    const v2 = r.json();
    expect(v2).toMatchObject({ status: 'draft', versionNo: 2, seriesId: v1.id, previousVersionId: v1.id, name: '测试版本预案' });
    expect(v2.levels).toEqual(v1.levels);
    // One open version at a time.
    expect((await author.post(`/api/v1/plans/${v1.id}/versions`)).statusCode).toBe(409);

    const levels = [
      ...v2.levels,
      { level: 'II', start: { mode: 'all', conditions: [{ kind: 'warningColour', min: 'orange' }] }, tasks: [] },
    ];
    await author.put(`/api/v1/plans/${v2.id}`, planBody({ name: '测试版本预案（2026修订）', levels, revision: v2.revision }));
    await step(author, v2.id, 'submit');
    await step(commander, v2.id, 'approve');
    const activated = await step(commander, v2.id, 'activate');
    expect(activated.status).toBe('active');

    const old = (await commander.get(`/api/v1/plans/${v1.id}`)).json();
    expect(old).toMatchObject({ status: 'retired', retiredAt: expect.any(String) });
    expect(await auditRows(t, 'plan.retired', v1.id)).toHaveLength(1);
    const [retired] = await events('plan.retired', v1.id);
    expect(retired).toMatchObject({ topic: 'plans', permission: 'plan.read', payload: { status: 'retired', supersededBy: v2.id } });
    expect(await events('plan.activated', v2.id)).toHaveLength(1);

    const history = (await viewer.get(`/api/v1/plans/${v1.id}/versions`)).json().items as Json[];
    expect(history.map((h) => [h.versionNo, h.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);

    const diff = await viewer.get(`/api/v1/plans/${v2.id}/diff?against=${v1.id}`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().from).toEqual({ id: v1.id, versionNo: 1 });
    expect(diff.json().changes.map((c: Json) => `${c.scope} ${c.op} ${c.path}`)).toEqual(['field changed name', 'level added levels.II']);

    const other = await draftPlan(author);
    const cross = await viewer.get(`/api/v1/plans/${v2.id}/diff?against=${other.id}`);
    expect(cross.statusCode).toBe(400);
    expect(cross.json().errors[0].field).toBe('against');
  });
});

describe('versions in force', () => {
  it('activating a version also retires approved versions of the plan never put in force', async () => {
    const v1 = await activePlan(author, commander, planBody({ name: '测试多版本预案' }));
    const v2 = (await author.post(`/api/v1/plans/${v1.id}/versions`)).json();
    await step(author, v2.id, 'submit');
    await step(commander, v2.id, 'approve');
    const v3 = (await author.post(`/api/v1/plans/${v2.id}/versions`)).json();
    expect(v3).toMatchObject({ versionNo: 3, previousVersionId: v2.id });
    await step(author, v3.id, 'submit');
    await step(commander, v3.id, 'approve');
    await step(commander, v3.id, 'activate');
    const history = (await viewer.get(`/api/v1/plans/${v3.id}/versions`)).json().items as Json[];
    expect(history.map((h) => [h.versionNo, h.status])).toEqual([
      [3, 'active'],
      [2, 'retired'],
      [1, 'retired'],
    ]);
    const retiredOne = (await viewer.get(`/api/v1/plans/${v1.id}`)).json();
    expect(retiredOne.abilities).toMatchObject({ newVersion: false, activate: false, retire: false });
  });
});

describe('list and scope', () => {
  it('filters by status, type, level, event code and name', async () => {
    const all = (await viewer.get('/api/v1/plans?limit=500')).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    const active = (await viewer.get('/api/v1/plans?status=active&eventCode=12D00')).json();
    expect(active.items.map((p: Json) => p.name)).toEqual(['泉州市危险化学品事故应急预案']);
    const named = (await viewer.get(`/api/v1/plans?q=${encodeURIComponent('防台风')}&level=city&type=special`)).json();
    expect(named.items.length).toBeGreaterThan(0);
    expect(named.items.every((p: Json) => p.name.includes('防台风') && p.level === 'city')).toBe(true);
    const bad = await viewer.get('/api/v1/plans?status=published');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('status');
  });

  it('pages with a cursor', async () => {
    const first = (await viewer.get('/api/v1/plans?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await viewer.get(`/api/v1/plans?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].id).not.toBe(first.items[1].id);
  });

  it('shows a county user only plans of their subtree; another org’s plan is an audited 404', async () => {
    const items = (await jinjiang.get('/api/v1/plans?limit=500')).json().items as Json[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.orgName.includes('晋江'))).toBe(true);
    const cityPlan = (await viewer.get('/api/v1/plans?status=active&eventCode=12D00')).json().items[0];
    const before = (await auditRows(t, 'access.out_of_scope', cityPlan.id)).length;
    expect((await jinjiang.get(`/api/v1/plans/${cityPlan.id}`)).statusCode).toBe(404);
    expect(await auditRows(t, 'access.out_of_scope', cityPlan.id)).toHaveLength(before + 1);
  });
});

describe('matching an incident', () => {
  it('ranks the typhoon plans first and suggests the level whose conditions hold', async () => {
    const id = await incidentWith(t, 'qz', { eventType: '11B01', evacuated: 20_000 });
    const r = await viewer.get(`/api/v1/plans/match?incidentId=${id}&warningColour=yellow`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.facts).toMatchObject({ eventCode: '11B01', evacuated: 20_000, warningColour: 'yellow' });
    // Other active typhoon plans made by earlier tests rank alongside; the demo plan is among the exact matches.
    expect(body.items[0].eventMatch).toBe('exact');
    const top = body.items.find((m: Json) => m.name === '泉州市防台风应急预案');
    expect(top).toMatchObject({ name: '泉州市防台风应急预案', eventMatch: 'exact', suggestedLevel: 'III' });
    const two = top.levels.find((l: Json) => l.level === 'II');
    expect(two.met).toBe(false);
    expect(two.unmatched.map((c: Json) => c.condition.kind)).toContain('warningColour');
    const three = top.levels.find((l: Json) => l.level === 'III');
    expect(three.matched.map((c: Json) => c.condition.kind).sort()).toEqual(['evacuated', 'warningColour']);
    expect(body.items.some((m: Json) => m.name === '泉州市危险化学品事故应急预案')).toBe(false);
  });

  it('matches a hazardous chemicals explosion by its class code, from casualties', async () => {
    const id = await incidentWith(t, 'qz', { eventType: '12D01', dead: 4, grade: 3 });
    const body = (await viewer.get(`/api/v1/plans/match?incidentId=${id}`)).json();
    expect(body.items.map((m: Json) => [m.name, m.eventMatch, m.suggestedLevel])).toEqual([
      ['泉州市危险化学品事故应急预案', 'class', 'III'],
    ]);
  });

  it('does not match an incident the user cannot see', async () => {
    const id = await incidentWith(t, 'qz_fengze', { eventType: '11B01' });
    expect((await jinjiang.get(`/api/v1/plans/match?incidentId=${id}`)).statusCode).toBe(404);
  });
});

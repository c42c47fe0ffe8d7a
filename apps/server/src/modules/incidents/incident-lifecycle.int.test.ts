import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { auditRows, createTestUser } from '../auth/auth.test-support.js';
import { createIncident, incidentBody, incidentEvents, PLACES } from './incidents.test-support.js';

// Two days after the snapshot was seeded: demo incidents lie in the past, demo passwords are still fresh.
const clock = new ManualClock(new Date(Date.now() + 2 * 86_400_000));
let t: TestApp;
let duty: Client;
let commander: Client;
let jinjiang: Client;
let viewer: Client;

const status = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/v1/incidents/${id}/status`, body);
const kinds = async (c: Client, id: string) =>
  (await c.get(`/api/v1/incidents/${id}/timeline?limit=500`)).json().items.map((e: { kind: string }) => e.kind);

beforeAll(async () => {
  t = await startTestApp({ clock });
  duty = await t.login('duty');
  commander = await t.login('commander');
  jinjiang = await t.login('duty-jinjiang');
  viewer = await t.login('viewer');
});
afterAll(async () => t?.close());

describe('lifecycle', () => {
  it('walks received → verified → responding → closed, each step on the timeline, audited and emitted', async () => {
    const inc = await createIncident(jinjiang, incidentBody(clock.now(), { title: '生命周期测试' }));
    let version = inc.version as number;
    for (const next of ['verified', 'responding', 'closed']) {
      const r = await status(jinjiang, inc.id, { status: next, version });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().status).toBe(next);
      version = r.json().version;
    }
    expect(await kinds(jinjiang, inc.id)).toEqual(['created', 'status_changed', 'status_changed', 'status_changed']);
    const audit = await auditRows(t, 'incident.status_changed', inc.id);
    expect(audit.map((a) => (a.after as { status: string }).status)).toEqual(['verified', 'responding', 'closed']);
    const events = await incidentEvents(t, 'incident.status_changed', inc.id);
    expect(events.map((e) => (e.payload as { previousStatus: string }).previousStatus)).toEqual(['received', 'verified', 'responding']);
    expect(events[0]!.org_path).toBe('fj.qz.qz_jinjiang');

    // A closed incident cannot be reopened: 409, and nothing is recorded.
    const reopen = await status(jinjiang, inc.id, { status: 'received', version });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json()).toMatchObject({ code: 'CONFLICT', from: 'closed', to: 'received' });
    expect(await auditRows(t, 'incident.status_changed', inc.id)).toHaveLength(3);
    expect((await jinjiang.get(`/api/v1/incidents/${inc.id}`)).json().abilities.changeStatus).toEqual([]);
  });

  it('refuses a skipped step and a stale version with 409', async () => {
    const inc = await createIncident(jinjiang, incidentBody(clock.now()));
    expect((await status(jinjiang, inc.id, { status: 'closed', version: 1 })).statusCode).toBe(409);
    expect((await status(jinjiang, inc.id, { status: 'verified', version: 1 })).statusCode).toBe(200);
    const stale = await status(jinjiang, inc.id, { status: 'responding', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2 });
  });

  it('marks a false report only with a reason', async () => {
    const inc = await createIncident(jinjiang, incidentBody(clock.now()));
    const noReason = await status(jinjiang, inc.id, { status: 'false_report', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const ok = await status(jinjiang, inc.id, { status: 'false_report', reason: '回访核实为误报', version: 1 });
    expect(ok.json()).toMatchObject({ status: 'false_report', statusReason: '回访核实为误报' });
    const edit = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 1, version: 2 });
    expect(edit.statusCode).toBe(409);
  });

  it('merges a duplicate into a visible incident, recording it on both timelines', async () => {
    const target = await createIncident(jinjiang, incidentBody(clock.now(), { title: '合并目标' }));
    const dup = await createIncident(jinjiang, incidentBody(clock.now(), { title: '重复接报' }));
    expect(dup.duplicateCandidates.map((c: { id: string }) => c.id)).toContain(target.id);
    expect((await jinjiang.post(`/api/v1/incidents/${dup.id}/merge`, { intoId: dup.id, reason: '重复' })).json().errors[0].field).toBe(
      'intoId',
    );
    const r = await jinjiang.post(`/api/v1/incidents/${dup.id}/merge`, { intoId: target.id, reason: '同一起事件重复接报', version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect(await kinds(jinjiang, dup.id)).toContain('merged');
    expect(await kinds(jinjiang, target.id)).toContain('merged_in');
    expect(await auditRows(t, 'incident.merged', dup.id)).toHaveLength(1);
    // merging into a merged incident, or merging again, is refused
    const third = await createIncident(jinjiang, incidentBody(clock.now()));
    expect((await jinjiang.post(`/api/v1/incidents/${third.id}/merge`, { intoId: dup.id, reason: '重复接报' })).statusCode).toBe(409);
    expect((await jinjiang.post(`/api/v1/incidents/${dup.id}/merge`, { intoId: third.id, reason: '重复接报' })).statusCode).toBe(409);
  });

  it('does not let a county merge into another county’s incident', async () => {
    const fengze = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_fengze').executeTakeFirstOrThrow();
    const other = await createIncident(duty, incidentBody(clock.now(), { orgId: fengze.id, location: { ...PLACES.fengze, crs: 'wgs84' } }));
    const mine = await createIncident(jinjiang, incidentBody(clock.now()));
    const r = await jinjiang.post(`/api/v1/incidents/${mine.id}/merge`, { intoId: other.id, reason: '重复接报' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('intoId');
    expect((await jinjiang.get(`/api/v1/incidents/${mine.id}`)).json().status).toBe('received');
  });
});

describe('grading on update and by hand', () => {
  it('recomputes the grade on every update and alerts the desks when it escalates', async () => {
    const inc = await createIncident(jinjiang, incidentBody(clock.now(), { eventType: '12C01', dead: 2 }));
    expect(inc.grade).toBe(4);
    const r = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 3, version: inc.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ grade: 3, computedGrade: 3, dead: 3, version: 2 });
    const graded = await incidentEvents(t, 'incident.graded', inc.id);
    expect(graded.map((e) => e.payload)).toEqual([expect.objectContaining({ grade: 3, previousGrade: 4 })]);
    const audit = await auditRows(t, 'incident.updated', inc.id);
    expect(audit[0]).toMatchObject({
      before: expect.objectContaining({ dead: 2, grade: 4 }),
      after: expect.objectContaining({ dead: 3, grade: 3 }),
    });
    const notes = await t.platform.db.selectFrom('notification').selectAll().where('link', '=', `/incidents/${inc.id}`).execute();
    expect(notes.some((n) => n.title.startsWith('事件升级为较大'))).toBe(true);

    // 10 dead: 重大 → critical alerts
    const ten = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 10, version: 2 });
    expect(ten.json().grade).toBe(2);
    const critical = await t.platform.db
      .selectFrom('notification')
      .selectAll()
      .where('link', '=', `/incidents/${inc.id}`)
      .where('severity', '=', 'critical')
      .execute();
    expect(critical.length).toBeGreaterThan(0);
    expect((await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 11, version: 2 })).statusCode).toBe(409);
    expect((await kinds(jinjiang, inc.id)).filter((k: string) => k !== 'duplicate_hint')).toEqual([
      'created',
      'updated',
      'graded',
      'updated',
      'graded',
    ]);
  });

  it('refuses bad patches with a field error', async () => {
    const inc = await createIncident(jinjiang, incidentBody(clock.now()));
    for (const [body, field] of [
      [{ dead: -1, version: 1 }, 'dead'],
      [{ eventType: '99999', version: 1 }, 'eventType'],
      [{ occurredAt: new Date(clock.now().getTime() + 3_600_000).toISOString(), version: 1 }, 'occurredAt'],
      [{ location: null, version: 1 }, 'location'],
      [{ dead: 1 }, 'version'],
    ] as const) {
      const r = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, body);
      expect(r.statusCode, `${field}: ${r.body}`).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await jinjiang.get(`/api/v1/incidents/${inc.id}`)).json().version).toBe(1);
  });

  it('overrides the grade only with incident.grade and a reason, audited before/after; an escalation beats the override', async () => {
    const inc = await createIncident(jinjiang, incidentBody(clock.now(), { eventType: '12H02', dead: 1 }));
    expect((await jinjiang.post(`/api/v1/incidents/${inc.id}/grade`, { grade: 2, reason: '社会影响较大' })).statusCode).toBe(403);
    const short = await commander.post(`/api/v1/incidents/${inc.id}/grade`, { grade: 2, reason: '影响' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('reason');
    const r = await commander.post(`/api/v1/incidents/${inc.id}/grade`, { grade: 3, reason: '涉及校车，社会影响较大' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ grade: 3, gradeSource: 'override', computedGrade: 4, gradeReason: '涉及校车，社会影响较大' });
    const audit = await auditRows(t, 'incident.grade_overridden', inc.id);
    expect(audit[0]).toMatchObject({
      before: { grade: 4, gradeSource: 'computed', computedGrade: 4 },
      after: expect.objectContaining({ grade: 3 }),
    });

    // A smaller change keeps the override; a computed grade more severe than it takes over.
    const v = r.json().version;
    const keep = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 2, version: v });
    expect(keep.json()).toMatchObject({ grade: 3, gradeSource: 'override', computedGrade: 4 });
    const up = await jinjiang.patch(`/api/v1/incidents/${inc.id}`, { dead: 10, version: v + 1 });
    expect(up.json()).toMatchObject({ grade: 2, gradeSource: 'computed', gradeReason: null });
  });
});

describe('grading rules', () => {
  it('shows the rules to readers and lets only a city-level grader change them', async () => {
    const rules = (await viewer.get('/api/v1/incidents/grading-rules')).json().items;
    expect(rules).toContainEqual({ category: '12000', criterion: 'dead', grade: 1, threshold: 30 });
    expect(rules).toContainEqual({ category: '12000', criterion: 'direct_loss_yuan', grade: 3, threshold: 10_000_000 });

    await createTestUser(t, { username: 'jj-commander', role: 'commander', org: 'qz_jinjiang' });
    const county = await t.login('jj-commander');
    const body = {
      rules: [
        { category: '13000', criterion: 'dead', grade: 3, threshold: 1 },
        { category: '13000', criterion: 'casualties', grade: 4, threshold: 1 },
        { category: '13000', criterion: 'injured', grade: 3, threshold: 20 },
      ],
    };
    expect((await county.put('/api/v1/incidents/grading-rules', body)).statusCode).toBe(403);
    expect((await duty.put('/api/v1/incidents/grading-rules', body)).statusCode).toBe(403);
    const bad = await commander.put('/api/v1/incidents/grading-rules', {
      rules: [
        { category: '13000', criterion: 'dead', grade: 2, threshold: 1 },
        { category: '13000', criterion: 'dead', grade: 3, threshold: 5 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('rules.0.threshold');

    const ok = await commander.put('/api/v1/incidents/grading-rules', body);
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json().items;
    expect(after.filter((r: { category: string }) => r.category === '13000')).toHaveLength(3);
    expect(after.filter((r: { category: string }) => r.category === '12000').length).toBe(
      rules.filter((r: { category: string }) => r.category === '12000').length,
    );
    expect(await auditRows(t, 'incident.grading_rules_updated')).toHaveLength(1);
    const poisoning = await createIncident(jinjiang, incidentBody(clock.now(), { eventType: '13B03', lightlyInjured: 25 }));
    expect(poisoning.grade).toBe(3);
  });
});

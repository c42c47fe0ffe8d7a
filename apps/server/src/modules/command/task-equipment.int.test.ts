import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { auditRows } from '../auth/auth.test-support.js';
import { pdfText } from '../duty/pdf-text.test-support.js';
import { fixtureIncident } from '../incidents/incidents.test-support.js';
import type { Json } from '../plans/plans.test-support.js';
import { archiveResource } from '../resources/resources.service.js';
import { fixtureResource } from '../resources/resources.test-support.js';
import { userWithPermissions } from '../warnings/warnings.test-support.js';
import { commandDb } from './command.tables.js';
import { fixtureResponse } from './command.test-support.js';

/** The PDF's text by pdftotext when installed, else by the test reader. */
function pdfTextOf(pdf: Buffer): string {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'equipment-'));
    writeFileSync(join(dir, 's.pdf'), pdf);
    return execFileSync('pdftotext', [join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
  } catch {
    return pdfText(pdf);
  }
}

let t: TestApp;
let commander: Client;
let second: Client;
let fengzeOnly: Client;
let jinjiang: Client;

const status = async (id: string) =>
  (await t.platform.db.selectFrom('resource').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const timelineKinds = async (incidentId: string) =>
  (await t.platform.db.selectFrom('incident_timeline').select('kind').where('incident_id', '=', incidentId).execute()).map((r) => r.kind);

async function launch(incidentId: string): Promise<Json> {
  const r = await commander.post(`/api/v1/incidents/${incidentId}/responses`, { level: 'IV' });
  if (r.statusCode !== 201) throw new Error(`launch failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

async function adhoc(responseId: string, title: string): Promise<Json> {
  const r = await commander.post(`/api/v1/responses/${responseId}/tasks`, { title });
  if (r.statusCode !== 201) throw new Error(`task failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** A response on a new Fengze incident with one ad-hoc task, and a drone available in Fengze. */
async function setup(): Promise<{ incident: string; response: Json; task: Json; drone: string }> {
  const incident = await fixtureIncident(t, 'qz_fengze');
  const response = await launch(incident);
  const task = await adhoc(response.id, '无人机侦察');
  const drone = await fixtureResource(t, 'qz_fengze', 'equipment', { name: '侦察无人机 01' });
  return { incident, response, task, drone };
}

beforeAll(async () => {
  t = await startTestApp();
  commander = await t.login('commander');
  second = await userWithPermissions(t, 'te-second', ['command.read', 'command.dispatch', 'incident.read', 'resource.read']);
  fengzeOnly = await userWithPermissions(
    t,
    'te-fengze',
    ['command.read', 'command.dispatch', 'incident.read', 'resource.read'],
    'qz_fengze',
  );
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

describe('dispatching equipment to a task', () => {
  it('puts the equipment in use, lists it, and writes the timeline and the audit on task and equipment', async () => {
    const { incident, task, drone } = await setup();
    const r = await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone, note: '航拍灾情' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      taskId: task.id,
      equipmentId: drone,
      name: '侦察无人机 01',
      equipmentType: 'drone',
      note: '航拍灾情',
      returnedAt: null,
    });
    expect(await status(drone)).toBe('in_use');
    const list = (await commander.get(`/api/v1/tasks/${task.id}/equipment`)).json().items;
    expect(list.map((a: Json) => a.id)).toEqual([r.json().id]);
    expect(await timelineKinds(incident)).toContain('command.equipment_dispatched');
    expect(await auditRows(t, 'command.equipment_dispatched', task.id)).toHaveLength(1);
    const situation = (await commander.get(`/api/v1/incidents/${incident}/situation`)).json();
    expect(situation.equipment).toEqual([{ equipmentType: 'drone', dispatched: 1, out: 1 }]);
    // The situation report lists it among the forces sent.
    const pdf = await commander.get(`/api/v1/incidents/${incident}/situation.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdfTextOf(pdf.rawPayload).replace(/\s+/g, '')).toContain('无人机（在用1）');
    const onDrone = await auditRows(t, 'resource.status_changed', drone);
    expect(onDrone).toHaveLength(1);
    expect(onDrone[0]).toMatchObject({
      before: expect.objectContaining({ status: 'available' }),
      after: expect.objectContaining({ status: 'in_use' }),
    });
  });

  it('refuses a second allocation of the same equipment (409), also when two arrive at once: exactly one wins', async () => {
    const { response, task, drone } = await setup();
    const other = await adhoc(response.id, '另一项任务');
    expect((await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone })).statusCode).toBe(201);
    const again = await commander.post(`/api/v1/tasks/${other.id}/equipment`, { equipmentId: drone });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('使用中');

    const pump = await fixtureResource(t, 'qz_fengze', 'equipment', { name: '排涝泵 02', attrs: { equipmentType: 'pump' } });
    const [a, b] = await Promise.all([
      commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: pump }),
      second.post(`/api/v1/tasks/${other.id}/equipment`, { equipmentId: pump }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const open = await commandDb(t.platform.db)
      .selectFrom('command_task_equipment')
      .select('task_id')
      .where('equipment_id', '=', pump)
      .where('returned_at', 'is', null)
      .execute();
    expect(open).toHaveLength(1);
    expect(await auditRows(t, 'resource.status_changed', pump)).toHaveLength(1);
  });

  it('refuses equipment under maintenance, retired or archived (409, nothing written)', async () => {
    const { task } = await setup();
    const broken = await fixtureResource(t, 'qz_fengze', 'equipment', { status: 'maintenance' });
    const scrapped = await fixtureResource(t, 'qz_fengze', 'equipment', { status: 'retired' });
    const archived = await fixtureResource(t, 'qz_fengze', 'equipment');
    await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) => archiveResource(ctx, 'equipment', archived, { reason: '测试归档' }));
    for (const [id, word] of [
      [broken, '维修'],
      [scrapped, '报废'],
      [archived, '归档'],
    ] as const) {
      const r = await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: id });
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().detail).toContain(word);
    }
    expect(await status(broken)).toBe('maintenance');
    expect(await status(archived)).toBe('available');
    expect((await commander.get(`/api/v1/tasks/${task.id}/equipment`)).json().items).toEqual([]);
    expect(await auditRows(t, 'command.equipment_dispatched', task.id)).toHaveLength(0);
  });

  it('answers 400 on equipmentId for an unknown id, another kind of resource or equipment the actor cannot see', async () => {
    const fx = await fixtureResponse(t, 'qz_fengze');
    const team = await fixtureResource(t, 'qz_fengze', 'team');
    const elsewhere = await fixtureResource(t, 'qz_jinjiang', 'equipment', { location: { lng: 118.681491, lat: 24.912767, crs: 'wgs84' } });
    const cases: [Client, string][] = [
      [commander, '01970000-0000-7000-8000-000000000000'],
      [commander, team],
      [fengzeOnly, elsewhere],
    ];
    for (const [who, equipmentId] of cases) {
      const r = await who.post(`/api/v1/tasks/${fx.task}/equipment`, { equipmentId });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().errors[0]).toMatchObject({ field: 'equipmentId' });
    }
    expect(await status(elsewhere)).toBe('available');
    expect((await commander.post(`/api/v1/tasks/${fx.task}/equipment`, { equipmentId: 'not-a-uuid' })).statusCode).toBe(400);
  });

  it('hides another county’s task (audited 404)', async () => {
    const fx = await fixtureResponse(t, 'qz_fengze');
    expect((await jinjiang.get(`/api/v1/tasks/${fx.task}/equipment`)).statusCode).toBe(404);
    expect(await auditRows(t, 'access.out_of_scope', fx.task)).toHaveLength(1);
  });
});

describe('returning equipment', () => {
  it('makes it available again, audited and logged; a second return is a 409', async () => {
    const { incident, task, drone } = await setup();
    const a = (await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone })).json();
    const back = await commander.post(`/api/v1/tasks/${task.id}/equipment/${a.id}/return`, { note: '侦察完毕' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ id: a.id, returnNote: '侦察完毕', returnedBy: expect.any(String) });
    expect(back.json().returnedAt).not.toBeNull();
    expect(await status(drone)).toBe('available');
    expect(await auditRows(t, 'command.equipment_returned', task.id)).toHaveLength(1);
    expect(await timelineKinds(incident)).toContain('command.equipment_returned');
    expect((await commander.post(`/api/v1/tasks/${task.id}/equipment/${a.id}/return`, {})).statusCode).toBe(409);
    // Available again: it can go out once more.
    expect((await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone })).statusCode).toBe(201);
  });

  it('returns it automatically, as the system, when the task is done', async () => {
    const { task, drone } = await setup();
    const a = (await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone })).json();
    let v = task.version as number;
    for (const to of ['accepted', 'en_route', 'on_site', 'done']) {
      const res = await commander.post(`/api/v1/tasks/${task.id}/transition`, { to, version: v });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version as number;
    }
    expect(await status(drone)).toBe('available');
    const [row] = (await commander.get(`/api/v1/tasks/${task.id}/equipment`)).json().items;
    expect(row).toMatchObject({ id: a.id, returnedBy: '系统' });
    const audit = await auditRows(t, 'command.equipment_returned', task.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ after: expect.objectContaining({ auto: true }) });
    expect((await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone })).statusCode).toBe(409);
  });

  it('returns it when the response is terminated, keeping a status set by hand meanwhile', async () => {
    const { response, task, drone } = await setup();
    const other = await adhoc(response.id, '抢险排涝');
    const pump = await fixtureResource(t, 'qz_fengze', 'equipment', { attrs: { equipmentType: 'pump' } });
    await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone });
    await commander.post(`/api/v1/tasks/${other.id}/equipment`, { equipmentId: pump });
    await t.platform.db.updateTable('resource').set({ status: 'maintenance' }).where('id', '=', pump).execute();
    const current = (await commander.get(`/api/v1/responses/${response.id}`)).json();
    const end = await commander.post(`/api/v1/responses/${response.id}/terminate`, { reason: '险情解除', version: current.version });
    expect(end.statusCode, end.body).toBe(200);
    expect(await status(drone)).toBe('available');
    expect(await status(pump)).toBe('maintenance');
    const open = await commandDb(t.platform.db)
      .selectFrom('command_task_equipment')
      .select('id')
      .where('response_id', '=', response.id)
      .where('returned_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    // A terminated response takes no more equipment.
    const late = await commander.post(`/api/v1/tasks/${task.id}/equipment`, { equipmentId: drone });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('响应已终止');
  });
});

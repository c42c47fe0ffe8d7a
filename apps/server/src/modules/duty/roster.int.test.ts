import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { createTestUser } from '../auth/auth.test-support.js';
import { auditOf, bj, bjText, directory, eventsOf, shiftBody, utc } from './duty.test-support.js';

const clock = new ManualClock(bj(0, '09:00'));
let t: TestApp;
let commander: Client;
let duty: Client;
let jinjiang: Client;
let enterprise: Client;
let ids: Awaited<ReturnType<typeof directory>>;

const shiftCount = async () =>
  Number(
    (
      await t.platform.db
        .selectFrom('duty_shift')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await startTestApp({ clock });
  ids = await directory(t);
  ids.user.jj2 = await createTestUser(t, { username: 'jj2', role: 'duty_officer', org: 'qz_jinjiang' });
  commander = await t.login('commander');
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
  enterprise = await t.login('enterprise');
});
afterAll(async () => t?.close());

describe('shifts', () => {
  let dayShift: Record<string, any>;

  it('creates a shift with a named leader and a user officer, audited and announced', async () => {
    const r = await commander.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_jinjiang!, bj(0, '08:00'), bj(0, '18:00'), {
        officers: [{ userId: ids.user['duty-jinjiang'] }],
        note: '防汛期间',
      }),
    );
    expect(r.statusCode).toBe(201);
    dayShift = r.json();
    expect(dayShift).toMatchObject({
      orgName: '晋江市应急管理局',
      startsAt: utc(0, '08:00'),
      endsAt: utc(0, '18:00'),
      leader: { name: '张建国', phone: '13905951234', phoneMasked: false, userId: null },
      officers: [{ name: '晋江值班员（演示）', userId: ids.user['duty-jinjiang'] }],
    });
    const stored = await t.platform.db.selectFrom('duty_person').selectAll().where('shift_id', '=', dayShift.id).execute();
    expect(stored.find((p) => p.role === 'leader')!.phone_sealed).not.toContain('13905951234');
    const [audit] = await auditOf(t, 'duty.shift_created');
    expect(audit).toMatchObject({ entity_id: dayShift.id, actor_name: 'commander' });
    expect(JSON.stringify(audit!.after)).not.toContain('13905951234');
    expect(await eventsOf(t, 'duty.shift_created')).toEqual([
      expect.objectContaining({ topic: 'duty', permission: 'duty.read', org_path: 'fj.qz.qz_jinjiang' }),
    ]);
  });

  it('allows a back-to-back night shift for the same people', async () => {
    const r = await commander.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_jinjiang!, bj(0, '18:00'), bj(1, '08:00'), { kind: 'night', officers: [{ userId: ids.user['duty-jinjiang'] }] }),
    );
    expect(r.statusCode).toBe(201);
  });

  it('refuses a person on two overlapping shifts, in any org, naming the person and the other shift', async () => {
    const before = await shiftCount();
    const sameUser = await commander.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_jinjiang!, bj(0, '12:00'), bj(0, '20:00'), { leader: null, officers: [{ userId: ids.user['duty-jinjiang'] }] }),
    );
    expect(sameUser.statusCode).toBe(409);
    expect(sameUser.headers['content-type']).toContain('application/problem+json');
    expect(sameUser.json().detail).toContain(
      `晋江值班员（演示） 已在 晋江市应急管理局 ${bjText(0, '08:00')} 至 ${bjText(0, '18:00')} 的班次中值班`,
    );
    expect(sameUser.json().conflicts[0]).toMatchObject({ person: '晋江值班员（演示）', shiftId: dayShift.id });
    const elsewhere = await commander.post('/api/v1/duty/shifts', shiftBody(ids.org.qz_fengze!, bj(0, '09:00'), bj(0, '17:00')));
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().detail).toContain('张建国 已在 晋江市应急管理局');
    const namesake = await commander.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_fengze!, bj(0, '09:00'), bj(0, '17:00'), { leader: { name: '张建国', phone: '13900000000' } }),
    );
    expect(namesake.statusCode).toBe(201);
    expect(await shiftCount()).toBe(before + 1);
  });

  it('rejects bad input with field errors and writes nothing', async () => {
    const before = await shiftCount();
    const cases: [Record<string, unknown>, string][] = [
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '18:00'), bj(2, '08:00')), 'endsAt'],
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00'), bj(5, '08:00')), 'endsAt'],
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00'), bj(2, '18:00'), { officers: [{ userId: ids.user.duty }] }), 'officers.0.userId'],
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00'), bj(2, '18:00'), { leader: { name: '张建国', phone: '12345' } }), 'leader.phone'],
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00'), bj(2, '18:00'), { officers: [{}] }), 'officers.0.name'],
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00'), bj(2, '18:00'), { colour: 'red' }), 'colour'],
      [shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00').replace('T', ' '), bj(2, '18:00')), 'startsAt'],
      [
        shiftBody(ids.org.qz_jinjiang!, bj(2, '08:00'), bj(2, '18:00'), { officers: [{ name: '张建国', phone: '13905951234' }] }),
        'officers',
      ],
    ];
    for (const [body, field] of cases) {
      const r = await commander.post('/api/v1/duty/shifts', body);
      expect(r.statusCode, field).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await shiftCount()).toBe(before);
  });

  it('enforces permissions and scope: 401, 403, audited 404', async () => {
    expect((await t.anonymous().get(`/api/v1/duty/shifts?from=${bj(-9, '00:00')}&to=${bj(21, '00:00')}`)).statusCode).toBe(401);
    expect((await duty.post('/api/v1/duty/shifts', shiftBody(ids.org.qz!, bj(10, '08:00'), bj(10, '18:00')))).statusCode).toBe(403);
    const q = `from=${encodeURIComponent(bj(-9, '00:00'))}&to=${encodeURIComponent(bj(21, '00:00'))}`;
    const other = await jinjiang.get(`/api/v1/duty/shifts?orgId=${ids.org.qz}&${q}`);
    expect(other.statusCode).toBe(404);
    const denied = await auditOf(t, 'access.out_of_scope');
    expect(denied.some((d) => d.actor_name === 'duty-jinjiang' && d.entity_id === ids.org.qz)).toBe(true);
    expect((await jinjiang.get(`/api/v1/duty/shifts/${dayShift.id}`)).statusCode).toBe(200);
    const fengze = (await commander.get(`/api/v1/duty/shifts?orgId=${ids.org.qz_fengze}&${q}`)).json().items[0];
    expect((await jinjiang.get(`/api/v1/duty/shifts/${fengze.id}`)).statusCode).toBe(404);
  });

  it('lists one org month as a calendar, paged by start time', async () => {
    const q = `orgId=${ids.org.qz_jinjiang}&from=${encodeURIComponent(bj(-9, '00:00'))}&to=${encodeURIComponent(bj(30, '00:00'))}`;
    const all = (await jinjiang.get(`/api/v1/duty/shifts?${q}`)).json();
    expect(all.total).toBe(2);
    expect(all.items.map((s: { kind: string }) => s.kind)).toEqual(['day', 'night']);
    const p1 = (await jinjiang.get(`/api/v1/duty/shifts?${q}&limit=1`)).json();
    const p2 = (await jinjiang.get(`/api/v1/duty/shifts?${q}&limit=1&cursor=${p1.nextCursor}`)).json();
    expect([p1.items[0].kind, p2.items[0].kind, p2.nextCursor]).toEqual(['day', 'night', null]);
    const tooLong = await jinjiang.get(
      `/api/v1/duty/shifts?orgId=${ids.org.qz_jinjiang}&from=${encodeURIComponent(bj(-9, '00:00'))}&to=${encodeURIComponent(bj(60, '00:00'))}`,
    );
    expect(tooLong.json().errors[0].field).toBe('to');
  });

  it('updates people and times with the overlap rule applied again; deletes unused shifts only', async () => {
    const moved = await commander.patch(`/api/v1/duty/shifts/${dayShift.id}`, { endsAt: bj(0, '19:00') });
    expect(moved.statusCode).toBe(409);
    const r = await commander.patch(`/api/v1/duty/shifts/${dayShift.id}`, {
      officers: [{ userId: ids.user['duty-jinjiang'] }, { name: '李明' }],
      note: null,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      note: null,
      leader: { name: '张建国', phone: '13905951234' },
      officers: [{ userId: ids.user['duty-jinjiang'] }, { name: '李明', phone: null }],
    });
    expect((await auditOf(t, 'duty.shift_updated')).at(-1)!.before).toMatchObject({ officers: ['晋江值班员（演示）'] });
    const spare = (await commander.post('/api/v1/duty/shifts', shiftBody(ids.org.qz_jinjiang!, bj(15, '08:00'), bj(15, '18:00')))).json();
    expect((await commander.delete(`/api/v1/duty/shifts/${spare.id}`)).statusCode).toBe(204);
    expect((await commander.get(`/api/v1/duty/shifts/${spare.id}`)).statusCode).toBe(404);
    expect(await auditOf(t, 'duty.shift_deleted')).toHaveLength(1);
  });

  it('shows phones in full to duty.read holders and masked to others on the board', async () => {
    const ent = (
      await commander.post(
        '/api/v1/duty/shifts',
        shiftBody(ids.org.qz_quangang_ent1!, bj(0, '08:00'), bj(0, '18:00'), { leader: { name: '企业值班长', phone: '13812345678' } }),
      )
    ).json();
    const board = (await enterprise.get('/api/v1/duty/now')).json();
    expect(board.items).toEqual([
      expect.objectContaining({ shiftId: ent.id, leader: expect.objectContaining({ phone: '138****5678', phoneMasked: true }) }),
    ]);
    const city = (await commander.get(`/api/v1/duty/now?orgId=${ids.org.qz_quangang_ent1}`)).json();
    expect(city.items[0].leader).toMatchObject({ phone: '13812345678', phoneMasked: false });
  });
});

describe('swaps', () => {
  let shift: Record<string, any>;
  let swapId: string;

  beforeAll(async () => {
    shift = (
      await commander.post(
        '/api/v1/duty/shifts',
        shiftBody(ids.org.qz_jinjiang!, bj(5, '08:00'), bj(5, '18:00'), {
          leader: null,
          officers: [{ userId: ids.user['duty-jinjiang'] }],
        }),
      )
    ).json();
  });

  it('lets an officer ask to swap themselves out; managers are told', async () => {
    const person = shift.officers[0].id;
    expect(
      (
        await jinjiang.post('/api/v1/duty/swaps', { shiftId: shift.id, fromPerson: person, toUserId: ids.user.duty, reason: '家中有事' })
      ).json().errors[0].field,
    ).toBe('toUserId');
    const r = await jinjiang.post('/api/v1/duty/swaps', {
      shiftId: shift.id,
      fromPerson: person,
      toUserId: ids.user.jj2,
      reason: '家中有事',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'pending', fromName: '晋江值班员（演示）', toUser: { id: ids.user.jj2 } });
    swapId = r.json().id;
    const again = await jinjiang.post('/api/v1/duty/swaps', {
      shiftId: shift.id,
      fromPerson: person,
      toUserId: ids.user.jj2,
      reason: '再次申请',
    });
    expect(again.statusCode).toBe(409);
    const told = await t.platform.db.selectFrom('notification').select('title').where('user_id', '=', ids.user.commander!).execute();
    expect(told.some((n) => n.title.startsWith('换班申请待审批'))).toBe(true);
  });

  it('re-checks overlaps when approving: a busy incoming user is a 409 and nothing changes', async () => {
    const busy = await commander.post(
      '/api/v1/duty/shifts',
      shiftBody(ids.org.qz_jinjiang!, bj(5, '12:00'), bj(5, '20:00'), { leader: null, officers: [{ userId: ids.user.jj2 }] }),
    );
    expect(busy.statusCode).toBe(201);
    const r = await commander.post(`/api/v1/duty/swaps/${swapId}/approve`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('jj2 已在 晋江市应急管理局');
    expect((await commander.get(`/api/v1/duty/shifts/${shift.id}`)).json().officers[0].userId).toBe(ids.user['duty-jinjiang']);
    expect((await commander.delete(`/api/v1/duty/shifts/${busy.json().id}`)).statusCode).toBe(204);
  });

  it('is decided by a manager of the org: the requester cannot, an officer cannot; approval swaps the person', async () => {
    expect((await jinjiang.post(`/api/v1/duty/swaps/${swapId}/approve`, {})).statusCode).toBe(403);
    const r = await commander.post(`/api/v1/duty/swaps/${swapId}/approve`, { note: '同意' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'approved', decidedBy: { id: ids.user.commander }, decisionNote: '同意' });
    expect((await commander.get(`/api/v1/duty/shifts/${shift.id}`)).json().officers[0]).toMatchObject({
      userId: ids.user.jj2,
      name: 'jj2',
    });
    expect((await commander.post(`/api/v1/duty/swaps/${swapId}/reject`, {})).statusCode).toBe(409);
    expect(await auditOf(t, 'duty.swap_approved')).toHaveLength(1);
  });

  it('refuses (and audits) a manager approving their own request', async () => {
    const person = (await commander.get(`/api/v1/duty/shifts/${shift.id}`)).json().officers[0].id;
    const own = await commander.post('/api/v1/duty/swaps', {
      shiftId: shift.id,
      fromPerson: person,
      toUserId: ids.user['duty-jinjiang'],
      reason: '调整',
    });
    expect(own.statusCode).toBe(201);
    const r = await commander.post(`/api/v1/duty/swaps/${own.json().id}/approve`, {});
    expect(r.statusCode).toBe(403);
    const denied = await auditOf(t, 'duty.swap_approved');
    expect(denied.at(-1)).toMatchObject({ result: 'denied', entity_id: own.json().id });
    const list = (await commander.get(`/api/v1/duty/swaps?orgId=${ids.org.qz_jinjiang}&status=pending`)).json();
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([own.json().id]);
  });
});

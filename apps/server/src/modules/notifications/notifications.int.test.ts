import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import { notify, type NotifyInput } from './index.js';

let t: TestApp;
let duty: Client;
let jinjiang: Client;
const ids: Record<string, string> = {};
const published: DomainEvent[] = [];

const send = (input: NotifyInput) => inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) => notify(ctx, input));
const rowsOf = (username: string) =>
  t.platform.db.selectFrom('notification').selectAll().where('user_id', '=', ids[username]!).orderBy('created_at').execute();

beforeAll(async () => {
  t = await startTestApp();
  for (const u of await t.platform.db.selectFrom('app_user').select(['id', 'username']).execute()) ids[u.username] = u.id;
  t.platform.bus.subscribeBroadcast((e) => void published.push(e));
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

describe('notify()', () => {
  it('writes one row per recipient, audits it and pushes notification.created to exactly them', async () => {
    const r = await send({ userIds: [ids.duty!], title: '新事件接报', body: '晋江市发生火灾', link: '/incidents/1', severity: 'warning' });
    expect(r.recipientUserIds).toEqual([ids.duty]);
    expect(await rowsOf('duty')).toEqual([
      expect.objectContaining({ title: '新事件接报', body: '晋江市发生火灾', link: '/incidents/1', severity: 'warning', read_at: null }),
    ]);
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'notification.sent').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ recipients: 1, severity: 'warning' });
    await t.dispatcher.flush();
    const e = published.find((p) => p.name === 'notification.created');
    expect(e).toMatchObject({ topic: 'notifications', orgPath: null, payload: { recipientUserIds: [ids.duty], title: '新事件接报' } });
  });

  it('resolves everyone holding a permission for an org, or the org members', async () => {
    const jj = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow();
    const holders = await send({ orgId: jj.id, permission: 'incident.read', title: '晋江事件', severity: 'info' });
    expect(holders.recipientUserIds).toEqual(expect.arrayContaining([ids.duty, ids['duty-jinjiang'], ids.commander]));
    for (const outsider of ['teamlead', 'enterprise', 'auditor', 'sysadmin']) expect(holders.recipientUserIds).not.toContain(ids[outsider]);
    const members = await send({ orgId: jj.id, title: '晋江全体', severity: 'info' });
    expect(members.recipientUserIds).toEqual([ids['duty-jinjiang']]);
  });

  it('refuses input without recipients or with an external link, and writes nothing when the caller rolls back', async () => {
    await expect(send({ title: '无人', severity: 'info' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(send({ userIds: [ids.duty!], title: 'x', link: 'https://evil.example', severity: 'info' })).rejects.toMatchObject({
      code: 'VALIDATION',
      errors: [{ field: 'link' }],
    });
    const before = (await rowsOf('viewer')).length;
    await expect(
      inTransaction(t.platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
        await notify(ctx, { userIds: [ids.viewer!], title: '回滚', severity: 'info' });
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await rowsOf('viewer')).toHaveLength(before);
  });
});

describe('notifications API', () => {
  it('lists only the current user notifications, newest first, with unread filter, paging and count', async () => {
    await send({ userIds: [ids.duty!], title: '第二条', severity: 'critical' });
    await send({ userIds: [ids.duty!], title: '第三条', severity: 'info' });
    const all = (await duty.get('/api/v1/notifications')).json();
    expect(all.total).toBe(4);
    expect(all.items.map((n: { title: string }) => n.title).slice(0, 2)).toEqual(['第三条', '第二条']);
    const other = (await jinjiang.get('/api/v1/notifications')).json();
    expect(other.items.every((n: { title: string }) => n.title.startsWith('晋江'))).toBe(true);

    const p1 = (await duty.get('/api/v1/notifications?limit=3')).json();
    expect(p1.items).toHaveLength(3);
    const p2 = (await duty.get(`/api/v1/notifications?limit=3&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((n: { id: string }) => n.id)).size).toBe(4);
    expect((await duty.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 4 });
  });

  it('marks one read (idempotently) and all read', async () => {
    const [first] = (await duty.get('/api/v1/notifications?limit=1')).json().items;
    const r = await duty.post(`/api/v1/notifications/${first.id}/read`);
    expect(r.statusCode).toBe(200);
    expect(r.json().readAt).not.toBeNull();
    const again = await duty.post(`/api/v1/notifications/${first.id}/read`);
    expect(again.json().readAt).toBe(r.json().readAt);
    expect((await duty.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 3 });
    const unread = (await duty.get('/api/v1/notifications?unread=true')).json();
    expect(unread.total).toBe(3);
    expect(unread.items.map((n: { id: string }) => n.id)).not.toContain(first.id);

    expect((await duty.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 3 });
    expect((await duty.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    const audited = await t.platform.db.selectFrom('audit_log').select('action').where('action', 'like', 'notification.read%').execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['notification.read', 'notification.read_all']);
  });

  it('hides another user notification behind a 404 (audited) and changes nothing', async () => {
    const [mine] = await rowsOf('duty-jinjiang');
    const r = await duty.post(`/api/v1/notifications/${mine!.id}/read`);
    expect(r.statusCode).toBe(404);
    expect((await rowsOf('duty-jinjiang'))[0]!.read_at).toBeNull();
    const denied = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.out_of_scope').execute();
    expect(denied.some((d) => d.entity === 'notification' && d.entity_id === mine!.id && d.actor_name === 'duty')).toBe(true);
    const missing = await duty.post('/api/v1/notifications/0190f0a0-0000-7000-8000-000000000001/read');
    expect(missing.statusCode).toBe(404);
  });

  it('answers 401 without a session and 400 for a bad cursor, id or parameter', async () => {
    expect((await t.anonymous().get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    const cursor = await duty.get('/api/v1/notifications?cursor=nonsense');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0].field).toBe('cursor');
    expect((await duty.post('/api/v1/notifications/not-a-uuid/read')).statusCode).toBe(400);
    expect((await duty.get('/api/v1/notifications?unread=maybe')).json().errors[0].field).toBe('unread');
  });
});

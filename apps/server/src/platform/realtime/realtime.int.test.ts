import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { newOpaqueToken } from '../auth/tokens.js';
import { inTransaction, NO_META } from '../ctx.js';
import { emit, type EmitOptions } from '../events/outbox.js';
import { newId } from '../ids.js';

let t: TestApp;
let base: string;
let duty: Client;
let jinjiang: Client;

interface Conn {
  ws: WebSocket;
  messages: { type: string; [k: string]: unknown }[];
  closed: Promise<{ code: number; reason: string }>;
  send(msg: unknown): void;
  /** Resolves with the first message (from now on, or already received) matching `pred`. */
  next(pred: (m: { type: string; [k: string]: unknown }) => boolean, ms?: number): Promise<{ type: string; [k: string]: unknown }>;
}

function open(headers: Record<string, string> = {}, autoPong = true): Promise<Conn> {
  const ws = new WebSocket(`${base}/api/v1/ws`, { headers, autoPong });
  const messages: Conn['messages'] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (d) => {
    messages.push(JSON.parse((d as Buffer).toString('utf8')));
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, r) => resolve({ code, reason: String(r) })),
  );
  const conn: Conn = {
    ws,
    messages,
    closed,
    send: (m) => ws.send(JSON.stringify(m)),
    next: (pred, ms = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = messages.find(pred);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message; got ${JSON.stringify(messages)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(conn));
    ws.once('error', reject);
  });
}

/** A signed-in socket subscribed to `topics`, once the server confirmed the subscription. */
async function subscribed(c: Client, topics: string[]): Promise<Conn> {
  const conn = await open({ cookie: c.cookie! });
  conn.send({ type: 'subscribe', topics });
  await conn.next((m) => m.type === 'ready' && (m.topics as string[]).length === topics.length);
  return conn;
}

async function publish(name: string, payload: unknown, opts: EmitOptions): Promise<void> {
  await inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) => emit(ctx, name, payload, opts));
  await t.dispatcher.flush();
}

const events = (c: Conn, name?: string) => c.messages.filter((m) => m.type === 'event' && (!name || m.name === name));

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  duty = await t.login('duty');
  jinjiang = await t.login('duty-jinjiang');
});
afterAll(async () => t?.close());

describe('realtime WebSocket', () => {
  it('refuses anonymous and half-signed-in connections with 4401, and cross-site origins with 4403', async () => {
    expect(await (await open()).closed).toMatchObject({ code: 4401 });
    expect(await (await open({ cookie: 'vigil_sid=forged' })).closed).toMatchObject({ code: 4401 });
    const admin = await t.login('auditor'); // must still enrol TOTP: the session is not active
    expect(admin.stage).not.toBe('active');
    expect(await (await open({ cookie: admin.cookie! })).closed).toMatchObject({ code: 4401 });
    expect(await (await open({ cookie: duty.cookie!, origin: 'https://evil.example' })).closed).toMatchObject({ code: 4403 });
  });

  it('greets, answers pings and reports malformed messages without closing', async () => {
    const c = await open({ cookie: duty.cookie! });
    expect(await c.next((m) => m.type === 'ready')).toEqual({ type: 'ready', topics: [] });
    c.send({ type: 'ping' });
    await c.next((m) => m.type === 'pong');
    c.ws.send('not json');
    await c.next((m) => m.type === 'error');
    c.send({ type: 'subscribe', topics: ['Bad Topic!'] });
    expect(c.messages.filter((m) => m.type === 'error').length).toBeGreaterThanOrEqual(1);
    c.send({ type: 'subscribe', topics: ['incident', 'alarm'] });
    expect(await c.next((m) => m.type === 'ready' && (m.topics as string[]).length === 2)).toEqual({
      type: 'ready',
      topics: ['alarm', 'incident'],
    });
    c.ws.close();
  });

  it('pushes a county event to the city user but not to another county', async () => {
    const city = await subscribed(duty, ['incident']);
    const county = await subscribed(jinjiang, ['incident']);
    await publish('incident.created', { no: 'fz-1' }, { orgPath: 'fj.qz.qz_fengze', permission: 'incident.read' });
    await publish('incident.created', { no: 'jj-1' }, { orgPath: 'fj.qz.qz_jinjiang', permission: 'incident.read' });
    const got = await city.next((m) => m.type === 'event' && (m.payload as { no: string }).no === 'jj-1');
    expect(got).toMatchObject({ type: 'event', topic: 'incident', name: 'incident.created', payload: { no: 'jj-1' } });
    expect(typeof got.at).toBe('string');
    await county.next((m) => m.type === 'event' && (m.payload as { no: string }).no === 'jj-1');
    // Delivery is in order: the county socket has seen everything published before jj-1.
    expect(events(city).map((m) => (m.payload as { no: string }).no)).toEqual(['fz-1', 'jj-1']);
    expect(events(county).map((m) => (m.payload as { no: string }).no)).toEqual(['jj-1']);
    city.ws.close();
    county.ws.close();
  });

  it('delivers only subscribed topics, and stops after unsubscribe', async () => {
    const c = await subscribed(duty, ['incident']);
    await publish('alarm.raised', { no: 'a-1' }, { orgPath: 'fj.qz' });
    await publish('incident.created', { no: 'i-1' }, { orgPath: 'fj.qz' });
    await c.next((m) => m.type === 'event' && m.name === 'incident.created');
    expect(events(c, 'alarm.raised')).toHaveLength(0);

    c.send({ type: 'unsubscribe', topics: ['incident'] });
    await c.next((m) => m.type === 'ready' && (m.topics as string[]).length === 0);
    c.send({ type: 'subscribe', topics: ['alarm'] });
    await c.next((m) => m.type === 'ready' && (m.topics as string[]).includes('alarm'));
    await publish('incident.created', { no: 'i-2' }, { orgPath: 'fj.qz' });
    await publish('alarm.raised', { no: 'a-2' }, { orgPath: 'fj.qz' });
    await c.next((m) => m.type === 'event' && (m.payload as { no: string }).no === 'a-2');
    expect(events(c, 'incident.created')).toHaveLength(1);
    c.ws.close();
  });

  it('pushes an addressed event only to its recipients', async () => {
    const me = await t.platform.db.selectFrom('app_user').select('id').where('username', '=', 'duty-jinjiang').executeTakeFirstOrThrow();
    const city = await subscribed(duty, ['notifications']);
    const county = await subscribed(jinjiang, ['notifications']);
    await publish('notification.created', { recipientUserIds: [me.id], title: '测试' }, { topic: 'notifications', orgPath: null });
    await publish('notification.created', { title: '全体' }, { topic: 'notifications', orgPath: null });
    const got = await county.next((m) => m.type === 'event');
    expect(got.payload).toEqual({ title: '测试' });
    await city.next((m) => m.type === 'event' && (m.payload as { title: string }).title === '全体');
    expect(events(city)).toHaveLength(1);
    city.ws.close();
    county.ws.close();
  });

  it('accepts a bearer token and closes sockets whose session has ended', async () => {
    const user = await t.platform.db.selectFrom('app_user').select('id').where('username', '=', 'viewer').executeTakeFirstOrThrow();
    const { token, hash } = newOpaqueToken('vgt_');
    await t.platform.db
      .insertInto('api_token')
      .values({ id: newId(), name: 'ws', token_hash: hash, prefix: token.slice(0, 8), user_id: user.id, permissions: ['incident.read'] })
      .execute();
    const machine = await open({ authorization: `Bearer ${token}` });
    expect(await machine.next((m) => m.type === 'ready')).toEqual({ type: 'ready', topics: [] });

    const leaving = await t.login('commander');
    const socket = await open({ cookie: leaving.cookie! });
    await socket.next((m) => m.type === 'ready');
    expect((await leaving.post('/api/v1/auth/logout')).statusCode).toBe(204);
    await t.platform.db.updateTable('api_token').set({ revoked_at: new Date() }).where('token_hash', '=', hash).execute();
    const stays = await subscribed(duty, ['incident']);
    await t.app.realtime.recheckAll();
    expect(await socket.closed).toMatchObject({ code: 4401 });
    expect(await machine.closed).toMatchObject({ code: 4401 });
    expect(stays.ws.readyState).toBe(WebSocket.OPEN);
    stays.ws.close();
  });

  it('terminates a socket that stops answering heartbeats', async () => {
    const c = await open({ cookie: duty.cookie! }, false); // a client that never answers pings
    await c.next((m) => m.type === 'ready');
    t.app.realtime.heartbeat();
    await new Promise((r) => setTimeout(r, 100));
    t.app.realtime.heartbeat();
    expect((await c.closed).code).toBe(1006);
  });
});

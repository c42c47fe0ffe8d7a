/**
 * Dissemination end to end: durable delivery rows written in the caller's transaction, the worker
 * sending through real SMTP / webhook / SMS gateway servers, back-off on a controllable clock,
 * recovery of claims left by a stopped worker, concurrent workers, receipts, retries and the
 * dashboard's scoping. The app runs without the worker role so that only the test drains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import { auditRows } from '../auth/auth.test-support.js';
import { claimDue } from './deliveries.repository.js';
import { disseminate, drainDeliveries, type Recipient } from './index.js';
import { notifyDb } from './notify.tables.js';
import { claimStaleMs } from './notify.worker.js';
import { readMail, startHttp, startSmtp, type HttpSink, type SmtpSink } from './notify.test-support.js';
import { verifyWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

const TOKEN = 'sms-gateway-token-for-tests-0001';
const clock = new ManualClock(new Date(Date.now() + 86_400_000));
let t: TestApp;
let smtp: SmtpSink;
let hook: HttpSink;
let gateway: HttpSink;
let city: { id: string; path: string };
let commander: Client;
let duty: Client;
let countyDuty: Client;
let seq = 0;

const subscriberSecret = 'receiver-key-for-tests-000000000001';

async function webhookSubscriber(): Promise<string> {
  const r = await commander.post('/api/v1/notify/subscribers', {
    name: `接收端${++seq}`,
    channel: 'webhook',
    address: `${hook.url}/hook/${seq}`,
    secret: subscriberSecret,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

const sms = (phone: string, name = '值班员'): Recipient => ({ kind: 'duty_officer', id: null, name, addresses: { sms: phone } });
const mail = (address: string): Recipient => ({ kind: 'subscriber', id: null, name: address, addresses: { email: address } });

async function send(recipients: Recipient[], channels: ('sms' | 'email' | 'webhook' | 'in_app')[], key = `k${++seq}`) {
  return inTransaction(t.platform, SYSTEM_ACTOR, NO_META, (ctx) =>
    disseminate(ctx, {
      source: { kind: 'test', id: key, orgId: city.id, orgPath: city.path },
      key,
      message: { title: '测试发布', body: '正文', detail: '详细内容', link: '/warnings', severity: 'warning', data: { n: 1 } },
      channels,
      recipients,
    }),
  );
}

const rowsOf = (messageId: string) =>
  notifyDb(t.platform.db).selectFrom('notify_delivery').selectAll().where('message_id', '=', messageId).orderBy('address').execute();

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startHttp();
  gateway = await startHttp();
  gateway.reply = (req, res) => res.writeHead(req.headers.authorization === `Bearer ${TOKEN}` ? 202 : 401).end('{}');
  t = await startTestApp({
    clock,
    env: {
      ROLES: 'api',
      SMTP_URL: smtp.url,
      SMS_ADAPTER: 'http',
      SMS_GATEWAY_URL: `${gateway.url}/send`,
      SMS_GATEWAY_TOKEN: TOKEN,
      NOTIFY_MAX_ATTEMPTS: '3',
      // Generous: a loaded test machine must not turn a slow local answer into a timeout.
      NOTIFY_SEND_TIMEOUT_MS: '20000',
    },
  });
  city = await t.platform.db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz').executeTakeFirstOrThrow();
  commander = await t.login('commander');
  duty = await t.login('duty');
  countyDuty = await t.login('duty-jinjiang');
});
afterAll(async () => {
  await t?.close();
  await Promise.all([smtp?.close(), hook?.close(), gateway?.close()]);
});

describe('dissemination', () => {
  it('writes one pending delivery per recipient and channel in the caller’s transaction, deduplicated by address', async () => {
    const r = await send([sms('13900000001', '甲'), sms('13900000001', '乙'), sms('13900000002'), mail('a@qz.gov.cn')], ['sms', 'email']);
    expect(r).toMatchObject({ duplicate: false, counts: { sms: 2, email: 1 } });
    const rows = await rowsOf(r.messageId!);
    expect(rows.map((x) => [x.channel, x.address, x.status, x.recipient_name])).toEqual([
      ['sms', '13900000001', 'pending', '甲'],
      ['sms', '13900000002', 'pending', '值班员'],
      ['email', 'a@qz.gov.cn', 'pending', 'a@qz.gov.cn'],
    ]);
    expect(rows.every((x) => x.org_path === city.path && x.attempts === 0)).toBe(true);
    expect(await auditRows(t, 'notify.disseminated', r.messageId!)).toHaveLength(1);
  });

  it('writes nothing when the caller’s transaction rolls back, and nothing twice for the same source and key', async () => {
    const before = await notifyDb(t.platform.db)
      .selectFrom('notify_delivery')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      inTransaction(t.platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
        await disseminate(ctx, {
          source: { kind: 'test', id: 'rollback', orgId: city.id, orgPath: city.path },
          message: { title: '回滚', severity: 'info' },
          channels: ['sms'],
          recipients: [sms('13900000009')],
        });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const after = await notifyDb(t.platform.db)
      .selectFrom('notify_delivery')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    const first = await send([sms('13900000010')], ['sms'], 'same-key');
    const again = await send([sms('13900000010'), sms('13900000011')], ['sms'], 'same-key');
    expect(again).toEqual({ messageId: null, duplicate: true, counts: {} });
    expect(await rowsOf(first.messageId!)).toHaveLength(1);
  });

  it('tells in-app users at once, in the same transaction (delivered), through the notifications module', async () => {
    const u = await t.platform.db.selectFrom('app_user').select(['id']).where('username', '=', 'duty-jinjiang').executeTakeFirstOrThrow();
    const r = await send([{ kind: 'user', id: u.id, name: '晋江值班员', addresses: { in_app: u.id } }], ['in_app']);
    expect((await rowsOf(r.messageId!)).map((x) => [x.channel, x.status, x.attempts])).toEqual([['in_app', 'delivered', 1]]);
    const notes = (await countyDuty.get('/api/v1/notifications')).json().items;
    expect(notes[0]).toMatchObject({ title: '测试发布', body: '正文', link: '/warnings', severity: 'warning' });
  });
});

describe('the worker', () => {
  it('sends e-mail (sent), SMS through the gateway (sent, awaiting the receipt) and signed webhooks (delivered)', async () => {
    const subscriberId = await webhookSubscriber();
    const r = await send(
      [
        sms('13900000101'),
        mail('duty@qz.gov.cn'),
        { kind: 'subscriber', id: subscriberId, name: '接收端', addresses: { webhook: `${hook.url}/in` } },
      ],
      ['sms', 'email', 'webhook'],
    );
    await drainDeliveries(t.platform);
    const rows = await rowsOf(r.messageId!);
    const by = (c: string) => rows.find((x) => x.channel === c)!;
    expect(by('email')).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(by('sms')).toMatchObject({ status: 'sent', attempts: 1, receipt: { accepted: true, httpStatus: 202 } });
    expect(by('webhook')).toMatchObject({ status: 'delivered', attempts: 1, receipt: { httpStatus: 204 } });
    expect(by('webhook').delivered_at).toEqual(clock.now());

    const m = smtp.mails.find((x) => x.to.includes('duty@qz.gov.cn'))!;
    expect(readMail(m.raw).headers.subject).toBe('【预警】测试发布');
    const g = gateway.requests.find((x) => JSON.parse(x.body).id === by('sms').id)!;
    expect(JSON.parse(g.body)).toMatchObject({ to: '13900000101', text: '测试发布\n正文\n详细内容' });
    const h = hook.requests.find((x) => x.headers[WEBHOOK_HEADERS.delivery] === by('webhook').id)!;
    const verdict = verifyWebhook(
      subscriberSecret,
      { signature: h.headers[WEBHOOK_HEADERS.signature] as string, timestamp: h.headers[WEBHOOK_HEADERS.timestamp] as string },
      h.body,
      Math.floor(clock.now().getTime() / 1000),
    );
    expect(verdict).toBeNull();
  });

  it('retries with exponential back-off on the clock and gives up after NOTIFY_MAX_ATTEMPTS', async () => {
    gateway.reply = (_req, res) => res.writeHead(503).end('busy');
    try {
      const r = await send([sms('13900000201')], ['sms']);
      const row = async () => (await rowsOf(r.messageId!))[0]!;
      const start = clock.now().getTime();
      await drainDeliveries(t.platform);
      expect(await row()).toMatchObject({ status: 'pending', attempts: 1, last_error: '短信网关返回 HTTP 503：busy' });
      expect((await row()).next_attempt_at).toEqual(new Date(start + 30_000));
      clock.advance(29_000);
      await drainDeliveries(t.platform);
      expect((await row()).attempts).toBe(1);
      clock.advance(1_000);
      await drainDeliveries(t.platform);
      expect(await row()).toMatchObject({ status: 'pending', attempts: 2 });
      expect((await row()).next_attempt_at).toEqual(new Date(start + 30_000 + 60_000));
      clock.advance(60_000);
      await drainDeliveries(t.platform);
      const last = await row();
      expect(last).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null, last_error: '短信网关返回 HTTP 503：busy' });
      expect(last.failed_at).toEqual(clock.now());
      expect(gateway.requests.filter((x) => JSON.parse(x.body).id === last.id)).toHaveLength(3);
    } finally {
      gateway.reply = (req, res) => res.writeHead(req.headers.authorization === `Bearer ${TOKEN}` ? 202 : 401).end('{}');
    }
  });

  it('fails a delivery at once when the recipient is refused for good', async () => {
    smtp.refuse.set('nobody@qz.gov.cn', 550);
    const r = await send([mail('nobody@qz.gov.cn')], ['email']);
    await drainDeliveries(t.platform);
    const [row] = await rowsOf(r.messageId!);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.last_error).toContain('邮件发送失败');
  });

  it('sends again a delivery claimed by a worker that stopped before sending, once its claim is stale', async () => {
    const subscriberId = await webhookSubscriber();
    const address = `${hook.url}/crash`;
    const r = await send([{ kind: 'subscriber', id: subscriberId, name: '接收端', addresses: { webhook: address } }], ['webhook']);
    // A worker claims the row and dies before sending.
    const claimed = await claimDue(t.platform.db, clock.now(), 100);
    expect(claimed.map((x) => x.message_id)).toContain(r.messageId);
    const id = claimed.find((x) => x.message_id === r.messageId)!.id;
    const hits = () => hook.requests.filter((x) => x.headers[WEBHOOK_HEADERS.delivery] === id).length;

    await drainDeliveries(t.platform);
    expect(hits()).toBe(0);
    expect((await rowsOf(r.messageId!))[0]).toMatchObject({ status: 'sending', attempts: 1 });

    clock.advance(claimStaleMs(t.platform.config.NOTIFY_SEND_TIMEOUT_MS) + 1000);
    await drainDeliveries(t.platform);
    expect(hits()).toBe(1);
    expect((await rowsOf(r.messageId!))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('lets two workers drain at the same time without sending any delivery twice', async () => {
    const subscriberId = await webhookSubscriber();
    hook.reply = (_req, res) => setTimeout(() => res.writeHead(200).end(), 5);
    try {
      const recipients: Recipient[] = Array.from({ length: 60 }, (_, i) => ({
        kind: 'subscriber',
        id: subscriberId,
        name: `r${i}`,
        addresses: { webhook: `${hook.url}/many/${i}` },
      }));
      const r = await send(recipients, ['webhook']);
      const other = { ...t.platform };
      const [a, b] = await Promise.all([drainDeliveries(t.platform), drainDeliveries(other)]);
      expect(a + b).toBeGreaterThanOrEqual(60);
      const rows = await rowsOf(r.messageId!);
      expect(rows.every((x) => x.status === 'delivered' && x.attempts === 1)).toBe(true);
      const ids = new Set(rows.map((x) => x.id));
      const sent = hook.requests.map((x) => x.headers[WEBHOOK_HEADERS.delivery] as string).filter((x) => ids.has(x));
      expect(sent).toHaveLength(60);
      expect(new Set(sent).size).toBe(60);
    } finally {
      hook.reply = (_req, res) => res.writeHead(204).end();
    }
  });
});

describe('SMS receipts', () => {
  const receipt = (body: unknown, token: string | null = TOKEN) =>
    t.request({
      method: 'POST',
      url: '/api/v1/notify/receipts/sms',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: body as object,
    });

  it('need the gateway token: refused 403 and audited without it', async () => {
    const r = await send([sms('13900000301')], ['sms']);
    await drainDeliveries(t.platform);
    const [row] = await rowsOf(r.messageId!);
    const denied = async () =>
      (
        await t.platform.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'access.denied')
          .where('entity_id', '=', 'POST /api/v1/notify/receipts/sms')
          .execute()
      ).length;
    const before = await denied();
    for (const token of [null, 'wrong-token-000000000000000000']) {
      const x = await receipt({ id: row!.id, status: 'delivered' }, token);
      expect(x.statusCode, x.body).toBe(403);
    }
    expect(await denied()).toBe(before + 2);
    expect((await rowsOf(r.messageId!))[0]!.status).toBe('sent');
  });

  it('mark a sent SMS delivered (or failed), idempotently; unknown ids are 404', async () => {
    const r = await send([sms('13900000401'), sms('13900000402')], ['sms']);
    await drainDeliveries(t.platform);
    const [a, b] = await rowsOf(r.messageId!);
    const ok = await receipt({ id: a!.id, status: 'delivered', at: '2030-01-01T08:00:00+08:00' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ id: a!.id, status: 'delivered' });
    expect((await receipt({ id: a!.id, status: 'failed', error: '空号' })).json()).toEqual({ id: a!.id, status: 'delivered' });
    const bad = await receipt({ id: b!.id, status: 'failed', error: '空号' });
    expect(bad.json()).toEqual({ id: b!.id, status: 'failed' });
    const [a2, b2] = await rowsOf(r.messageId!);
    expect(a2!.delivered_at).toEqual(new Date('2030-01-01T00:00:00Z'));
    expect(a2!.receipt).toMatchObject({ accepted: true, status: 'delivered', at: '2030-01-01T00:00:00.000Z' });
    expect(b2).toMatchObject({ status: 'failed', last_error: '短信网关回执：空号' });
    expect(await auditRows(t, 'notify.receipt_received', a!.id)).toHaveLength(1);
    expect((await receipt({ id: '01970000-0000-7000-8000-0000000000ff', status: 'delivered' })).statusCode).toBe(404);
  });
});

describe('dashboard and retries', () => {
  it('lists and counts a source’s deliveries within the reader’s subtree, masking addresses for readers who do not manage', async () => {
    const r = await send([sms('13900000501'), sms('13900000502'), mail('x@qz.gov.cn')], ['sms', 'email'], 'dash');
    const q = 'sourceKind=test&sourceId=dash';
    const full = (await commander.get(`/api/v1/notify/deliveries?${q}&channel=sms`)).json();
    expect(full.total).toBe(2);
    expect(full.items.map((x: { address: string }) => x.address)).toEqual(['13900000501', '13900000502']);
    expect(full.items[0].abilities).toEqual({ retry: true });
    const masked = (await duty.get(`/api/v1/notify/deliveries?${q}&channel=sms`)).json();
    expect(masked.items.map((x: { address: string }) => x.address)).toEqual(['139****0501', '139****0502']);
    expect(masked.items[0].abilities).toEqual({ retry: false });
    expect((await countyDuty.get(`/api/v1/notify/deliveries?${q}`)).json().total).toBe(0);

    const page1 = (await commander.get(`/api/v1/notify/deliveries?${q}&limit=2`)).json();
    const page2 = (await commander.get(`/api/v1/notify/deliveries?${q}&limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((x: { id: string }) => x.id)).toEqual((await rowsOf(r.messageId!)).map((x) => x.id).sort());
    expect(page2.nextCursor).toBeNull();

    const pending = (await commander.get(`/api/v1/notify/summary?${q}`)).json();
    expect(pending).toMatchObject({ total: 3, settled: false });
    expect(pending.channels).toEqual([
      { channel: 'sms', total: 2, pending: 2, sending: 0, sent: 0, delivered: 0, failed: 0 },
      { channel: 'email', total: 1, pending: 1, sending: 0, sent: 0, delivered: 0, failed: 0 },
    ]);
    expect(pending.channelStatus.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({
      adapter: 'http',
      configured: true,
    });
    await drainDeliveries(t.platform);
    const done = (await commander.get(`/api/v1/notify/summary?${q}`)).json();
    expect(done).toMatchObject({ total: 3, settled: true });
    expect(done.channels[0]).toMatchObject({ channel: 'sms', sent: 2 });
    expect((await countyDuty.get(`/api/v1/notify/summary?${q}`)).json()).toMatchObject({ total: 0, channels: [] });
  });

  it('puts a failed delivery back in the queue (audited) and the worker sends it; refuses to resend a sent one', async () => {
    smtp.refuse.set('later@qz.gov.cn', 550);
    const r = await send([mail('later@qz.gov.cn')], ['email']);
    await drainDeliveries(t.platform);
    const [row] = await rowsOf(r.messageId!);
    expect(row!.status).toBe('failed');
    smtp.refuse.delete('later@qz.gov.cn');

    expect((await duty.post(`/api/v1/notify/deliveries/${row!.id}/retry`)).statusCode).toBe(403);
    const x = await commander.post(`/api/v1/notify/deliveries/${row!.id}/retry`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await auditRows(t, 'notify.delivery_retried', row!.id)).toHaveLength(1);
    await drainDeliveries(t.platform);
    expect((await rowsOf(r.messageId!))[0]).toMatchObject({ status: 'sent', attempts: 1 });

    const again = await commander.post(`/api/v1/notify/deliveries/${row!.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('已发送或已送达的记录不能重发');
  });
});

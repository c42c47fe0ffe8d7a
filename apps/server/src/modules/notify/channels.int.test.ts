/**
 * Channel adapters against real counterparts in this process: an SMTP server (smtp-server), a
 * webhook receiver that verifies the HMAC signature, and an HTTP SMS gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { ManualClock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import { SendError, type OutgoingDelivery } from './channel.js';
import { emailChannel } from './channel-email.js';
import { httpSmsChannel, logSmsChannel, smsChannel } from './channel-sms.js';
import { webhookChannel } from './channel-webhook.js';
import { readMail, startHttp, startSmtp, type HttpSink, type SmtpSink } from './notify.test-support.js';
import { verifyWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

// Generous time limits: a loaded test machine must not turn a slow answer into a timeout.
const TIMEOUT_MS = 20_000;
const config = (env: Record<string, string>) =>
  loadConfig({ DATA_DIR: '/nonexistent', NOTIFY_SEND_TIMEOUT_MS: String(TIMEOUT_MS), ...env });

const delivery = (o: Partial<OutgoingDelivery> = {}): OutgoingDelivery => ({
  id: '01970000-0000-7000-8000-00000000a001',
  channel: 'email',
  address: 'duty@qz.gov.cn',
  recipientName: '值班室',
  secret: null,
  message: {
    sourceKind: 'warning',
    sourceId: '01970000-0000-7000-8000-00000000b001',
    title: '泉州市应急管理局发布台风橙色预警',
    body: '橙色预警 · 晋江市',
    detail: '今年第5号台风预计12小时内影响我市沿海。\n防御指南：停止户外作业。',
    link: '/warnings/01970000-0000-7000-8000-00000000b001',
    severity: 'critical',
    data: { identifier: 'X1', colour: 'orange' },
  },
  ...o,
});

async function failure(p: Promise<unknown>): Promise<SendError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SendError);
  return err as SendError;
}

describe('e-mail over SMTP', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => smtp.close());

  it('hands the message to the SMTP server: sender, recipient, subject and the full text', async () => {
    const ch = emailChannel(config({ SMTP_URL: smtp.url, SMTP_FROM: '泉州市应急管理局 <noreply@qz.gov.cn>' }));
    expect(ch.status).toMatchObject({ channel: 'email', adapter: 'smtp', configured: true });
    const r = await ch.send(delivery());
    expect(r.status).toBe('sent');
    expect(r.receipt?.messageId).toMatch(/@/);
    const mail = smtp.mails.at(-1)!;
    expect(mail.from).toBe('noreply@qz.gov.cn');
    expect(mail.to).toEqual(['duty@qz.gov.cn']);
    const { headers, text } = readMail(mail.raw);
    expect(headers.subject).toBe('【紧急】泉州市应急管理局发布台风橙色预警');
    expect(headers['x-vigil-delivery']).toBe('01970000-0000-7000-8000-00000000a001');
    expect(text).toContain('橙色预警 · 晋江市');
    expect(text).toContain('防御指南：停止户外作业。');
  });

  it('treats a 5xx refusal of the recipient as final and a 4xx as worth another attempt', async () => {
    const ch = emailChannel(config({ SMTP_URL: smtp.url }));
    smtp.refuse.set('gone@qz.gov.cn', 550);
    smtp.refuse.set('busy@qz.gov.cn', 451);
    const gone = await failure(ch.send(delivery({ address: 'gone@qz.gov.cn' })));
    expect(gone.permanent).toBe(true);
    expect(gone.message).toContain('邮件');
    const busy = await failure(ch.send(delivery({ address: 'busy@qz.gov.cn' })));
    expect(busy.permanent).toBe(false);
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const closed = await startSmtp();
    await closed.close();
    const err = await failure(emailChannel(config({ SMTP_URL: closed.url })).send(delivery()));
    expect(err.permanent).toBe(false);
  });

  it('reports the channel as not configured without SMTP_URL, and fails deliveries with the reason', async () => {
    const ch = emailChannel(config({}));
    expect(ch.status).toMatchObject({ configured: false, reason: '邮件服务未配置（未设置 SMTP_URL）' });
    const err = await failure(ch.send(delivery()));
    expect(err).toMatchObject({ permanent: true, message: '邮件服务未配置（未设置 SMTP_URL）' });
  });
});

describe('signed webhooks', () => {
  const SECRET = 'webhook-secret-of-the-subscriber-0001';
  const clock = new ManualClock('2026-06-01T08:00:00Z');
  let hook: HttpSink;
  beforeAll(async () => {
    hook = await startHttp();
  });
  afterAll(async () => hook.close());

  it('POSTs the payload signed with HMAC-SHA256 over timestamp and body; the receiver verifies it; 2xx is delivered', async () => {
    let verdict: string | null = 'not checked';
    hook.reply = (req, res) => {
      verdict = verifyWebhook(
        SECRET,
        { signature: req.headers[WEBHOOK_HEADERS.signature] as string, timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string },
        req.body,
        Math.floor(clock.now().getTime() / 1000),
      );
      res.writeHead(verdict === null ? 200 : 401).end();
    };
    const ch = webhookChannel({ clock, timeoutMs: TIMEOUT_MS });
    const r = await ch.send(delivery({ channel: 'webhook', address: `${hook.url}/vigil`, secret: SECRET }));
    expect(verdict).toBeNull();
    expect(r).toEqual({ status: 'delivered', receipt: { httpStatus: 200 } });
    const req = hook.requests.at(-1)!;
    expect(req.url).toBe('/vigil');
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.headers[WEBHOOK_HEADERS.delivery]).toBe('01970000-0000-7000-8000-00000000a001');
    expect(req.headers[WEBHOOK_HEADERS.timestamp]).toBe(String(Date.parse('2026-06-01T08:00:00Z') / 1000));
    expect(JSON.parse(req.body)).toEqual({
      id: '01970000-0000-7000-8000-00000000a001',
      source: { kind: 'warning', id: '01970000-0000-7000-8000-00000000b001' },
      title: '泉州市应急管理局发布台风橙色预警',
      body: '橙色预警 · 晋江市',
      detail: '今年第5号台风预计12小时内影响我市沿海。\n防御指南：停止户外作业。',
      link: '/warnings/01970000-0000-7000-8000-00000000b001',
      severity: 'critical',
      data: { identifier: 'X1', colour: 'orange' },
      sentAt: '2026-06-01T08:00:00.000Z',
    });
    // The same request replayed ten minutes later is refused by the receiver.
    expect(
      verifyWebhook(
        SECRET,
        { signature: req.headers[WEBHOOK_HEADERS.signature] as string, timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string },
        req.body,
        Math.floor(clock.now().getTime() / 1000) + 600,
      ),
    ).toBe('stale');
  });

  it('a receiver with another key refuses it: the send fails, permanently for a 4xx', async () => {
    hook.reply = (req, res) => {
      const bad = verifyWebhook(
        'some-other-key-0000000000000',
        { signature: req.headers[WEBHOOK_HEADERS.signature] as string, timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string },
        req.body,
        Math.floor(clock.now().getTime() / 1000),
      );
      res.writeHead(bad ? 401 : 200).end(bad ?? '');
    };
    const err = await failure(
      webhookChannel({ clock, timeoutMs: TIMEOUT_MS }).send(delivery({ channel: 'webhook', address: hook.url, secret: SECRET })),
    );
    expect(err.permanent).toBe(true);
    expect(err.message).toBe('接收端返回 HTTP 401：mismatch');
  });

  it('retries on 5xx, 429 and timeouts; does not follow redirects', async () => {
    const ch = webhookChannel({ clock, timeoutMs: TIMEOUT_MS });
    const send = (c = ch) => c.send(delivery({ channel: 'webhook', address: hook.url, secret: SECRET }));
    hook.reply = (_req, res) => res.writeHead(503).end('maintenance');
    expect(await failure(send())).toMatchObject({ permanent: false, message: '接收端返回 HTTP 503：maintenance' });
    hook.reply = (_req, res) => res.writeHead(429).end();
    expect(await failure(send())).toMatchObject({ permanent: false, message: '接收端返回 HTTP 429' });
    hook.reply = (_req, res) => res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
    expect(await failure(send())).toMatchObject({ permanent: true, message: '接收端返回 HTTP 302' });
    hook.reply = (_req, res) => setTimeout(() => res.writeHead(200).end(), 3000);
    const slow = await failure(send(webhookChannel({ clock, timeoutMs: 300 })));
    expect(slow).toMatchObject({ permanent: false, message: '请求超时（300 毫秒）' });
  });

  it('refuses to send without a key (subscriber deleted)', async () => {
    const err = await failure(
      webhookChannel({ clock, timeoutMs: 300 }).send(delivery({ channel: 'webhook', address: hook.url, secret: null })),
    );
    expect(err.permanent).toBe(true);
  });
});

describe('SMS', () => {
  const TOKEN = 'sms-gateway-token-000000000001';
  let gateway: HttpSink;
  beforeAll(async () => {
    gateway = await startHttp();
  });
  afterAll(async () => gateway.close());

  it('posts {to, text, id} with the bearer token to the HTTP gateway; accepted = sent, with the gateway id', async () => {
    gateway.reply = (req, res) => {
      const ok = req.headers.authorization === `Bearer ${TOKEN}`;
      res.writeHead(ok ? 202 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: 'gw-42' }));
    };
    const ch = smsChannel(config({ SMS_ADAPTER: 'http', SMS_GATEWAY_URL: `${gateway.url}/send`, SMS_GATEWAY_TOKEN: TOKEN }), silentLog);
    expect(ch.status).toMatchObject({ adapter: 'http', configured: true, simulated: false });
    const r = await ch.send(delivery({ channel: 'sms', address: '13905951234' }));
    expect(r).toEqual({ status: 'sent', receipt: { accepted: true, httpStatus: 202, gatewayId: 'gw-42' } });
    const req = gateway.requests.at(-1)!;
    expect(req.url).toBe('/send');
    expect(JSON.parse(req.body)).toEqual({
      to: '13905951234',
      id: '01970000-0000-7000-8000-00000000a001',
      text: '泉州市应急管理局发布台风橙色预警\n橙色预警 · 晋江市\n今年第5号台风预计12小时内影响我市沿海。\n防御指南：停止户外作业。',
    });
  });

  it('retries when the gateway is down or busy, not when it refuses the number', async () => {
    const ch = httpSmsChannel({ url: gateway.url, token: TOKEN, timeoutMs: TIMEOUT_MS });
    gateway.reply = (_req, res) => res.writeHead(503).end();
    expect((await failure(ch.send(delivery({ channel: 'sms', address: '13905951234' })))).permanent).toBe(false);
    gateway.reply = (_req, res) => res.writeHead(400).end('invalid number');
    const bad = await failure(ch.send(delivery({ channel: 'sms', address: '13905951234' })));
    expect(bad).toMatchObject({ permanent: true, message: '短信网关返回 HTTP 400：invalid number' });
  });

  it('is not configured when the HTTP adapter has no gateway URL', async () => {
    const ch = smsChannel(config({ SMS_ADAPTER: 'http' }), silentLog);
    expect(ch.status.configured).toBe(false);
    expect((await failure(ch.send(delivery({ channel: 'sms', address: '13905951234' })))).permanent).toBe(true);
  });

  it('the development adapter only logs (number masked) and marks the delivery simulated', async () => {
    const lines: unknown[] = [];
    const log: Logger = { ...silentLog, info: (o) => void lines.push(o) };
    const ch = logSmsChannel(log);
    expect(ch.status).toMatchObject({ adapter: 'log', simulated: true, configured: true });
    expect(await ch.send(delivery({ channel: 'sms', address: '13905951234' }))).toEqual({
      status: 'delivered',
      receipt: { simulated: true, adapter: 'log' },
    });
    expect(lines).toEqual([expect.objectContaining({ to: '139****1234', deliveryId: '01970000-0000-7000-8000-00000000a001' })]);
    expect(JSON.stringify(lines)).not.toContain('13905951234');
  });
});

const silentLog: Logger = { info() {}, warn() {}, error() {}, debug() {} };

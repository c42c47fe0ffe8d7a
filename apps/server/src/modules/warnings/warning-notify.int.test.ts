/**
 * Publishing a warning disseminates it through the notify module: one delivery per recipient and
 * channel (in-app readers of the orgs in the area, on-duty people, enterprises inside the area,
 * matching subscribers), sent by the worker over SMTP, the SMS gateway and signed webhooks.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { drainDeliveries } from '../notify/index.js';
import { notifyDb } from '../notify/notify.tables.js';
import { startHttp, startSmtp, type HttpSink, type SmtpSink } from '../notify/notify.test-support.js';
import { verifyWebhook, WEBHOOK_HEADERS } from '../notify/webhook-signature.js';
import { publishedWarning, warningBody } from './warnings.test-support.js';

// Beyond the demo duty roster (this month), so that only the test's shift is running.
const clock = new ManualClock(new Date(Date.now() + 50 * 86_400_000));
const KEY = 'media-webhook-key-0000000000000001';
let t: TestApp;
let smtp: SmtpSink;
let hook: HttpSink;
let gateway: HttpSink;
let analyst: Client;
let commander: Client;
const ids: Record<string, string> = {};

/** A hazard (enterprise) at a division's label point, with a phone. */
async function hazardAt(division: string, name: string, phone: string): Promise<string> {
  const id = newId();
  const org = await t.platform.db.selectFrom('org').select(['id', 'path']).where('code', '=', 'qz').executeTakeFirstOrThrow();
  await sql`
    INSERT INTO resource (id, kind, org_id, org_path, external_code, name, status, phone, location, attrs)
    SELECT ${id}, 'hazard', ${org.id}, ${org.path}::ltree, ${`T-${id}`}, ${name}, 'active', ${phone}, d.label_point,
      ${JSON.stringify({ enterprise: `${name}公司` })}::jsonb
    FROM admin_division d WHERE d.code = ${division}`.execute(t.platform.db);
  return id;
}

async function subscribe(body: Record<string, unknown>): Promise<string> {
  const r = await commander.post('/api/v1/notify/subscribers', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startHttp();
  gateway = await startHttp();
  gateway.reply = (_req, res) => res.writeHead(200).end('{}');
  t = await startTestApp({
    clock,
    env: { SMTP_URL: smtp.url, SMS_ADAPTER: 'http', SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'gateway-token-0000000001' },
  });
  analyst = await t.login('analyst');
  commander = await t.login('commander');
  const jj = await t.platform.db.selectFrom('org').select('id').where('code', '=', 'qz_jinjiang').executeTakeFirstOrThrow();
  const officer = await t.platform.db.selectFrom('app_user').select('id').where('username', '=', 'duty-jinjiang').executeTakeFirstOrThrow();
  ids.officer = officer.id;
  await t.platform.db.updateTable('app_user').set({ email: 'duty-jj@qz.gov.cn' }).where('id', '=', officer.id).execute();
  // Jinjiang's shift running now: the officer (an account with an e-mail) and a leader with a mobile phone.
  const now = clock.now().getTime();
  const shift = await commander.post('/api/v1/duty/shifts', {
    orgId: jj.id,
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 8 * 3_600_000).toISOString(),
    kind: 'day',
    leader: { name: '林带班', phone: '13905950001' },
    officers: [{ userId: officer.id, phone: '13905950002' }],
  });
  expect(shift.statusCode, shift.body).toBe(201);
  ids.inside = await hazardAt('350582', '晋江化工', '13905950003');
  ids.landline = await hazardAt('350582', '晋江仓储', '0595-22880000');
  ids.outside = await hazardAt('350526', '德化瓷业', '13905950004');
  ids.smsSub = await subscribe({ name: '晋江村居广播员', channel: 'sms', address: '139 0595 0005', divisionCodes: ['350582'] });
  ids.smsElsewhere = await subscribe({ name: '德化联络员', channel: 'sms', address: '13905950006', divisionCodes: ['350526'] });
  ids.mailCity = await subscribe({ name: '市气象台', channel: 'email', address: 'QX@qz.gov.cn', divisionCodes: ['350500'] });
  ids.hook = await subscribe({ name: '媒体平台', channel: 'webhook', address: `${hook.url}/media`, secret: KEY, minColour: 'yellow' });
  ids.hookRedOnly = await subscribe({
    name: '省级平台',
    channel: 'webhook',
    address: `${hook.url}/province`,
    secret: KEY,
    minColour: 'red',
  });
});
afterAll(async () => {
  await t?.close();
  await Promise.all([smtp?.close(), hook?.close(), gateway?.close()]);
});

const deliveries = (warningId: string) =>
  notifyDb(t.platform.db)
    .selectFrom('notify_delivery')
    .selectAll()
    .where('source_kind', '=', 'warning')
    .where('source_id', '=', warningId)
    .orderBy('channel')
    .orderBy('address')
    .execute();

describe('publishing a warning', () => {
  it('creates one delivery per channel and recipient in the area, and the worker sends them', async () => {
    const w = await publishedWarning(analyst, commander, warningBody(clock.now(), { channels: ['in_app', 'sms', 'email', 'webhook'] }));
    await t.dispatcher.flush();
    const rows = await deliveries(w.id);
    const external = rows.filter((r) => r.channel !== 'in_app').map((r) => [r.channel, r.recipient_kind, r.address]);
    expect(external).toEqual([
      ['email', 'duty_officer', 'duty-jj@qz.gov.cn'],
      ['email', 'subscriber', 'qx@qz.gov.cn'],
      ['sms', 'duty_officer', '13905950001'],
      ['sms', 'duty_officer', '13905950002'],
      ['sms', 'enterprise', '13905950003'],
      ['sms', 'subscriber', '13905950005'],
      ['webhook', 'subscriber', `${hook.url}/media`],
    ]);
    expect(rows.find((r) => r.address === '13905950003')!.recipient_name).toBe('晋江化工公司 · 晋江化工');
    // In-app: the warning readers of the orgs in the area (the county officer among them), told at once.
    const inApp = rows.filter((r) => r.channel === 'in_app');
    expect(inApp.length).toBeGreaterThan(1);
    expect(inApp.find((r) => r.address === ids.officer)).toMatchObject({ status: 'delivered', recipient_kind: 'user' });
    expect(rows.every((r) => r.org_id === w.orgId)).toBe(true);

    await drainDeliveries(t.platform);
    const after = await deliveries(w.id);
    expect(after.filter((r) => r.channel === 'sms').every((r) => r.status === 'sent')).toBe(true);
    expect(after.filter((r) => r.channel === 'email').every((r) => r.status === 'sent')).toBe(true);
    expect(after.find((r) => r.channel === 'webhook')!.status).toBe('delivered');
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(['duty-jj@qz.gov.cn', 'qx@qz.gov.cn']);
    expect(gateway.requests.map((r) => JSON.parse(r.body).to).sort()).toEqual(['13905950001', '13905950002', '13905950003', '13905950005']);
    const sms = JSON.parse(gateway.requests[0]!.body).text as string;
    expect(sms).toContain(w.headline);
    expect(sms).toContain('防御指南');

    const req = hook.requests.find((r) => r.url === '/media')!;
    const verdict = verifyWebhook(
      KEY,
      { signature: req.headers[WEBHOOK_HEADERS.signature] as string, timestamp: req.headers[WEBHOOK_HEADERS.timestamp] as string },
      req.body,
      Math.floor(clock.now().getTime() / 1000),
    );
    expect(verdict).toBeNull();
    expect(JSON.parse(req.body)).toMatchObject({
      source: { kind: 'warning', id: w.id },
      title: w.headline,
      severity: 'critical',
      link: `/warnings/${w.id}`,
      data: { identifier: w.identifier, colour: 'orange', typeCode: '11B01', capUrl: `/public/warnings/${w.identifier}.cap.xml` },
    });
    expect(hook.requests.some((r) => r.url === '/province')).toBe(false);

    const summary = (await commander.get(`/api/v1/notify/summary?sourceKind=warning&sourceId=${w.id}`)).json();
    expect(summary.settled).toBe(true);
    expect(summary.channels.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({ total: 4, sent: 4 });
  });

  it('always tells the orgs in-app, adds only the channels chosen when drafting, and sends nothing twice when the event comes again', async () => {
    const w = await publishedWarning(analyst, commander, warningBody(clock.now(), { colour: 'yellow', channels: ['webhook'] }));
    await t.dispatcher.flush();
    const rows = await deliveries(w.id);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['in_app', 'webhook']));
    expect(rows.filter((r) => r.channel === 'webhook').map((r) => r.address)).toEqual([`${hook.url}/media`]);
    // At-least-once delivery of the event: the handler runs again.
    const event = await t.platform.db
      .selectFrom('outbox')
      .selectAll()
      .where('name', '=', 'warning.published')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await t.platform.db.updateTable('outbox').set({ delivered_at: null, claimed_at: null }).where('id', '=', event.id).execute();
    await t.dispatcher.flush();
    expect(await deliveries(w.id)).toHaveLength(rows.length);
  });
});

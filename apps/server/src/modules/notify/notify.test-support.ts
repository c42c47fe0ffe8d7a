/**
 * Test helpers for dissemination: an in-process SMTP server, a recording HTTP server (webhook
 * receivers, the SMS gateway), a MIME reader for what the SMTP server got, and fixture rows.
 * Never imported by the server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { notifyDb } from './notify.tables.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  url: string;
  mails: ReceivedMail[];
  /** Answer RCPT TO for an address with this SMTP code (e.g. 550) instead of accepting it. */
  refuse: Map<string, number>;
  close(): Promise<void>;
}

/** A plain SMTP server on a free port (no TLS, no auth) that keeps every message it accepts. */
export async function startSmtp(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const code = refuse.get(address.address);
      if (!code) return cb();
      const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code });
      cb(err);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes one MIME header value with RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=). */
function decodeWords(v: string): string {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** Headers (lower-case names, decoded) and text body of a single-part message. */
export function readMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const body = raw.slice(split + 4);
  const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  let text = body;
  if (enc === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (enc === 'quoted-printable')
    text = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return { headers, text: text.replace(/\r\n/g, '\n').trim() };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpSink {
  url: string;
  requests: RecordedRequest[];
  /** Decides each answer (default 204); may be replaced while the server runs. */
  reply: (req: RecordedRequest, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** An HTTP server on a free port that records every request and answers through `reply`. */
export async function startHttp(): Promise<HttpSink> {
  const sink: HttpSink = {
    url: '',
    requests: [],
    reply: (_req, res) => res.writeHead(204).end(),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      sink.requests.push(r);
      sink.reply(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sink.url = `http://127.0.0.1:${port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

/** Inserts a failed SMS delivery (and its message) owned by an org (by code); returns the delivery id. */
export async function fixtureDelivery(t: TestApp, orgCode: string): Promise<string> {
  const db = notifyDb(t.platform.db);
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const now = t.platform.clock.now();
  const messageId = newId();
  const id = newId();
  await db
    .insertInto('notify_message')
    .values({
      id: messageId,
      source_kind: 'fixture',
      source_id: messageId,
      key: 'default',
      title: '测试发布',
      body: null,
      detail: null,
      link: null,
      severity: 'info',
      data: null,
      org_id: org.id,
      org_path: org.path,
      created_by: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('notify_delivery')
    .values({
      id,
      message_id: messageId,
      source_kind: 'fixture',
      source_id: messageId,
      channel: 'sms',
      recipient_kind: 'subscriber',
      recipient_id: null,
      recipient_name: '测试订阅',
      address: '13905950000',
      status: 'failed',
      attempts: 5,
      next_attempt_at: null,
      last_error: '测试失败',
      failed_at: now,
      org_id: org.id,
      org_path: org.path,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Inserts an SMS subscriber owned by an org (by code); returns its id. */
export async function fixtureSubscriber(
  t: TestApp,
  orgCode: string,
  o: { address?: string; divisionCodes?: string[] } = {},
): Promise<string> {
  const db = notifyDb(t.platform.db);
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const now = t.platform.clock.now();
  const id = newId();
  await db
    .insertInto('notify_subscriber')
    .values({
      id,
      name: '测试订阅',
      channel: 'sms',
      address: o.address ?? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      secret_sealed: null,
      division_codes: o.divisionCodes ?? [],
      min_colour: null,
      enabled: true,
      org_id: org.id,
      org_path: org.path,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

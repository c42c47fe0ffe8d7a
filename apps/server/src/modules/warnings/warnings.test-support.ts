/**
 * Test helpers for warning integration tests: valid drafts, a signing key made with openssl, a
 * throw-away HTTP server serving feeds, and a draft fixture owned by a given org. Never imported
 * by the server.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';

/** A valid orange typhoon draft for Jinjiang, expiring a day after `now`. */
export function warningBody(now: Date, o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    typeCode: '11B01',
    colour: 'orange',
    description: '今年第5号台风预计12小时内影响我市沿海，平均风力10级以上。',
    area: { divisionCodes: ['350582'] },
    expires: new Date(now.getTime() + 86_400_000).toISOString(),
    channels: ['in_app', 'sms'],
    ...o,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the DTO's fields freely
export type Json = Record<string, any>;

/** Creates a draft through the API (fails the test on any other status). */
export async function draftWarning(c: Client, body: Record<string, unknown>): Promise<Json> {
  const r = await c.post('/api/v1/warnings', body);
  if (r.statusCode !== 201) throw new Error(`draft failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** Drafts, submits and approves (and publishes) a warning; returns the published DTO. */
export async function publishedWarning(author: Client, approver: Client, body: Record<string, unknown>): Promise<Json> {
  const w = await draftWarning(author, body);
  const s = await author.post(`/api/v1/warnings/${w.id}/submit`);
  if (s.statusCode !== 200) throw new Error(`submit failed: ${s.body}`);
  const a = await approver.post(`/api/v1/warnings/${w.id}/approve`, { publish: true });
  if (a.statusCode !== 200) throw new Error(`approve failed: ${a.body}`);
  return a.json();
}

/** A signed-in user holding one ad-hoc role with exactly these permissions. */
export async function userWithPermissions(t: TestApp, username: string, permissions: string[], org = 'qz'): Promise<Client> {
  const roleId = `t_${username.replace(/\W/g, '_')}`;
  await t.platform.db
    .insertInto('role')
    .values({ id: roleId, name_zh: username, name_en: username, admin_kind: null, permissions, builtin: false })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const db = t.platform.db;
  const o = await db.selectFrom('org').select(['id', 'path']).where('code', '=', org).executeTakeFirstOrThrow();
  // The demo password's hash, borrowed from a demo account.
  const { password_hash } = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'duty')
    .executeTakeFirstOrThrow();
  const id = newId();
  await db
    .insertInto('app_user')
    .values({
      id,
      username,
      display_name: username,
      org_id: o.id,
      org_path: o.path,
      phone: null,
      email: null,
      password_hash,
      password_changed_at: t.platform.clock.now(),
      must_change_password: false,
      locked_until: null,
      totp_secret: null,
      totp_last_step: null,
      last_login_at: null,
    })
    .execute();
  await db
    .insertInto('user_role')
    .values({ user_id: id, role_id: roleId, scope_org_id: o.id, scope_path: o.path, granted_by: null })
    .execute();
  return t.login(username);
}

/** Inserts a bare draft owned by an org (by code) and returns its id: a fixture for scope tests. */
export async function fixtureWarning(t: TestApp, orgCode: string): Promise<string> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const id = newId();
  const now = t.platform.clock.now();
  await db
    .insertInto('warning')
    .values({
      id,
      org_id: org.id,
      org_path: org.path,
      source: 'internal',
      status: 'draft',
      type_code: '11B03',
      colour: 'yellow',
      headline: '暴雨黄色预警（测试）',
      description: '测试',
      area_desc: '测试区域',
      expires_at: new Date(now.getTime() + 86_400_000),
      created_by: null,
      created_by_name: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A fixture feed owned by an org (by code); returns its id. */
export async function fixtureFeed(t: TestApp, orgCode: string): Promise<string> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const id = newId();
  const now = t.platform.clock.now();
  await db
    .insertInto('warning_feed')
    .values({
      id,
      name: 'fixture',
      url: 'http://127.0.0.1:9/feed.xml',
      kind: 'cap',
      interval_seconds: 300,
      enabled: false,
      org_id: org.id,
      org_path: org.path,
      last_status: null,
      last_error: null,
      last_polled_at: null,
      last_items: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A fresh RSA key and self-signed certificate (system openssl), also written to files for the config. */
export function makeSigner(cn: string): { privateKeyPem: string; certificatePem: string; keyFile: string; certFile: string; dir: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'warn-sig-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  writeFileSync(keyFile, privateKeyPem);
  execFileSync('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    `/CN=${cn}/O=Vigil Test`,
    '-utf8',
  ]);
  return { privateKeyPem, certificatePem: readFileSync(certFile, 'utf8'), keyFile, certFile, dir };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface FeedServer {
  url: string;
  /** Path → handler; set or replace routes while the server runs. */
  routes: Map<string, (req: IncomingMessage, res: ServerResponse) => void>;
  close(): Promise<void>;
}

/** A local HTTP server on port 0 serving whatever the test puts in `routes`. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const server: Server = createServer((req, res) => {
    const h = routes.get(req.url ?? '');
    if (h) h(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route answering with a fixed body and content type. */
export const serve =
  (body: string, type = 'application/cap+xml') =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };

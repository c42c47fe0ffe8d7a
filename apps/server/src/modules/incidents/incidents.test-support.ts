/**
 * Test helpers for incident integration tests: valid inputs, API tokens for external systems,
 * multipart bodies and tiny files of each accepted type. Never imported by the server.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Client, TestApp } from '../../../test/harness.js';
import { API_TOKEN_PREFIX, sha256Hex } from '../../platform/auth/tokens.js';
import { newId } from '../../platform/ids.js';

/** Points inside counties (WGS84). */
export const PLACES = {
  jinjiang: { lng: 118.5775, lat: 24.7863 },
  fengze: { lng: 118.7327, lat: 25.0229 },
  xiamen: { lng: 118.1, lat: 24.48 },
} as const;

/** A valid incident body; `occurredAt` one hour before `now`. */
export function incidentBody(now: Date, o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '测试火灾',
    eventType: '12G03',
    occurredAt: new Date(now.getTime() - 3_600_000).toISOString(),
    location: { ...PLACES.jinjiang, crs: 'wgs84' },
    source: 'phone',
    reporterName: '张三',
    reporterPhone: '13812345678',
    ...o,
  };
}

/** Creates an incident through the API and returns its DTO (fails the test on any other status). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the DTO's fields freely
export async function createIncident(c: Client, body: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await c.post('/api/v1/incidents', body);
  if (r.statusCode !== 201) throw new Error(`create failed: ${r.statusCode} ${r.body}`);
  return r.json();
}

/** An API token for a user (an external system's account), returned in clear. */
export async function apiTokenFor(t: TestApp, username: string, permissions: string[]): Promise<string> {
  const db = t.platform.db;
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const token = `${API_TOKEN_PREFIX}${newId().replace(/-/g, '')}`;
  await db
    .insertInto('api_token')
    .values({
      id: newId(),
      name: `test ${username}`,
      token_hash: sha256Hex(token),
      prefix: token.slice(0, 12),
      user_id: user.id,
      permissions,
      expires_at: null,
      created_by: null,
    })
    .execute();
  return token;
}

/** Sends a request with a bearer token. */
export function withToken(t: TestApp, token: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return t.request({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

/** A multipart/form-data body with one file part named `file`. */
export function multipart(
  fileName: string,
  content: Buffer,
  mime = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----vigil${newId().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mime}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file as a signed-in client. */
export function upload(t: TestApp, c: Client, incidentId: string, fileName: string, content: Buffer): Promise<LightMyRequestResponse> {
  const m = multipart(fileName, content);
  return t.request({
    method: 'POST',
    url: `/api/v1/incidents/${incidentId}/attachments`,
    payload: m.payload,
    headers: { ...m.headers, ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) },
  });
}

/** The first bytes of a PNG followed by filler: enough for the magic-byte check. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A Windows executable's header. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);

/** A minimal stored (uncompressed) ZIP with empty entries of the given names. */
export function makeZip(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(names.length, 8);
  eocd.writeUInt16LE(names.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Outbox events of one name about one incident, oldest first. */
export async function incidentEvents(t: TestApp, name: string, incidentId: string) {
  const rows = await t.platform.db.selectFrom('outbox').selectAll().where('name', '=', name).orderBy('id').execute();
  return rows.filter((r) => (r.payload as { incidentId?: string }).incidentId === incidentId);
}

/** Inserts a bare incident owned by an org (by code) and returns its id: a fixture for scope tests. */
export async function fixtureIncident(t: TestApp, orgCode: string): Promise<string> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const id = newId();
  const at = t.platform.clock.now();
  await sql`
    INSERT INTO incident (id, org_id, org_path, title, event_type, category, occurred_at, received_at, source)
    VALUES (${id}, ${org.id}, ${org.path}::ltree, ${`${orgCode} 测试事件`}, '12G03', '12000', ${at}, ${at}, 'phone')`.execute(db);
  return id;
}

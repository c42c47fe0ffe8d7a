/**
 * Test helpers for command integration tests and the authorisation matrix: a response with one
 * task owned by a given org. Never imported by the server.
 */
import { deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';

/** An active response (level IV) on a new incident of the org (a typhoon), with one unassigned task and an (empty) assessment. */
export async function fixtureResponse(t: TestApp, orgCode: string): Promise<{ incident: string; response: string; task: string }> {
  const db = t.platform.db;
  const org = await db.selectFrom('org').select(['id', 'path']).where('code', '=', orgCode).executeTakeFirstOrThrow();
  const incident = newId();
  const response = newId();
  const task = newId();
  const now = t.platform.clock.now();
  await sql`
    INSERT INTO incident (id, org_id, org_path, title, event_type, category, occurred_at, received_at, source)
    VALUES (${incident}, ${org.id}, ${org.path}::ltree, ${`${orgCode} 指挥测试事件`}, '11B01', '11000', ${now}, ${now}, 'phone')`.execute(
    db,
  );
  await sql`
    INSERT INTO command_response (id, incident_id, org_id, org_path, name, level, launched_at)
    VALUES (${response}, ${incident}, ${org.id}, ${org.path}::ltree, ${`${orgCode} 测试响应`}, 'IV', ${now})`.execute(db);
  await sql`
    INSERT INTO command_task (id, response_id, incident_id, org_path, title, source, assigned_at)
    VALUES (${task}, ${response}, ${incident}, ${org.path}::ltree, ${`${orgCode} 测试任务`}, 'adhoc', ${now})`.execute(db);
  // Its after-action assessment (normally opened on termination), for the scope checks of /assessments/:id.
  await sql`
    INSERT INTO command_assessment (id, incident_id, org_id, org_path, measures, evaluation, opened_at, updated_at)
    VALUES (${response}, ${incident}, ${org.id}, ${org.path}::ltree, '{}'::jsonb, '{}'::jsonb, ${now}, ${now})`.execute(db);
  return { incident, response, task };
}

/** CRC-32 (IEEE) as PNG chunks need it. */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real, decodable 1×1 PNG of one RGB colour (for upload tests). */
export function png(r = 200, g = 30, b = 30): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, r, g, b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

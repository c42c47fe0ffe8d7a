import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { newId } from '../../platform/ids.js';
import { hashDeviceSecret } from './device-secret.js';
import type { AcceptedReading, ReadingSink } from './reading.js';

/** Test fixtures of ingestion: a device with points and a known secret, a collecting sink, a free port. */

export interface TestPointSpec {
  metric: string;
  valueKind?: 'number' | 'boolean';
  rangeMin?: number | null;
  rangeMax?: number | null;
  intervalS?: number;
  enabled?: boolean;
}

export interface TestDevice {
  id: string;
  code: string;
  secret: string;
  orgPath: string;
  points: Map<string, { id: string; ref: number }>;
}

const TEST_TYPE = 'test-ingest';

/** Inserts a device (type `test-ingest`) with points; default points: level 0–100 and a valve state. */
export async function buildIngestDevice(
  db: Kysely<Database>,
  opts: { code?: string; orgCode?: string; status?: string; points?: TestPointSpec[] } = {},
): Promise<TestDevice> {
  await sql`
    INSERT INTO device_type (code, category, name_zh, name_en) VALUES (${TEST_TYPE}, 'hazchem', '接入测试设备', 'Ingest test device')
    ON CONFLICT (code) DO NOTHING`.execute(db);
  const org = await db
    .selectFrom('org')
    .select(['id', 'path'])
    .where('code', '=', opts.orgCode ?? 'qz')
    .executeTakeFirstOrThrow();
  const id = newId();
  const code = opts.code ?? `T-${randomBytes(4).toString('hex').toUpperCase()}`;
  const secret = randomBytes(32).toString('base64url');
  await sql`
    INSERT INTO device (id, code, type_code, name, org_id, org_path, location, status, secret_hash)
    VALUES (${id}, ${code}, ${TEST_TYPE}, ${`测试设备 ${code}`}, ${org.id}, ${org.path}::ltree,
            ST_SetSRID(ST_MakePoint(118.6, 24.9), 4326), ${opts.status ?? 'active'}, ${hashDeviceSecret(secret)})`.execute(db);
  const specs = opts.points ?? [
    { metric: 'level', rangeMin: 0, rangeMax: 100, intervalS: 10 },
    { metric: 'valve', valueKind: 'boolean' },
  ];
  const points = new Map<string, { id: string; ref: number }>();
  for (const p of specs) {
    const pid = newId();
    const r = await sql<{ ref: number }>`
      INSERT INTO point (id, device_id, metric, name, value_kind, range_min, range_max, interval_s, enabled)
      VALUES (${pid}, ${id}, ${p.metric}, ${p.metric}, ${p.valueKind ?? 'number'}, ${p.rangeMin ?? null}, ${p.rangeMax ?? null},
              ${p.intervalS ?? 60}, ${p.enabled ?? true})
      RETURNING ref`.execute(db);
    points.set(p.metric, { id: pid, ref: Number(r.rows[0]!.ref) });
  }
  return { id, code, secret, orgPath: org.path, points };
}

/** A sink that keeps what it is given (stands in for the rule engine). */
export function collectingSink(): ReadingSink & { readings: AcceptedReading[]; batches: number } {
  const sink = {
    readings: [] as AcceptedReading[],
    batches: 0,
    accept(batch: readonly AcceptedReading[]) {
      sink.batches++;
      sink.readings.push(...batch);
    },
  };
  return sink;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Values stored in `reading` for a point, by time. */
export async function storedValues(db: Kysely<Database>, ref: number): Promise<number[]> {
  const r = await sql<{ value: number }>`SELECT value FROM reading WHERE point_ref = ${ref} ORDER BY ts, value`.execute(db);
  return r.rows.map((x) => Number(x.value));
}

export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, step = 25): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, step));
  }
}

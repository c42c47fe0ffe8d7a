import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../platform/clock.js';
import { silentLogger } from '../../platform/logger.js';
import { applyTelemetryRetention, ensureReadingPartitions, rollupHours } from './ingest.jobs.js';
import { buildIngestDevice } from './ingest.test-support.js';
import { DAY_MS, HOUR_MS, partitionName } from './reading-days.js';
import { ReadingWriter } from './reading-writer.js';
import { ensureDayPartition, getRollupWatermark, listDayPartitions, setRollupWatermark, updatePresence } from './retention.repository.js';

const NOW = Date.parse('2026-06-15T10:30:00Z');
const TODAY = Date.parse('2026-06-15T00:00:00Z');
const clock = new ManualClock(new Date(NOW));
let t: TestApp;

const db = () => t.platform.db;

async function insertRaw(rows: [ref: number, ts: number, value: number][]) {
  await sql`
    INSERT INTO reading (point_ref, ts, value)
    SELECT r, to_timestamp(x / 1000.0), v FROM unnest(${rows.map((r) => r[0])}::int4[], ${rows.map((r) => r[1])}::float8[], ${rows.map((r) => r[2])}::float8[]) AS u(r, x, v)`.execute(
    db(),
  );
}

/** Where each reading of a point physically lives (partition name → count). */
async function placement(ref: number): Promise<Record<string, number>> {
  const r = await sql<{ part: string; n: number }>`
    SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM reading WHERE point_ref = ${ref} GROUP BY 1 ORDER BY 1`.execute(db());
  return Object.fromEntries(r.rows.map((x) => [x.part, Number(x.n)]));
}

beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(async () => {
  await t?.close();
});

describe('day partitions', () => {
  it('creates today and the next two days, once', async () => {
    const created = await ensureReadingPartitions(t.platform);
    expect(created).toEqual(expect.arrayContaining(['reading_20260615', 'reading_20260616', 'reading_20260617']));
    expect(await ensureReadingPartitions(t.platform)).toEqual([]);
    await insertRaw([[900_001, NOW, 1]]);
    expect(await placement(900_001)).toEqual({ reading_20260615: 1 });
  });

  it('moves rows that landed in the DEFAULT partition into their day when it is created', async () => {
    const day = TODAY - 3 * DAY_MS;
    await insertRaw([
      [900_002, day + 1_000, 1],
      [900_002, day + 2 * HOUR_MS, 2],
      [900_002, day + DAY_MS - 1, 3],
    ]);
    expect(await placement(900_002)).toEqual({ reading_default: 3 });
    // PostgreSQL alone would refuse this partition while the default holds rows of its range.
    await expect(
      sql`CREATE TABLE reading_20260612 PARTITION OF reading FOR VALUES FROM ('2026-06-12') TO ('2026-06-13')`.execute(db()),
    ).rejects.toThrow();
    const created = await ensureReadingPartitions(t.platform);
    expect(created).toEqual(['reading_20260612']);
    expect(await placement(900_002)).toEqual({ reading_20260612: 3 });
    await insertRaw([[900_002, day + 5_000, 4]]);
    expect(await placement(900_002)).toEqual({ reading_20260612: 4 });
    // The partition has the parent's index.
    const idx = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'reading_20260612'`.execute(db());
    expect(Number(idx.rows[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it('handles a partition whose rows arrive between the check and the create', async () => {
    const day = TODAY - 5 * DAY_MS;
    await insertRaw([[900_003, day + 10, 1]]);
    const r = await ensureDayPartition(db(), day);
    expect(r).toEqual({ moved: 1 });
    expect(await ensureDayPartition(db(), day)).toBe('exists');
  });
});

describe('retention', () => {
  it('drops raw days older than the retention, keeps recent ones, and prunes rollups and dead letters', async () => {
    const old = TODAY - 40 * DAY_MS;
    await ensureDayPartition(db(), old);
    await insertRaw([
      [900_010, old + HOUR_MS, 1],
      [900_010, TODAY - 45 * DAY_MS, 2], // no partition: in the default, past retention
      [900_010, TODAY - 29 * DAY_MS, 3], // within 30 days: kept (in the default)
    ]);
    await sql`
      INSERT INTO reading_hourly (point_ref, hour, min, max, avg, count) VALUES
        (900010, ${new Date(NOW - 731 * DAY_MS).toISOString()}::timestamptz, 1, 1, 1, 1),
        (900010, ${new Date(NOW - 700 * DAY_MS).toISOString()}::timestamptz, 2, 2, 2, 1)`.execute(db());
    await sql`
      INSERT INTO reading_dead_letter (received_at, transport, device_code, reason) VALUES
        (${new Date(NOW - 31 * DAY_MS).toISOString()}::timestamptz, 'mqtt', 'OLD', 'unknown_device'),
        (${new Date(NOW - DAY_MS).toISOString()}::timestamptz, 'mqtt', 'NEW', 'unknown_device')`.execute(db());

    const r = await applyTelemetryRetention(t.platform);
    expect(r.dropped).toEqual([partitionName(old)]);
    expect(r.defaultRows).toBe(1);
    expect(await listDayPartitions(db())).not.toContain(partitionName(old));
    expect(await listDayPartitions(db())).toContain('reading_20260612');
    const left = await sql<{ value: number }>`SELECT value FROM reading WHERE point_ref = 900010`.execute(db());
    expect(left.rows.map((x) => Number(x.value))).toEqual([3]);
    const hourly = await sql<{ min: number }>`SELECT min FROM reading_hourly WHERE point_ref = 900010`.execute(db());
    expect(hourly.rows.map((x) => Number(x.min))).toEqual([2]);
    const dl = await sql<{ device_code: string }>`SELECT device_code FROM reading_dead_letter WHERE device_code IN ('OLD', 'NEW')`.execute(
      db(),
    );
    expect(dl.rows.map((x) => x.device_code)).toEqual(['NEW']);
  });

  it('never keeps less than the configured retention', async () => {
    const keep = TODAY - 30 * DAY_MS; // its day ends 29 days 10.5 h before now
    await ensureDayPartition(db(), keep);
    expect((await applyTelemetryRetention(t.platform)).dropped).not.toContain(partitionName(keep));
    expect(await listDayPartitions(db())).toContain(partitionName(keep));
  });
});

describe('hourly rollups', () => {
  const H = Date.parse('2026-06-15T07:00:00Z');

  it('summarises completed hours once, from the watermark, and merges late readings afterwards', async () => {
    await insertRaw([
      [900_020, H + 1_000, 10],
      [900_020, H + 2_000, 20],
      [900_020, H + 3_000, 30],
      [900_021, H + 4_000, -5],
      [900_020, H + HOUR_MS + 10, 7],
      [900_020, H + 3 * HOUR_MS + 10, 99], // 10:00, not complete at 10:30
    ]);
    await setRollupWatermark(db(), H);
    const done = await rollupHours(t.platform);
    expect(done.map((h) => new Date(h).toISOString().slice(11, 13))).toEqual(['07', '08', '09']);
    expect(await getRollupWatermark(db())).toBe(H + 3 * HOUR_MS);
    const rows = async () =>
      (
        await sql<{ point_ref: number; hour: Date; min: number; max: number; avg: number; count: number }>`
          SELECT point_ref, hour, min, max, avg, count FROM reading_hourly WHERE point_ref IN (900020, 900021) ORDER BY point_ref, hour`.execute(
          db(),
        )
      ).rows.map((r) => [
        r.point_ref,
        new Date(r.hour).toISOString().slice(11, 13),
        Number(r.min),
        Number(r.max),
        Number(r.avg),
        Number(r.count),
      ]);
    expect(await rows()).toEqual([
      [900020, '07', 10, 30, 20, 3],
      [900020, '08', 7, 7, 7, 1],
      [900021, '07', -5, -5, -5, 1],
    ]);
    expect(await rollupHours(t.platform)).toEqual([]);

    // A late reading for 07:00 arrives at 10:30 through the writer: merged into the summary.
    const writer = new ReadingWriter(db(), { flushMs: 5, batchMax: 1000, log: silentLogger });
    await writer.submit([
      {
        pointRef: 900_020,
        pointId: 'p',
        deviceId: (await buildIngestDevice(db())).id,
        metric: 'm',
        ts: H + 5_000,
        value: 60,
        receivedAt: NOW,
      },
    ]);
    await writer.stop();
    expect((await rows())[0]).toEqual([900020, '07', 10, 60, 30, 4]);

    // Recomputing the hour from raw data gives the same answer (the late reading is stored too).
    await setRollupWatermark(db(), H);
    await rollupHours(t.platform, 1);
    expect((await rows())[0]).toEqual([900020, '07', 10, 60, 30, 4]);
  });
});

describe('device presence', () => {
  it('is online while data arrives within 3 × the longest interval, offline after', async () => {
    const d = await buildIngestDevice(db(), {
      points: [
        { metric: 'fast', intervalS: 5 },
        { metric: 'slow', intervalS: 10 },
        { metric: 'off', intervalS: 600, enabled: false },
      ],
    });
    const setLast = (msAgo: number) =>
      sql`
        INSERT INTO device_ingest_stat (device_id, accepted, last_accepted_at) VALUES (${d.id}, 1, ${new Date(NOW - msAgo).toISOString()}::timestamptz)
        ON CONFLICT (device_id) DO UPDATE SET last_accepted_at = EXCLUDED.last_accepted_at`.execute(db());
    const online = async () => (await sql<{ online: boolean }>`SELECT online FROM device WHERE id = ${d.id}`.execute(db())).rows[0]!.online;

    await setLast(29_000);
    expect(await updatePresence(db(), NOW)).toContainEqual({ id: d.id, online: true });
    expect(await online()).toBe(true);
    expect((await updatePresence(db(), NOW)).some((c) => c.id === d.id)).toBe(false);
    // 2 s later the last reading is 31 s old: more than 3 × 10 s (the disabled point's 600 s does not count).
    expect(await updatePresence(db(), NOW + 2_000)).toContainEqual({ id: d.id, online: false });
    expect(await online()).toBe(false);
    const seen = await sql<{ last_seen_at: Date }>`SELECT last_seen_at FROM device WHERE id = ${d.id}`.execute(db());
    expect(new Date(seen.rows[0]!.last_seen_at).getTime()).toBe(NOW - 29_000);
    // Data again: back online.
    await setLast(0);
    expect(await updatePresence(db(), NOW + 3_000)).toContainEqual({ id: d.id, online: true });
  });
});

import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Logger } from '../../platform/logger.js';
import type { AcceptedReading } from './reading.js';
import {
  insertDeadLetters,
  insertReadings,
  markSeen,
  mergeHourly,
  upsertLatest,
  upsertStats,
  type DeadLetterColumns,
  type HourlyColumns,
  type LatestColumns,
  type ReadingColumns,
  type SeenColumns,
  type StatColumns,
} from './reading-store.repository.js';

/**
 * Group commit of telemetry: every accepted message joins the current batch, and the batch is
 * written in one transaction every `flushMs` (sooner when it reaches `batchMax` rows). The
 * promise `submit` returns settles only after that transaction committed, so the MQTT PUBACK
 * and the HTTP 202 wait for it: an acknowledged reading is in the database (docs/adr/0006).
 * A failed write keeps its entries, in order, for the next attempt (back-off up to 5 s).
 */

/** A refused message or reading, written to `reading_dead_letter` with the readings' batch. */
export interface DeadLetter {
  receivedAt: number;
  transport: 'mqtt' | 'http';
  deviceCode: string | null;
  deviceId: string | null;
  metric: string | null;
  reason: string;
  detail: string | null;
  payload: string | null;
}

export interface WriterOptions {
  flushMs: number;
  batchMax: number;
  /** Transactions in flight at once (1 on embedded storage, which has one connection). */
  concurrency?: number;
  log: Logger;
  now?: () => number;
}

export interface WriterStats {
  storedReadings: number;
  deadLetters: number;
  flushes: number;
  flushErrors: number;
  lastFlushMs: number | null;
  lastFlushRows: number;
}

interface Entry {
  at: number;
  readings: readonly AcceptedReading[];
  deadLetters: readonly DeadLetter[];
  resolve(): void;
  reject(err: Error): void;
}

const HOUR = 3_600_000;
/** A device's `last_seen_at` is written at most this often (the exact time is in device_ingest_stat). */
export const SEEN_WRITE_EVERY_MS = 60_000;
/**
 * Readings received this long after the end of their hour are "late": the hourly rollup job may
 * already have summarised that hour, so the batch merges them into `reading_hourly` itself. The
 * job waits ROLLUP_DELAY_MS (longer) before it summarises an hour.
 */
export const LATE_AFTER_MS = 60_000;
const MAX_RETRY_MS = 5_000;

/** Builds the column arrays of one batch (pure; exported for tests). */
export function buildBatch(
  readings: readonly AcceptedReading[],
  deadLetters: readonly DeadLetter[],
  seenWritten: Map<string, number>,
): {
  readings: ReadingColumns;
  latest: LatestColumns;
  stats: StatColumns;
  dead: DeadLetterColumns;
  hourly: HourlyColumns;
  seen: SeenColumns;
} {
  const n = readings.length;
  const cols: ReadingColumns = { refs: new Array<number>(n), ts: new Array<number>(n), values: new Array<number>(n) };
  const latest = new Map<number, AcceptedReading>();
  const stats = new Map<string, { a: number; r: number; la: number | null; lr: number | null; reason: string | null }>();
  const late = new Map<string, { ref: number; hour: number; min: number; max: number; sum: number; count: number }>();
  const seen = new Map<string, number>();
  readings.forEach((r, i) => {
    cols.refs[i] = r.pointRef;
    cols.ts[i] = r.ts;
    cols.values[i] = r.value;
    const prev = latest.get(r.pointRef);
    if (!prev || prev.ts <= r.ts) latest.set(r.pointRef, r);
    const s = stats.get(r.deviceId);
    if (s) {
      s.a++;
      if (s.la === null || r.receivedAt > s.la) s.la = r.receivedAt;
    } else stats.set(r.deviceId, { a: 1, r: 0, la: r.receivedAt, lr: null, reason: null });
    const hour = Math.floor(r.ts / HOUR) * HOUR;
    if (r.receivedAt >= hour + HOUR + LATE_AFTER_MS) {
      const key = `${r.pointRef}:${hour}`;
      const h = late.get(key);
      if (h) {
        h.min = Math.min(h.min, r.value);
        h.max = Math.max(h.max, r.value);
        h.sum += r.value;
        h.count++;
      } else late.set(key, { ref: r.pointRef, hour, min: r.value, max: r.value, sum: r.value, count: 1 });
    }
    const last = seenWritten.get(r.deviceId);
    if ((last === undefined || r.receivedAt - last >= SEEN_WRITE_EVERY_MS) && (seen.get(r.deviceId) ?? 0) < r.receivedAt) {
      seen.set(r.deviceId, r.receivedAt);
    }
  });
  for (const d of deadLetters) {
    if (!d.deviceId) continue;
    const s = stats.get(d.deviceId);
    if (s) {
      s.r++;
      if (s.lr === null || d.receivedAt >= s.lr) {
        s.lr = d.receivedAt;
        s.reason = d.reason;
      }
    } else stats.set(d.deviceId, { a: 0, r: 1, la: null, lr: d.receivedAt, reason: d.reason });
  }
  // Sorted keys: concurrent batches lock shared rows in the same order (no deadlocks).
  const latestRows = [...latest.values()].sort((a, b) => a.pointRef - b.pointRef);
  const statIds = [...stats.keys()].sort();
  const seenIds = [...seen.keys()].sort();
  const lateRows = [...late.values()];
  return {
    readings: cols,
    latest: {
      refs: latestRows.map((r) => r.pointRef),
      ts: latestRows.map((r) => r.ts),
      values: latestRows.map((r) => r.value),
      receivedAt: latestRows.map((r) => r.receivedAt),
    },
    stats: {
      deviceIds: statIds,
      accepted: statIds.map((id) => stats.get(id)!.a),
      rejected: statIds.map((id) => stats.get(id)!.r),
      lastAcceptedAt: statIds.map((id) => stats.get(id)!.la),
      lastRejectedAt: statIds.map((id) => stats.get(id)!.lr),
      lastRejectReason: statIds.map((id) => stats.get(id)!.reason),
    },
    dead: {
      receivedAt: deadLetters.map((d) => d.receivedAt),
      transport: deadLetters.map((d) => d.transport),
      deviceCode: deadLetters.map((d) => d.deviceCode),
      deviceId: deadLetters.map((d) => d.deviceId),
      metric: deadLetters.map((d) => d.metric),
      reason: deadLetters.map((d) => d.reason),
      detail: deadLetters.map((d) => d.detail),
      payload: deadLetters.map((d) => d.payload),
    },
    hourly: {
      refs: lateRows.map((h) => h.ref),
      hours: lateRows.map((h) => h.hour),
      min: lateRows.map((h) => h.min),
      max: lateRows.map((h) => h.max),
      sum: lateRows.map((h) => h.sum),
      count: lateRows.map((h) => h.count),
    },
    seen: { deviceIds: seenIds, at: seenIds.map((id) => seen.get(id)!) },
  };
}

/** Buffers accepted readings and dead letters, and writes them in batches (group commit). */
export class ReadingWriter {
  private queue: Entry[] = [];
  private queuedRows = 0;
  private inFlightRows = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private retryAt = 0;
  private retryDelay = 0;
  private stopped = false;
  private readonly seenWritten = new Map<string, number>();
  private readonly idle = new Set<() => void>();
  private readonly now: () => number;
  private readonly concurrency: number;
  readonly stats: WriterStats = { storedReadings: 0, deadLetters: 0, flushes: 0, flushErrors: 0, lastFlushMs: null, lastFlushRows: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: WriterOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.concurrency = Math.max(1, opts.concurrency ?? 1);
  }

  /** Readings and dead letters accepted but not yet committed. */
  get pending(): number {
    return this.queuedRows + this.inFlightRows;
  }

  /** Queues rows; resolves once they are committed, rejects if the writer stops before that. */
  submit(readings: readonly AcceptedReading[], deadLetters: readonly DeadLetter[] = []): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('telemetry writer is stopped'));
    if (readings.length === 0 && deadLetters.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ at: this.now(), readings, deadLetters, resolve, reject });
      this.queuedRows += readings.length + deadLetters.length;
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or being written. */
  drained(): Promise<void> {
    if (this.pending === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((r) => this.idle.add(r));
  }

  /** Writes what is queued (retrying for up to `timeoutMs`), then refuses new rows; unwritten entries are rejected. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopped = true;
    const deadline = this.now() + timeoutMs;
    while ((this.queue.length > 0 || this.inFlight > 0) && this.now() < deadline) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (this.queue.length > 0 && this.inFlight < this.concurrency && this.now() >= this.retryAt) void this.flush();
      await new Promise((r) => setTimeout(r, 10));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const left = this.queue.splice(0);
    this.queuedRows = 0;
    for (const e of left) e.reject(new Error('telemetry writer stopped before the batch was stored'));
  }

  private schedule(): void {
    if (this.queue.length === 0 || this.inFlight >= this.concurrency) return;
    const now = this.now();
    const due = Math.max(this.retryAt, this.queuedRows >= this.opts.batchMax ? now : this.queue[0]!.at + this.opts.flushMs);
    if (due <= now) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      void this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.schedule();
      }, due - now);
    }
  }

  private take(): Entry[] {
    const taken: Entry[] = [];
    let rows = 0;
    while (this.queue.length > 0 && (taken.length === 0 || rows < this.opts.batchMax)) {
      const e = this.queue.shift()!;
      rows += e.readings.length + e.deadLetters.length;
      taken.push(e);
    }
    this.queuedRows -= rows;
    this.inFlightRows += rows;
    return taken;
  }

  private async flush(): Promise<void> {
    const entries = this.take();
    const rows = entries.reduce((n, e) => n + e.readings.length + e.deadLetters.length, 0);
    this.inFlight++;
    const t0 = performance.now();
    try {
      const readings = entries.length === 1 ? entries[0]!.readings : entries.flatMap((e) => e.readings);
      const dead = entries.length === 1 ? entries[0]!.deadLetters : entries.flatMap((e) => e.deadLetters);
      const b = buildBatch(readings, dead, this.seenWritten);
      await this.db.transaction().execute(async (tx) => {
        await insertReadings(tx, b.readings);
        await upsertLatest(tx, b.latest);
        await insertDeadLetters(tx, b.dead);
        await upsertStats(tx, b.stats);
        await mergeHourly(tx, b.hourly);
        await markSeen(tx, b.seen);
      });
      b.seen.deviceIds.forEach((id, i) => this.seenWritten.set(id, b.seen.at[i]!));
      this.stats.storedReadings += readings.length;
      this.stats.deadLetters += dead.length;
      this.stats.flushes++;
      this.stats.lastFlushMs = Math.round((performance.now() - t0) * 10) / 10;
      this.stats.lastFlushRows = rows;
      this.retryDelay = 0;
      this.inFlightRows -= rows;
      for (const e of entries) e.resolve();
    } catch (err) {
      this.stats.flushErrors++;
      this.retryDelay = Math.min(MAX_RETRY_MS, Math.max(100, this.retryDelay * 2));
      this.retryAt = this.now() + this.retryDelay;
      this.opts.log.error({ err, rows, retryInMs: this.retryDelay }, 'telemetry batch write failed; retrying');
      this.inFlightRows -= rows;
      this.queue.unshift(...entries);
      this.queuedRows += rows;
    } finally {
      this.inFlight--;
      if (this.queue.length > 0 && !this.stopped) this.schedule();
      if (this.pending === 0 && this.inFlight === 0) {
        for (const r of this.idle) r();
        this.idle.clear();
      }
    }
  }
}

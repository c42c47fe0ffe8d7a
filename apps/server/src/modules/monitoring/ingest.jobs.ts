import type { Platform } from '../../platform/ctx.js';
import type { Job } from '../../platform/module.js';
import {
  DAY_MS,
  HOUR_MS,
  daysAhead,
  dayStart,
  expiredPartitions,
  hourStart,
  hoursToRoll,
  partitionName,
  rawCutoff,
} from './reading-days.js';
import {
  LOCK_ROLLUP,
  daysInDefault,
  deleteOldDeadLetters,
  deleteOldDefaultRows,
  deleteOldHourly,
  dropPartition,
  ensureDayPartition,
  getRollupWatermark,
  listDayPartitions,
  oldestReading,
  rollupHour,
  setRollupWatermark,
  tryLock,
  updatePresence,
} from './retention.repository.js';

/**
 * Upkeep of the reading tables, run by the worker: day partitions ahead of time, retention,
 * hourly rollups and device presence. Each is idempotent; on several instances a partition
 * created twice at the same moment fails one of them (retried next run), and the rollup takes an
 * advisory lock so that one instance summarises each hour.
 */

/** Most hours one rollup run summarises (a long outage is caught up over several runs). */
const ROLLUP_HOURS_PER_RUN = 24;

/**
 * Creates the partitions of today and the next two days, and of any recent day whose rows fell
 * into the DEFAULT partition (moving them). Returns the partitions created.
 */
export async function ensureReadingPartitions(platform: Platform): Promise<string[]> {
  const now = platform.clock.now().getTime();
  const created: string[] = [];
  const cutoff = rawCutoff(now, platform.config.TELEMETRY_RAW_RETENTION_DAYS);
  const stray = (await daysInDefault(platform.db)).filter((d) => d + DAY_MS > cutoff);
  for (const day of [...new Set([...stray, ...daysAhead(now)])].sort((a, b) => a - b)) {
    const r = await ensureDayPartition(platform.db, day);
    if (r === 'exists') continue;
    created.push(partitionName(day));
    if (typeof r === 'object')
      platform.log.info(
        { partition: partitionName(day), moved: r.moved },
        'reading partition created; rows moved from the default partition',
      );
  }
  return created;
}

/** Drops raw days past retention, then old rollups and dead letters. */
export async function applyTelemetryRetention(
  platform: Platform,
): Promise<{ dropped: string[]; defaultRows: number; hourly: number; deadLetters: number }> {
  const now = platform.clock.now().getTime();
  const { TELEMETRY_RAW_RETENTION_DAYS: rawDays, TELEMETRY_HOURLY_RETENTION_DAYS: hourlyDays } = platform.config;
  const dropped = expiredPartitions(await listDayPartitions(platform.db), now, rawDays);
  for (const name of dropped) await dropPartition(platform.db, name);
  // Rows in the default partition are deleted from the start of the first day that may be dropped.
  const defaultRows = await deleteOldDefaultRows(platform.db, dayStart(rawCutoff(now, rawDays)));
  const hourly = await deleteOldHourly(platform.db, hourStart(now - hourlyDays * DAY_MS));
  const deadLetters = await deleteOldDeadLetters(platform.db, rawCutoff(now, rawDays));
  return { dropped, defaultRows, hourly, deadLetters };
}

/** Summarises completed hours into `reading_hourly`, advancing the watermark hour by hour. */
export async function rollupHours(platform: Platform, maxHours = ROLLUP_HOURS_PER_RUN): Promise<number[]> {
  const now = platform.clock.now().getTime();
  let watermark = await getRollupWatermark(platform.db);
  if (watermark === null) {
    const oldest = await oldestReading(platform.db);
    watermark = hourStart(oldest ?? now);
    await setRollupWatermark(platform.db, watermark);
  }
  const done: number[] = [];
  for (const hour of hoursToRoll(watermark, now, maxHours)) {
    const ok = await platform.db.transaction().execute(async (tx) => {
      if (!(await tryLock(tx, LOCK_ROLLUP))) return false;
      const current = await getRollupWatermark(tx);
      if (current !== null && current > hour) return true; // another instance did it
      await rollupHour(tx, hour);
      await setRollupWatermark(tx, hour + HOUR_MS);
      return true;
    });
    if (!ok) break;
    done.push(hour);
  }
  return done;
}

export const ingestJobs: Job[] = [
  {
    name: 'monitoring.reading_partitions',
    everyMs: 60 * 60_000,
    async run(platform) {
      const names = await ensureReadingPartitions(platform);
      if (names.length) platform.log.info({ partitions: names }, 'reading partitions created');
    },
  },
  {
    name: 'monitoring.telemetry_retention',
    everyMs: 60 * 60_000,
    async run(platform) {
      const r = await applyTelemetryRetention(platform);
      if (r.dropped.length || r.defaultRows || r.hourly || r.deadLetters) platform.log.info(r, 'telemetry retention applied');
    },
  },
  {
    name: 'monitoring.reading_rollup',
    everyMs: 5 * 60_000,
    async run(platform) {
      await rollupHours(platform);
    },
  },
  {
    name: 'monitoring.device_presence',
    everyMs: 15_000,
    async run(platform) {
      const changed = await updatePresence(platform.db, platform.clock.now().getTime());
      if (changed.length)
        platform.log.debug(
          { online: changed.filter((c) => c.online).length, offline: changed.filter((c) => !c.online).length },
          'device presence updated',
        );
    },
  },
];

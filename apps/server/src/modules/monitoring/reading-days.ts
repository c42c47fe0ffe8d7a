/**
 * Calendar arithmetic of the reading tables, without I/O: raw readings are partitioned by UTC
 * day (`reading_YYYYMMDD`), retention drops whole days, and hourly rollups advance a watermark
 * one completed hour at a time.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** An hour is summarised this long after it ended, once late batches of it have been written. */
export const ROLLUP_DELAY_MS = 5 * 60_000;

/** Start (UTC midnight) of the day containing `ms`. */
export function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** `reading_20260601` for the day starting at `day`. */
export function partitionName(day: number): string {
  return `reading_${new Date(dayStart(day)).toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** The day a partition name stands for, or null for any other table (the DEFAULT partition included). */
export function partitionDay(name: string): number | null {
  const m = /^reading_(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return partitionName(ms) === name ? ms : null;
}

/** Days whose partitions should exist: today and `ahead` days after it. */
export function daysAhead(now: number, ahead = 2): number[] {
  const today = dayStart(now);
  return Array.from({ length: ahead + 1 }, (_, i) => today + i * DAY_MS);
}

/**
 * The oldest instant raw readings must still cover: `retentionDays` full days before now.
 * A day partition may go once its whole day lies before this.
 */
export function rawCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * DAY_MS;
}

/** Partition names (of those given) whose day ended before the retention cutoff, oldest first. */
export function expiredPartitions(names: readonly string[], now: number, retentionDays: number): string[] {
  const cutoff = rawCutoff(now, retentionDays);
  return names
    .map((n) => ({ n, day: partitionDay(n) }))
    .filter((x): x is { n: string; day: number } => x.day !== null && x.day + DAY_MS <= cutoff)
    .sort((a, b) => a.day - b.day)
    .map((x) => x.n);
}

/**
 * The hours the rollup job should summarise now: from the watermark (the first hour not yet
 * summarised) up to the last hour that ended at least ROLLUP_DELAY_MS ago, at most `max`.
 */
export function hoursToRoll(watermark: number, now: number, max: number): number[] {
  const out: number[] = [];
  for (let h = hourStart(watermark); h + HOUR_MS + ROLLUP_DELAY_MS <= now && out.length < max; h += HOUR_MS) out.push(h);
  return out;
}

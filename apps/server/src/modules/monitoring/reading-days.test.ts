import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, daysAhead, expiredPartitions, hoursToRoll, partitionDay, partitionName, rawCutoff } from './reading-days.js';

const T = (iso: string) => Date.parse(iso);

describe('day partitions', () => {
  it.each([
    ['2026-06-01T00:00:00Z', 'reading_20260601'],
    ['2026-06-01T23:59:59.999Z', 'reading_20260601'],
    ['2026-12-31T12:00:00Z', 'reading_20261231'],
    ['2028-02-29T08:00:00Z', 'reading_20280229'],
  ])('%s is in %s (UTC days)', (iso, name) => {
    expect(partitionName(T(iso))).toBe(name);
    expect(partitionDay(name)).toBe(T(`${iso.slice(0, 10)}T00:00:00Z`));
  });

  it.each(['reading_default', 'reading_latest', 'reading_2026061', 'reading_20260230', 'reading_20261301', 'x_20260601'])(
    '%s is not a day partition',
    (name) => {
      expect(partitionDay(name)).toBeNull();
    },
  );

  it('creates today and the next two days', () => {
    expect(daysAhead(T('2026-06-01T23:30:00Z')).map(partitionName)).toEqual(['reading_20260601', 'reading_20260602', 'reading_20260603']);
  });
});

describe('retention', () => {
  const now = T('2026-07-01T10:00:00Z');
  const names = ['reading_20260530', 'reading_20260531', 'reading_20260601', 'reading_20260602', 'reading_default', 'reading_20260701'];

  it('drops only days lying wholly before now − retention, oldest first', () => {
    // 30 days before 2026-07-01T10:00Z is 2026-06-01T10:00Z: 31 May ends before it, 1 June does not.
    expect(rawCutoff(now, 30)).toBe(T('2026-06-01T10:00:00Z'));
    expect(expiredPartitions([...names].reverse(), now, 30)).toEqual(['reading_20260530', 'reading_20260531']);
  });

  it('keeps at least the retention: a longer retention drops less', () => {
    expect(expiredPartitions(names, now, 31)).toEqual(['reading_20260530']);
    expect(expiredPartitions(names, now, 365)).toEqual([]);
  });

  it('drops a day exactly when its end reaches the cutoff', () => {
    const dayEnd = T('2026-06-02T00:00:00Z');
    expect(expiredPartitions(['reading_20260601'], dayEnd + 30 * DAY_MS - 1, 30)).toEqual([]);
    expect(expiredPartitions(['reading_20260601'], dayEnd + 30 * DAY_MS, 30)).toEqual(['reading_20260601']);
  });
});

describe('hourly rollup hours', () => {
  it('summarises completed hours from the watermark once they are 5 minutes past', () => {
    const wm = T('2026-06-01T06:00:00Z');
    expect(hoursToRoll(wm, T('2026-06-01T07:04:59Z'), 48)).toEqual([]);
    expect(hoursToRoll(wm, T('2026-06-01T07:05:00Z'), 48)).toEqual([wm]);
    expect(hoursToRoll(wm, T('2026-06-01T09:30:00Z'), 48)).toEqual([wm, wm + HOUR_MS, wm + 2 * HOUR_MS]);
  });

  it('catches up at most `max` hours per run and aligns a mid-hour watermark', () => {
    const r = hoursToRoll(T('2026-06-01T06:20:00Z'), T('2026-06-03T00:00:00Z'), 5);
    expect(r).toHaveLength(5);
    expect(new Date(r[0]!).toISOString()).toBe('2026-06-01T06:00:00.000Z');
  });
});

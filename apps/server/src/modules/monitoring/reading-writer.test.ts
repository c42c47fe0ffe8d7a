import { describe, expect, it } from 'vitest';
import type { AcceptedReading } from './reading.js';
import { buildBatch, SEEN_WRITE_EVERY_MS, type DeadLetter } from './reading-writer.js';

const NOW = Date.parse('2026-06-01T08:30:00Z');
const r = (pointRef: number, deviceId: string, ts: number, value: number, receivedAt = NOW): AcceptedReading => ({
  pointRef,
  pointId: `p${pointRef}`,
  deviceId,
  metric: `m${pointRef}`,
  ts,
  value,
  receivedAt,
});
const dl = (deviceId: string | null, reason: string, receivedAt = NOW): DeadLetter => ({
  receivedAt,
  transport: 'mqtt',
  deviceCode: deviceId ? `code-${deviceId}` : 'nobody',
  deviceId,
  metric: null,
  reason,
  detail: null,
  payload: null,
});

describe('buildBatch', () => {
  it('writes every reading, and one latest row per point: the newest by measurement time', () => {
    const b = buildBatch(
      [r(2, 'b', NOW - 1000, 5), r(1, 'a', NOW - 500, 1), r(2, 'b', NOW - 3000, 4), r(2, 'b', NOW - 2000, 6)],
      [],
      new Map(),
    );
    expect(b.readings).toEqual({ refs: [2, 1, 2, 2], ts: [NOW - 1000, NOW - 500, NOW - 3000, NOW - 2000], values: [5, 1, 4, 6] });
    expect(b.latest).toEqual({ refs: [1, 2], ts: [NOW - 500, NOW - 1000], values: [1, 5], receivedAt: [NOW, NOW] });
  });

  it('counts accepted and rejected per device, sorted by id, with the last reason; dead letters without a device are not counted', () => {
    const b = buildBatch(
      [r(1, 'b', NOW, 1), r(2, 'b', NOW, 2), r(3, 'a', NOW, 3, NOW - 10)],
      [dl('b', 'out_of_range', NOW - 5), dl('b', 'unknown_metric', NOW), dl('c', 'not_numeric'), dl(null, 'unknown_device')],
      new Map(),
    );
    expect(b.stats).toEqual({
      deviceIds: ['a', 'b', 'c'],
      accepted: [1, 2, 0],
      rejected: [0, 2, 1],
      lastAcceptedAt: [NOW - 10, NOW, null],
      lastRejectedAt: [null, NOW, NOW],
      lastRejectReason: [null, 'unknown_metric', 'not_numeric'],
    });
    expect(b.dead.reason).toEqual(['out_of_range', 'unknown_metric', 'not_numeric', 'unknown_device']);
    expect(b.dead.deviceId).toEqual(['b', 'b', 'c', null]);
  });

  it('marks a device seen at most once per interval', () => {
    const written = new Map([
      ['a', NOW - SEEN_WRITE_EVERY_MS + 1],
      ['b', NOW - SEEN_WRITE_EVERY_MS],
    ]);
    const b = buildBatch([r(1, 'a', NOW, 1), r(2, 'b', NOW, 1), r(3, 'c', NOW, 1), r(4, 'c', NOW, 1, NOW + 5)], [], written);
    expect(b.seen).toEqual({ deviceIds: ['b', 'c'], at: [NOW, NOW + 5] });
  });

  it('aggregates late readings (received over a minute after their hour ended) per point and hour for merging', () => {
    const h7 = Date.parse('2026-06-01T07:00:00Z');
    const h6 = Date.parse('2026-06-01T06:00:00Z');
    const b = buildBatch(
      [
        r(1, 'a', h7 + 10, 4, h7 + 3_600_000 + 59_999), // 59.999 s after the hour: not late
        r(1, 'a', h7 + 20, 5, h7 + 3_600_000 + 60_000),
        r(1, 'a', h7 + 30, 1, NOW),
        r(1, 'a', h6 + 30, 9, NOW),
        r(2, 'a', h7 + 40, 3, NOW),
        r(1, 'a', NOW, 7, NOW), // current hour
      ],
      [],
      new Map(),
    );
    const rows = b.hourly.refs.map((ref, i) => ({
      ref,
      hour: new Date(b.hourly.hours[i]!).toISOString().slice(11, 13),
      min: b.hourly.min[i],
      max: b.hourly.max[i],
      sum: b.hourly.sum[i],
      count: b.hourly.count[i],
    }));
    expect(rows).toEqual([
      { ref: 1, hour: '07', min: 1, max: 5, sum: 6, count: 2 },
      { ref: 1, hour: '06', min: 9, max: 9, sum: 9, count: 1 },
      { ref: 2, hour: '07', min: 3, max: 3, sum: 3, count: 1 },
    ]);
  });
});

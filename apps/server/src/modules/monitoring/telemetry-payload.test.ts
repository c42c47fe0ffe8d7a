import { describe, expect, it } from 'vitest';
import {
  deviceRefusal,
  parseTelemetryPayload,
  parseTimestamp,
  rejectionMessage,
  validateTelemetry,
  type TelemetryDevice,
  type TelemetryPoint,
} from './telemetry-payload.js';

const NOW = Date.parse('2026-06-01T08:00:00Z');

const point = (metric: string, ref: number, over: Partial<TelemetryPoint> = {}): TelemetryPoint => ({
  id: `p-${metric}`,
  ref,
  metric,
  valueKind: 'number',
  rangeMin: 0,
  rangeMax: 100,
  enabled: true,
  ...over,
});

const device: TelemetryDevice = {
  id: 'd-1',
  code: 'QZ-TANK-001',
  status: 'active',
  points: new Map([
    ['level', point('level', 11)],
    ['temp', point('temp', 12, { rangeMin: -40, rangeMax: 200 })],
    ['valve', point('valve', 13, { valueKind: 'boolean', rangeMin: null, rangeMax: null })],
    ['spare', point('spare', 14, { enabled: false })],
    ['open', point('open', 15, { rangeMin: null, rangeMax: null })],
  ]),
};

describe('parseTelemetryPayload', () => {
  it.each([
    ['object', '{"ts":1,"values":{"a":1}}', { ok: true, readings: 1, items: 1 }],
    ['array', '[{"values":{"a":1,"b":2}},{"values":{"c":3}}]', { ok: true, readings: 3, items: 2 }],
    ['empty array', '[]', { ok: true, readings: 0, items: 0 }],
    ['item without values counts as one', '[{"ts":1}]', { ok: true, readings: 1, items: 1 }],
    ['bytes', Buffer.from('{"values":{"a":1}}'), { ok: true, readings: 1, items: 1 }],
    ['already parsed body', { values: { a: 1, b: 2 } }, { ok: true, readings: 2, items: 1 }],
  ])('accepts %s', (_name, input, want) => {
    const r = parseTelemetryPayload(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect({ ok: r.ok, readings: r.readings, items: r.items.length }).toEqual(want);
  });

  it.each([
    ['not JSON', '{"values":', 'malformed_json'],
    ['empty', '', 'malformed_json'],
    ['a number', '42', 'not_object'],
    ['a string', '"hello"', 'not_object'],
    ['null', 'null', 'not_object'],
  ])('refuses %s', (_name, input, reason) => {
    const r = parseTelemetryPayload(input);
    expect(r).toMatchObject({ ok: false, reason });
  });

  it('refuses a message with more readings than the limit as a whole', () => {
    const values = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`m${i}`, i]));
    expect(parseTelemetryPayload({ values }, 5)).toMatchObject({ ok: false, reason: 'too_many_readings' });
    expect(parseTelemetryPayload([{ values: { a: 1, b: 2 } }, { values: { c: 1, d: 2, e: 3 } }], 5)).toMatchObject({
      ok: true,
      readings: 5,
    });
    expect(parseTelemetryPayload(JSON.stringify(Array.from({ length: 1001 }, () => ({ values: { a: 1 } }))))).toMatchObject({
      ok: false,
      reason: 'too_many_readings',
    });
  });
});

describe('parseTimestamp', () => {
  it.each([
    [undefined, NOW],
    [null, NOW],
    [1780300800000, 1780300800000],
    [1780300800000.6, 1780300800001],
    ['2026-06-01T08:00:00Z', NOW],
    ['2026-06-01T16:00:00+08:00', NOW],
    ['2026-06-01T16:00:00.250+0800', NOW + 250],
    ['2026-06-01T08:00Z', NOW],
  ])('%s → %s', (input, ms) => {
    expect(parseTimestamp(input, NOW)).toEqual({ ok: true, ms });
  });

  it.each([
    ['2026-06-01 08:00:00', 'zone'],
    ['2026-06-01T08:00:00', 'zone'],
    ['yesterday', 'ISO-8601'],
    ['2026-13-45T99:00:00Z', 'not a valid date'],
    [1780300800, 'epoch seconds'],
    [Number.NaN, 'finite'],
    [true, 'boolean'],
    [{}, 'object'],
  ])('refuses %s', (input, hint) => {
    const r = parseTimestamp(input, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toContain(hint);
  });
});

describe('validateTelemetry', () => {
  const judge = (items: unknown[]) => validateTelemetry(device, items, NOW);

  it('turns every metric value into a reading with the point’s ref and the item’s time', () => {
    const r = judge([{ ts: '2026-06-01T07:59:00Z', values: { level: 42.5, temp: -3, valve: true } }, { values: { valve: 0 } }]);
    expect(r.rejections).toEqual([]);
    expect(r.accepted).toEqual([
      { pointRef: 11, pointId: 'p-level', deviceId: 'd-1', metric: 'level', ts: NOW - 60_000, value: 42.5, receivedAt: NOW },
      { pointRef: 12, pointId: 'p-temp', deviceId: 'd-1', metric: 'temp', ts: NOW - 60_000, value: -3, receivedAt: NOW },
      { pointRef: 13, pointId: 'p-valve', deviceId: 'd-1', metric: 'valve', ts: NOW - 60_000, value: 1, receivedAt: NOW },
      { pointRef: 13, pointId: 'p-valve', deviceId: 'd-1', metric: 'valve', ts: NOW, value: 0, receivedAt: NOW },
    ]);
  });

  it.each([
    ['unknown metric', { values: { depth: 1 } }, 'depth', 'unknown_metric'],
    ['disabled point', { values: { spare: 1 } }, 'spare', 'point_disabled'],
    ['string value', { values: { level: '12' } }, 'level', 'not_numeric'],
    ['null value', { values: { level: null } }, 'level', 'not_numeric'],
    ['boolean on a number point', { values: { level: true } }, 'level', 'not_numeric'],
    ['object value', { values: { level: { v: 1 } } }, 'level', 'not_numeric'],
    ['above range max', { values: { level: 100.01 } }, 'level', 'out_of_range'],
    ['below range min', { values: { temp: -41 } }, 'temp', 'out_of_range'],
    ['state point not 0/1', { values: { valve: 2 } }, 'valve', 'out_of_range'],
    ['item not an object', 'level=1', null, 'not_object'],
    ['item null', null, null, 'not_object'],
    ['values missing', { ts: NOW }, null, 'bad_values'],
    ['values an array', { values: [1, 2] }, null, 'bad_values'],
    ['timestamp without zone', { ts: '2026-06-01T08:00:00', values: { level: 1 } }, null, 'bad_timestamp'],
    ['timestamp 5 min + 1 ms ahead', { ts: NOW + 300_001, values: { level: 1 } }, null, 'future_timestamp'],
    ['timestamp older than 7 days', { ts: NOW - 7 * 86_400_000 - 1, values: { level: 1 } }, null, 'stale_timestamp'],
  ])('refuses %s', (_name, item, metric, reason) => {
    const r = judge([item]);
    expect(r.accepted).toEqual([]);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]).toMatchObject({ index: 0, metric, reason });
  });

  it('accepts the edges: exactly 5 min ahead, exactly 7 days old, range bounds, unbounded points', () => {
    const r = judge([
      { ts: NOW + 300_000, values: { level: 0 } },
      { ts: NOW - 7 * 86_400_000, values: { level: 100 } },
      { values: { open: -1e9 } },
    ]);
    expect(r.rejections).toEqual([]);
    expect(r.accepted.map((a) => a.value)).toEqual([0, 100, -1e9]);
  });

  it('keeps the good values of a message that also carries bad ones, and says where each bad one was', () => {
    const r = judge([
      { values: { level: 10, depth: 3, temp: 'hot' } },
      { ts: 'soon', values: { level: 11 } },
      { values: { level: 12, valve: false } },
    ]);
    expect(r.accepted.map((a) => [a.metric, a.value])).toEqual([
      ['level', 10],
      ['level', 12],
      ['valve', 0],
    ]);
    expect(r.rejections.map((x) => [x.index, x.metric, x.reason])).toEqual([
      [0, 'depth', 'unknown_metric'],
      [0, 'temp', 'not_numeric'],
      [1, null, 'bad_timestamp'],
    ]);
    expect(r.rejections[2]!.payload).toContain('soon');
  });

  it('is not fooled by prototype keys', () => {
    const r = judge([JSON.parse('{"values":{"__proto__":1,"constructor":2,"level":3}}')]);
    expect(r.accepted.map((a) => a.metric)).toEqual(['level']);
    expect(r.rejections.map((x) => x.reason)).toEqual(['unknown_metric', 'unknown_metric']);
  });
});

describe('deviceRefusal and messages', () => {
  it.each([
    [undefined, 'unknown_device'],
    [{ ...device, status: 'disabled' }, 'device_disabled'],
    [{ ...device, status: 'retired' }, 'device_disabled'],
    [{ ...device, status: 'maintenance' }, null],
    [device, null],
  ])('%#', (d, want) => {
    expect(deviceRefusal(d)).toBe(want);
  });

  it('writes the reason in Chinese with its detail', () => {
    expect(rejectionMessage('out_of_range', '101 > range max 100')).toBe('数值超出测点量程：101 > range max 100');
    expect(rejectionMessage('unknown_device', null)).toBe('未知设备');
  });
});

import type { ReadingSeriesDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { thresholdLines, trendOption } from './trend-option';

const labels = { hh: 'HH', h: 'H', l: 'L', ll: 'LL', value: '值', min: '最小', max: '最大' };
const series = (o: Partial<ReadingSeriesDto> = {}): ReadingSeriesDto => ({
  pointId: 'p',
  deviceId: 'd',
  deviceName: '储罐',
  name: '液位',
  metric: 'tank_level',
  unit: 'm',
  thresholds: { hh: 18, h: 16, l: 1, ll: null },
  resolution: 'raw',
  truncated: false,
  series: [
    [1000, 10],
    [2000, 12],
  ],
  ...o,
});

describe('trend chart option', () => {
  it('draws every threshold that is set as a labelled dashed line', () => {
    const lines = thresholdLines(series(), labels);
    expect(lines.map((l) => [l.name, l.yAxis, l.label.formatter])).toEqual([
      ['HH', 18, 'HH 18'],
      ['H', 16, 'H 16'],
      ['L', 1, 'L 1'],
    ]);
    expect(lines[0]!.lineStyle.color).not.toBe(lines[1]!.lineStyle.color);
  });

  it('widens the y-axis so the thresholds are visible even when the values are far from them', () => {
    const o = trendOption(series(), labels);
    expect(o.yAxis.min).toBeLessThan(1);
    expect(o.yAxis.max).toBeGreaterThan(18);
    expect(o.series).toHaveLength(1);
  });

  it('adds min and max lines for hourly data', () => {
    const o = trendOption(series({ resolution: 'hourly', series: [[1000, 10, 8, 12]] }), labels);
    expect(o.series.map((s) => s.name)).toEqual(['值', '最小', '最大']);
    expect(o.series[2]!.data).toEqual([[1000, 12]]);
  });
});

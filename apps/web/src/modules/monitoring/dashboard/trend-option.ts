import type { ReadingSeriesDto } from '@vigil/shared';
import { LEVEL_COLORS } from '../alarms/alarm-format';

/** The threshold lines of a trend chart: HH/LL red, H/L yellow, each labelled with its band and value. */
export function thresholdLines(s: Pick<ReadingSeriesDto, 'thresholds'>, labels: Record<'hh' | 'h' | 'l' | 'll', string>) {
  return (['hh', 'h', 'l', 'll'] as const).flatMap((band) => {
    const v = s.thresholds[band];
    if (v === null) return [];
    const color = band === 'hh' || band === 'll' ? LEVEL_COLORS.red : LEVEL_COLORS.orange;
    return [
      {
        name: labels[band],
        yAxis: v,
        lineStyle: { color, type: 'dashed' as const, width: 1.5 },
        label: { formatter: `${labels[band]} ${v}`, color },
      },
    ];
  });
}

/**
 * The ECharts option of a point's trend: raw values as one line, or hourly averages with the
 * min–max band; the thresholds drawn as dashed lines, and the y-axis widened to show them.
 */
export function trendOption(s: ReadingSeriesDto, labels: Record<'hh' | 'h' | 'l' | 'll' | 'value' | 'min' | 'max', string>) {
  const lines = thresholdLines(s, labels);
  const values = s.series.flatMap((p) => p.slice(1));
  const all = [...values, ...lines.map((l) => l.yAxis)];
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const pad = (hi - lo) * 0.08 || 1;
  const main = {
    name: labels.value,
    type: 'line' as const,
    showSymbol: false,
    data: s.series.map((p) => [p[0], p[1]]),
    lineStyle: { width: 1.5 },
    markLine: { symbol: 'none', silent: true, data: lines },
  };
  const band =
    s.resolution === 'hourly'
      ? [
          {
            name: labels.min,
            type: 'line' as const,
            showSymbol: false,
            data: s.series.map((p) => [p[0], p[2]]),
            lineStyle: { width: 0.5, opacity: 0.6 },
          },
          {
            name: labels.max,
            type: 'line' as const,
            showSymbol: false,
            data: s.series.map((p) => [p[0], p[3]]),
            lineStyle: { width: 0.5, opacity: 0.6 },
          },
        ]
      : [];
  return {
    animation: false,
    grid: { left: 56, right: 72, top: 24, bottom: 56 },
    tooltip: { trigger: 'axis' as const },
    legend: s.resolution === 'hourly' ? { top: 0 } : undefined,
    xAxis: { type: 'time' as const },
    yAxis: { type: 'value' as const, name: s.unit ?? '', min: Number((lo - pad).toFixed(3)), max: Number((hi + pad).toFixed(3)) },
    dataZoom: [{ type: 'inside' as const }, { type: 'slider' as const, height: 18, bottom: 8 }],
    series: [main, ...band],
  };
}

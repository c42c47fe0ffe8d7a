import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSeries } from '../alarms/alarms.api';
import { init, type EChartsType } from './echarts';
import { trendOption } from './trend-option';

/** A point's trend over the last `hours` with its H/HH/L/LL lines (raw up to 48 h, hourly beyond). */
export function TrendChart(props: { pointId: string; hours: number; height?: number }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<EChartsType | null>(null);
  const series = useQuery({
    queryKey: ['monitoring', 'series', props.pointId, props.hours],
    queryFn: () => {
      const to = new Date();
      return fetchSeries(props.pointId, new Date(to.getTime() - props.hours * 3_600_000).toISOString(), to.toISOString());
    },
    refetchInterval: props.hours <= 24 ? 30_000 : false,
  });

  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current || !series.data) return;
    chart.current.setOption(
      trendOption(series.data, {
        hh: t('alarms.bands.hh'),
        h: t('alarms.bands.h'),
        l: t('alarms.bands.l'),
        ll: t('alarms.bands.ll'),
        value: series.data.name,
        min: t('monDashboard.min'),
        max: t('monDashboard.max'),
      }),
      true,
    );
  }, [series.data, t]);

  const empty = series.data && series.data.series.length === 0;
  return (
    <div style={{ position: 'relative' }} data-testid="trend-chart" data-points={series.data?.series.length ?? 0}>
      {series.isError && <Alert type="error" title={t('errors.generic')} />}
      {series.data?.truncated && <Alert type="warning" title={t('monDashboard.truncated')} />}
      <div ref={el} style={{ height: props.height ?? 280, width: '100%', visibility: empty ? 'hidden' : 'visible' }} />
      {empty && (
        <Empty style={{ position: 'absolute', inset: 0, margin: 'auto', height: 100 }} description={t('monDashboard.noReadings')} />
      )}
      {series.isPending && <Spin style={{ position: 'absolute', top: 8, right: 8 }} />}
    </div>
  );
}

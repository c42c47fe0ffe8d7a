import { ALARM_LEVELS } from '@vigil/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { LEVEL_COLORS, formatDuration } from '../alarms/alarm-format';
import { fetchStats, STATS_KEY } from '../alarms/alarms.api';
import { OnlineRateCard } from './OnlineRateCard';

const DAYS = [7, 30, 90, 365] as const;

function CountBars({ title, rows, testId }: { title: string; rows: { key: string; name: string; count: number }[]; testId: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <Card size="small" title={title} data-testid={testId}>
      {rows.length === 0 ? (
        <Empty description={t('alarmStats.none')} />
      ) : (
        rows.map((r) => (
          <div key={r.key}>
            <Typography.Text>{r.name}</Typography.Text>
            <Progress percent={(r.count / max) * 100} format={() => r.count} size="small" />
          </div>
        ))
      )}
    </Card>
  );
}

/** 报警统计: counts per level, enterprise, device type and county; MTTA, MTTR, false-alarm rate; online rate. */
export default function AlarmStatsPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState<number>(30);
  const range = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
  }, [days]);
  const stats = useQuery({ queryKey: [...STATS_KEY, days], queryFn: () => fetchStats(range) });
  const s = stats.data;
  const duration = (v: number | null | undefined) => {
    const d = formatDuration(v);
    return d ? { value: d.value, suffix: t(`alarmStats.units.${d.unit}`) } : { value: '—', suffix: '' };
  };
  const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : (r * 100).toFixed(1));
  return (
    <div data-testid="alarm-stats">
      <PageHeader
        title={t('alarmStats.title')}
        extra={
          <Segmented
            value={days}
            onChange={(v) => setDays(Number(v))}
            options={DAYS.map((d) => ({ value: d, label: t('alarmStats.lastDays', { n: d }) }))}
          />
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('alarmStats.total')} value={s?.total ?? 0} loading={stats.isPending} data-testid="stat-total" />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('alarmStats.open')} value={s?.open ?? 0} loading={stats.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('alarmStats.mtta')} {...duration(s?.mttaSeconds)} loading={stats.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('alarmStats.mttr')} {...duration(s?.mttrSeconds)} loading={stats.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('alarmStats.falseRate')} value={pct(s?.falseAlarmRate)} suffix="%" loading={stats.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('monDashboard.onlineRate')} value={pct(s?.onlineRate)} suffix="%" loading={stats.isPending} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('alarmStats.byLevel')}>
            <Space size="large" wrap>
              {ALARM_LEVELS.map((l) => (
                <Statistic
                  key={l}
                  title={t(`alarms.levels.${l}`)}
                  value={s?.byLevel[l] ?? 0}
                  styles={{ content: { color: LEVEL_COLORS[l] } }}
                />
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <CountBars title={t('alarmStats.byCounty')} rows={s?.byCounty ?? []} testId="stats-county" />
        </Col>
        <Col xs={24} lg={8}>
          <CountBars title={t('alarmStats.byDeviceType')} rows={s?.byDeviceType ?? []} testId="stats-type" />
        </Col>
        <Col xs={24} lg={8}>
          <CountBars title={t('alarmStats.byEnterprise')} rows={s?.byEnterprise ?? []} testId="stats-enterprise" />
        </Col>
        <Col span={24}>
          <OnlineRateCard stats={s} />
        </Col>
      </Row>
    </div>
  );
}

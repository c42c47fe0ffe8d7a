import type { AlarmStatsDto } from '@vigil/shared';
import { Card, Empty, Progress, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 1000) / 10);

/** The device online rate, overall and per county (devices in service only). */
export function OnlineRateCard({ stats }: { stats: AlarmStatsDto | undefined }) {
  const { t } = useTranslation();
  const rows = stats?.onlineByCounty ?? [];
  return (
    <Card size="small" title={t('monDashboard.onlineRate')} data-testid="online-rate">
      {stats && (
        <Space size="large" style={{ marginBottom: 8 }}>
          <Statistic title={t('monDashboard.devices')} value={stats.devices} />
          <Statistic title={t('monDashboard.online')} value={stats.online} />
          <Statistic title={t('monDashboard.rate')} value={pct(stats.onlineRate)} suffix="%" />
        </Space>
      )}
      {rows.length === 0 ? (
        <Empty description={t('monDashboard.noDevices')} />
      ) : (
        rows.map((c) => (
          <div key={c.key} data-testid="online-county" data-county={c.key}>
            <Typography.Text>
              {c.name}{' '}
              <Typography.Text type="secondary">{t('monDashboard.onlineOf', { online: c.online, devices: c.devices })}</Typography.Text>
            </Typography.Text>
            <Progress percent={pct(c.rate)} size="small" status={c.rate !== null && c.rate < 0.8 ? 'exception' : 'normal'} />
          </div>
        ))
      )}
    </Card>
  );
}

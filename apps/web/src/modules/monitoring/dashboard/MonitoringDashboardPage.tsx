import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../ui/PageHeader';
import { fetchStats, STATS_KEY } from '../alarms/alarms.api';
import { DashboardMap } from './DashboardMap';
import { LiveAlarmList } from './LiveAlarmList';
import { OnlineRateCard } from './OnlineRateCard';
import { TrendPanel } from './TrendPanel';
import './monitoring.css';

/**
 * 监测一张图: devices on the map coloured by state, the live alarm list (red alarms sound), the
 * trend of a chosen device's point with its thresholds, and the online rate per county.
 */
export default function MonitoringDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<{ deviceId: string; pointId: string | null } | null>(null);
  const stats = useQuery({ queryKey: [...STATS_KEY, 'dashboard'], queryFn: () => fetchStats({}), refetchInterval: 60_000 });

  return (
    <div data-testid="monitoring-dashboard">
      <PageHeader
        title={t('monDashboard.title')}
        extra={
          <Space>
            <Button onClick={() => void navigate('/monitoring/alarms')}>{t('menu.alarms')}</Button>
            <Button onClick={() => void navigate('/monitoring/stats')}>{t('menu.alarmStats')}</Button>
          </Space>
        }
      />
      <div className="vg-mon-grid">
        <DashboardMap onDevice={(deviceId) => setSelected({ deviceId, pointId: null })} />
        <LiveAlarmList />
      </div>
      <div className="vg-mon-grid">
        <TrendPanel deviceId={selected?.deviceId ?? null} pointId={selected?.pointId ?? null} />
        <OnlineRateCard stats={stats.data} />
      </div>
    </div>
  );
}

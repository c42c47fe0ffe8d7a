import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useRealtime } from '../../../lib/useRealtime';
import { PageHeader } from '../../../ui/PageHeader';
import { TrendPanel } from '../dashboard/TrendPanel';
import '../dashboard/monitoring.css';
import { AlarmActions } from './AlarmActions';
import { AlarmInfo } from './AlarmInfo';
import { AlarmTimeline } from './AlarmTimeline';
import { ALARMS_KEY, alarmKey, fetchAlarm } from './alarms.api';

/** One alarm: what and where, the point's trend with its thresholds, the history, and the actions. */
export default function AlarmDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const alarm = useQuery({ queryKey: alarmKey(id), queryFn: () => fetchAlarm(id) });
  useRealtime('alarms', (e) => {
    if ((e.payload as { id?: string } | null)?.id === id) void qc.invalidateQueries({ queryKey: alarmKey(id) });
  });

  if (alarm.isPending) return <Spin />;
  if (alarm.isError || !alarm.data)
    return (
      <Result
        status="404"
        title={t('alarms.notFound')}
        extra={<Button onClick={() => void navigate('/monitoring/alarms')}>{t('alarms.title')}</Button>}
      />
    );
  const a = alarm.data;
  return (
    <div data-testid="alarm-detail" data-status={a.status} data-level={a.level}>
      <PageHeader
        title={a.title}
        extra={<AlarmActions alarm={a} onChanged={() => void qc.invalidateQueries({ queryKey: ALARMS_KEY })} />}
      />
      <div className="vg-mon-grid" style={{ marginTop: 0 }}>
        <Card size="small">
          <AlarmInfo a={a} />
        </Card>
        <Card size="small" title={t('alarms.history')}>
          <AlarmTimeline events={a.events} />
        </Card>
      </div>
      <div style={{ marginTop: 12 }}>
        <TrendPanel deviceId={a.deviceId} pointId={a.pointId} />
      </div>
    </div>
  );
}

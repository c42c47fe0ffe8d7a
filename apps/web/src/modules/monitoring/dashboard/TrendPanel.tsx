import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Segmented, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDevice } from '../alarms/alarms.api';
import { TrendChart } from './TrendChart';

export const TREND_RANGES = [1, 6, 24, 168, 720] as const;

/** A device's point trend: pick the point and the range; `pointId` preselects one (an alarm's point). */
export function TrendPanel(props: { deviceId: string | null; pointId?: string | null; title?: string }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState<number>(24);
  const [point, setPoint] = useState<string | null>(props.pointId ?? null);
  const device = useQuery({
    queryKey: ['monitoring', 'device', props.deviceId],
    queryFn: () => fetchDevice(props.deviceId!),
    enabled: !!props.deviceId,
  });
  const points = (device.data?.points ?? []).filter((p) => p.valueKind === 'number');

  useEffect(() => {
    setPoint(props.pointId ?? null);
  }, [props.deviceId, props.pointId]);
  useEffect(() => {
    if (!point && points.length > 0) setPoint(points[0]!.id);
  }, [point, points]);

  return (
    <Card
      size="small"
      title={props.title ?? (device.data ? `${t('monDashboard.trend')} · ${device.data.name}` : t('monDashboard.trend'))}
      extra={
        <Space wrap>
          {points.length > 0 && (
            <Select
              size="small"
              style={{ minWidth: 160 }}
              value={point}
              onChange={setPoint}
              options={points.map((p) => ({ value: p.id, label: p.unit ? `${p.name}（${p.unit}）` : p.name }))}
              data-testid="trend-point"
            />
          )}
          <Segmented
            size="small"
            value={hours}
            onChange={(v) => setHours(Number(v))}
            options={TREND_RANGES.map((h) => ({ value: h, label: t(`monDashboard.ranges.h${h}`) }))}
          />
        </Space>
      }
      data-testid="trend-panel"
    >
      {point ? <TrendChart pointId={point} hours={hours} /> : <Empty description={t('monDashboard.pickDevice')} />}
    </Card>
  );
}

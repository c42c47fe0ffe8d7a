import { SoundOutlined } from '@ant-design/icons';
import type { AlarmEventPayload } from '@vigil/shared';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatBeijing } from '../../../lib/time';
import { useRealtime } from '../../../lib/useRealtime';
import { AlarmLevelTag, AlarmStatusTag } from '../alarms/AlarmTags';
import { applyAlarmEvent, LEVEL_COLORS, soundsFor } from '../alarms/alarm-format';
import { ALARMS_KEY, fetchAlarms } from '../alarms/alarms.api';
import { useAlarmSound } from './useAlarmSound';

/**
 * The live alarm list: open alarms, kept current by the `alarms` WebSocket topic (no polling), most
 * urgent first. A red alarm raised while the page is open sounds the alarm tone.
 */
export function LiveAlarmList(props: { onSelect?: (a: AlarmEventPayload) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sound = useAlarmSound();
  const initial = useQuery({
    queryKey: [...ALARMS_KEY, 'live'],
    queryFn: () => fetchAlarms({ status: 'active,acknowledged,cleared', limit: 200 }),
    refetchOnWindowFocus: false,
  });
  const [items, setItems] = useState<AlarmEventPayload[]>([]);
  useEffect(() => {
    if (initial.data) setItems((now) => initial.data.items.reduce((list, a) => applyAlarmEvent(list, a), now));
  }, [initial.data]);

  useRealtime('alarms', (e) => {
    const payload = e.payload as AlarmEventPayload;
    if (!payload?.id) return;
    setItems((list) => applyAlarmEvent(list, payload));
    if (soundsFor(e.name, payload)) sound.play();
  });

  const active = items.filter((a) => a.status === 'active').length;
  return (
    <Card
      size="small"
      className="vg-live-alarms"
      title={
        <Space>
          {t('monDashboard.liveAlarms')}
          <Badge count={active} overflowCount={999} data-testid="live-alarm-count" />
        </Space>
      }
      extra={
        <Typography.Text type="secondary" data-testid="live-alarms-sound" data-sound-count={sound.count}>
          <SoundOutlined /> {sound.count}
        </Typography.Text>
      }
      data-testid="live-alarms"
    >
      {items.length === 0 ? (
        <Empty description={t('monDashboard.noAlarms')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              className="vg-live-alarm"
              style={{ borderLeft: `4px solid ${LEVEL_COLORS[a.level]}`, cursor: 'pointer', paddingLeft: 8 }}
              onClick={() => (props.onSelect ? props.onSelect(a) : void navigate(`/monitoring/alarms/${a.id}`))}
              data-testid="live-alarm"
              data-level={a.level}
              data-status={a.status}
              data-alarm-id={a.id}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <AlarmLevelTag level={a.level} />
                    <Typography.Text strong>{a.title}</Typography.Text>
                  </Space>
                }
                description={
                  <Space size={8} wrap>
                    <AlarmStatusTag status={a.status} />
                    <span>{a.countyName ?? a.orgName}</span>
                    <span>{formatBeijing(a.lastAt, false)}</span>
                    {a.occurrences > 1 && <span>{t('alarms.occurrencesN', { n: a.occurrences })}</span>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

import type { AlarmEventDto } from '@vigil/shared';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../../lib/time';

const COLORS: Record<string, string> = {
  raised: 'red',
  reraised: 'red',
  level_changed: 'red',
  escalated: 'orange',
  acknowledged: 'blue',
  cleared: 'green',
  closed: 'gray',
};
const KNOWN = [
  'raised',
  'reraised',
  'level_changed',
  'cleared',
  'acknowledged',
  'assigned',
  'commented',
  'escalated',
  'closed',
  'false_alarm',
  'false_alarm_removed',
  'converted',
];

/** The alarm's history: what the system saw and what people did, oldest first. */
export function AlarmTimeline({ events }: { events: AlarmEventDto[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="alarm-timeline"
      items={events.map((e) => ({
        color: COLORS[e.kind] ?? 'blue',
        content: (
          <div data-testid="alarm-event" data-kind={e.kind}>
            <Typography.Text strong>{KNOWN.includes(e.kind) ? t(`alarms.events.${e.kind}`) : e.kind}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatBeijing(e.at)} {e.actorName ?? t('alarms.system')}
            </Typography.Text>
            {e.note && <div>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

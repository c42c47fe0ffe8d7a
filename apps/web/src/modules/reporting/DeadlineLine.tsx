import { ClockCircleOutlined } from '@ant-design/icons';
import type { DeadlineDto } from '@vigil/shared';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { formatCountdown, isOverdue, isPending } from './deadline';
import { useNow } from './useNow';

const STATE_COLORS = { open: 'blue', overdue: 'red', met: 'green', late: 'orange', cancelled: 'default' } as const;

/** One deadline of the chain: what is owed by whom, and a countdown ticking every second (red once overdue). */
export function DeadlineLine({ deadline: d }: { deadline: DeadlineDto }) {
  const { t, i18n } = useTranslation();
  const pending = isPending(d);
  const now = useNow(pending ? 1000 : 60_000);
  const overdue = isOverdue(d, now);
  return (
    <div
      className={overdue ? 'vg-overdue' : undefined}
      data-testid="report-deadline"
      data-kind={d.kind}
      data-state={d.state}
      data-overdue={overdue ? 'true' : 'false'}
      style={{ padding: '4px 0' }}
    >
      <Space wrap size={6}>
        <Tag color={overdue ? 'red' : STATE_COLORS[d.state]}>{t(`reports.deadlineKinds.${d.kind}`)}</Tag>
        <Typography.Text type={overdue ? 'danger' : undefined}>{d.org.name}</Typography.Text>
        <Typography.Text type="secondary">
          {t('reports.dueAt')} {formatBeijing(d.dueAt, false)}
        </Typography.Text>
        {pending ? (
          <Typography.Text type={overdue ? 'danger' : undefined} strong className="vg-countdown" data-testid="deadline-countdown">
            <ClockCircleOutlined /> {overdue ? t('reports.overdueBy') : t('reports.remaining')}{' '}
            {formatCountdown(Date.parse(d.dueAt) - now, i18n.language).replace(/^-/, '')}
          </Typography.Text>
        ) : (
          <Tag color={STATE_COLORS[d.state]}>{t(`reports.states.${d.state}`)}</Tag>
        )}
      </Space>
      {d.description && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {d.description}
        </Typography.Text>
      )}
    </div>
  );
}

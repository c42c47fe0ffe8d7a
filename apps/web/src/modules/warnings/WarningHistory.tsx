import { useQuery } from '@tanstack/react-query';
import type { WarningDto } from '@vigil/shared';
import { Empty, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { timelineOf, type TimelineStep } from './warning-actions';
import { fetchVersions, WARNINGS_KEY } from './warnings.api';
import { WarningStatusTag } from './WarningTags';

const STEP_COLOURS: Record<TimelineStep['kind'], string> = {
  drafted: 'blue',
  imported: 'purple',
  rejected: 'red',
  submitted: 'blue',
  approved: 'green',
  published: 'green',
  superseded: 'gray',
  cancelled: 'red',
  expired: 'gray',
};

/** The steps the warning went through, oldest first, with who and when where the warning records it. */
export function WarningSteps({ warning }: { warning: WarningDto }) {
  const { t } = useTranslation();
  const steps = timelineOf(warning);
  return (
    <Timeline
      data-testid="warning-timeline"
      items={steps.map((s, i) => ({
        key: `${s.kind}-${i}`,
        color: STEP_COLOURS[s.kind],
        content: (
          <div data-testid="warning-step" data-kind={s.kind}>
            <div>{t(`warnings.timeline.${s.kind}`)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[s.at ? formatBeijing(s.at) : null, s.by].filter(Boolean).join(' · ')}
            </Typography.Text>
            {s.note && <div className="vg-warning-text">{s.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** The versions behind this warning (the reference chain of CAP updates), newest first; each opens its detail. */
export function WarningVersions({ warning }: { warning: WarningDto }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [...WARNINGS_KEY, 'versions', warning.id, warning.previousId],
    queryFn: () => fetchVersions(warning),
    enabled: !!warning.previousId,
  });
  if (!warning.previousId && warning.status !== 'superseded')
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warnings.noVersions')} />;
  if (q.isPending && warning.previousId) return <Spin />;
  const chain = q.data ?? [warning];
  return (
    <div data-testid="warning-versions">
      {warning.status === 'superseded' && <Typography.Paragraph type="secondary">{t('warnings.supersededHint')}</Typography.Paragraph>}
      <Timeline
        items={chain.map((v, i) => ({
          key: v.id,
          color: v.id === warning.id ? 'blue' : 'gray',
          content: (
            <div data-testid="warning-version" data-id={v.id}>
              <Typography.Text strong={v.id === warning.id}>{t('warnings.versionN', { n: chain.length - i })}</Typography.Text>{' '}
              <WarningStatusTag status={v.status} />
              <div>{v.id === warning.id ? v.headline : <Link to={`/warnings/${v.id}`}>{v.headline}</Link>}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[v.identifier, formatBeijing(v.sent ?? v.createdAt, false)].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { fetchTimeline, INCIDENTS_KEY } from './incidents.api';

const KIND_COLORS: Record<string, string> = {
  created: 'blue',
  status_changed: 'green',
  graded: 'red',
  grade_overridden: 'red',
  merged: 'gray',
};

/** Colour of a timeline step by its kind (`incident.graded`, `report.submitted` …). */
function colorOf(kind: string): string {
  const tail = kind.split('.').pop() ?? kind;
  if (kind.startsWith('report.overdue') || kind.includes('overdue')) return 'red';
  if (kind.startsWith('report.')) return 'purple';
  if (kind.startsWith('instruction.')) return 'orange';
  return KIND_COLORS[tail] ?? 'gray';
}

/** Everything that happened to the incident, oldest first: status steps, grading, reports, instructions. */
export function IncidentTimeline({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...INCIDENTS_KEY, 'timeline', incidentId], queryFn: () => fetchTimeline(incidentId) });
  if (q.isPending) return <Spin />;
  const items = q.data?.items ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="incident-timeline">
      <Timeline
        items={items.map((e) => ({
          key: e.id,
          color: colorOf(e.kind),
          content: (
            <div data-testid="timeline-entry" data-kind={e.kind}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatBeijing(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </Typography.Text>
              <div>{e.summary}</div>
            </div>
          ),
        }))}
      />
      {q.data?.nextCursor && <Typography.Text type="secondary">{t('incidents.timelineMore')}</Typography.Text>}
    </div>
  );
}

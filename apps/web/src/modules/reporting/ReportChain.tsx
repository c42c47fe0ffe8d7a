import { FileAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { IncidentDto } from '@vigil/shared';
import { Button, Card, Divider, Empty, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { DeadlineLine } from './DeadlineLine';
import { isPending, sortDeadlines, suggestKind } from './deadline';
import { ReportItem } from './ReportItem';
import { chainKey, fetchChain } from './reporting.api';
import { SubmitReportModal } from './SubmitReportModal';

/** 报送链: deadlines with live countdowns (red once overdue) and every report with its read receipt. */
export function ReportChain({ incident }: { incident: IncidentDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const [submitting, setSubmitting] = useState(false);
  const chain = useQuery({ queryKey: chainKey(incident.id), queryFn: () => fetchChain(incident.id) });
  const reports = chain.data?.reports ?? [];
  const deadlines = sortDeadlines(chain.data?.deadlines ?? []);
  const pending = deadlines.filter(isPending);
  const done = deadlines.filter((d) => !isPending(d));
  const suggested = suggestKind(reports, me.data?.org.id ?? '', incident.status === 'closed');

  return (
    <Card
      size="small"
      title={t('reports.chainTitle')}
      style={{ marginBottom: 12 }}
      data-testid="report-chain"
      extra={
        incident.abilities?.report && (
          <Button type="primary" size="small" icon={<FileAddOutlined />} onClick={() => setSubmitting(true)} data-testid="submit-report">
            {t('reports.submit')}
          </Button>
        )
      }
    >
      {chain.isPending ? (
        <Spin />
      ) : (
        <>
          <Typography.Text strong>{t('reports.deadlines')}</Typography.Text>
          {pending.length === 0 && (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('reports.noPending')}
            </Typography.Text>
          )}
          {pending.map((d) => (
            <DeadlineLine key={d.id} deadline={d} />
          ))}
          {done.length > 0 && (
            <details style={{ marginTop: 4 }}>
              <summary style={{ cursor: 'pointer', color: '#8c8c8c' }}>{t('reports.pastDeadlines', { count: done.length })}</summary>
              {done.map((d) => (
                <DeadlineLine key={d.id} deadline={d} />
              ))}
            </details>
          )}
          <Divider style={{ margin: '8px 0' }} />
          <Typography.Text strong>{t('reports.reports')}</Typography.Text>
          {reports.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.none')} />
          ) : (
            [...reports].reverse().map((r) => <ReportItem key={r.id} report={r} />)
          )}
        </>
      )}
      {incident.abilities?.report && (
        <SubmitReportModal incident={incident} open={submitting} suggested={suggested} onClose={() => setSubmitting(false)} />
      )}
    </Card>
  );
}

import { CheckOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportDto } from '@vigil/shared';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { INCIDENTS_KEY } from '../incidents/incidents.api';
import { acknowledgeReport, forwardReport, REPORTS_KEY } from './reporting.api';

const KIND_COLORS = { first: 'red', followup: 'blue', supplement: 'purple', final: 'green' } as const;

/** One report of the chain: kind and sequence, from → to, text, figures, read receipt, and the receiver's buttons. */
export function ReportItem({ report: r }: { report: ReportDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const receiver = can(me.data, 'incident.report') && r.toOrg.id === me.data?.org.id;
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: REPORTS_KEY });
    await qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'timeline', r.incidentId] });
  };
  const ack = useMutation({ mutationFn: () => acknowledgeReport(r.id), onSuccess: refresh });
  const forward = useMutation({
    mutationFn: () => forwardReport(r.id),
    onSuccess: async (f) => {
      notifySuccess(t('reports.forwarded', { to: f.toOrg.name }));
      await refresh();
    },
  });
  const s = r.snapshot;
  return (
    <div data-testid="report-row" data-kind={r.kind} data-acknowledged={r.acknowledgedAt ? 'true' : 'false'} style={{ padding: '8px 0' }}>
      <Space wrap size={6}>
        <Tag color={KIND_COLORS[r.kind]}>
          {t(`reports.reportKinds.${r.kind}`)}
          {r.kind === 'followup' ? ` #${r.kindSeq}` : ''}
        </Tag>
        <Typography.Text strong>
          {r.fromOrg.name} → {r.toOrg.name}
        </Typography.Text>
        <Typography.Text type="secondary">
          {formatBeijing(r.submittedAt)}
          {r.submittedBy ? ` · ${r.submittedBy.name}` : ''}
        </Typography.Text>
        {r.forwardedFromId && <Tag>{t('reports.isForward')}</Tag>}
      </Space>
      <Typography.Paragraph
        ellipsis={{ rows: 3, expandable: true, symbol: t('reports.more') }}
        style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}
      >
        {r.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {t('reports.snapshot', { dead: s.dead, missing: s.missing, serious: s.seriouslyInjured, light: s.lightlyInjured })}
        {s.grade ? ` · ${t(`incidents.grades.g${s.grade}`)}` : ''}
      </Typography.Text>
      <Space wrap size={6} style={{ marginTop: 4 }}>
        {r.acknowledgedAt ? (
          <Tag color="green" data-testid="report-receipt">
            {t('reports.acknowledgedBy', { who: r.acknowledgedBy?.name ?? r.toOrg.name, at: formatBeijing(r.acknowledgedAt) })}
          </Tag>
        ) : (
          <Tag color="orange" data-testid="report-receipt">
            {t('reports.unacknowledged')}
          </Tag>
        )}
        {receiver && !r.acknowledgedAt && (
          <Button size="small" icon={<CheckOutlined />} loading={ack.isPending} onClick={() => ack.mutate()} data-testid="report-ack">
            {t('reports.acknowledge')}
          </Button>
        )}
        {receiver && !r.forwardedAsId && (
          <Popconfirm title={t('reports.forwardConfirm')} onConfirm={() => forward.mutate()}>
            <Button size="small" icon={<SendOutlined />} loading={forward.isPending} data-testid="report-forward">
              {t('reports.forward')}
            </Button>
          </Popconfirm>
        )}
        {r.forwardedAsId && <Tag color="blue">{t('reports.alreadyForwarded')}</Tag>}
      </Space>
    </div>
  );
}

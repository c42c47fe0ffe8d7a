import type { AssessmentSummaryDto } from '@vigil/shared';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { useAssessments } from './assessment.api';

/** 应急评估列表: the after-action assessments in the user's scope, newest first. */
export default function AssessmentListPage() {
  const { t } = useTranslation();
  const q = useAssessments();
  return (
    <Card size="small" title={t('assessment.list')} data-testid="assessment-list">
      <Table<AssessmentSummaryDto>
        size="small"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data ?? []}
        locale={{ emptyText: t('assessment.empty') }}
        columns={[
          {
            title: t('assessment.response'),
            dataIndex: 'responseName',
            render: (v: string, r) => <Link to={`/assessments/${r.id}`}>{v}</Link>,
          },
          { title: t('assessment.incident'), dataIndex: 'incidentTitle' },
          { title: '', dataIndex: 'level', render: (l: string) => t(`plans.responseLevels.${l}`) },
          { title: t('assessment.openedAt'), dataIndex: 'openedAt', render: (v: string) => formatBeijing(v) },
          { title: t('assessment.openActions'), dataIndex: 'openActions', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
        ]}
      />
    </Card>
  );
}

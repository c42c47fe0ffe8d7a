import type { PlanDto } from '@vigil/shared';
import { Button, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { usePlanVersions } from './plans.api';
import { PlanStatusTag } from './PlanTags';

/** Every version of the plan, newest first; each other version can be compared with the one shown. */
export function PlanVersions({ plan }: { plan: PlanDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = usePlanVersions(plan.id);
  const items = q.data ?? [];
  if (q.isSuccess && items.length <= 1) return <Typography.Text type="secondary">{t('plans.noVersions')}</Typography.Text>;
  return (
    <Table<PlanDto>
      size="small"
      rowKey="id"
      loading={q.isPending}
      dataSource={items}
      pagination={false}
      data-testid="plan-versions"
      columns={[
        {
          title: t('plans.fields.version'),
          key: 'version',
          render: (_, v) =>
            v.id === plan.id ? (
              <>
                {t('plans.versionN', { n: v.versionNo })} <Tag color="blue">{t('plans.current')}</Tag>
              </>
            ) : (
              <Link to={`/plans/${v.id}`}>{t('plans.versionN', { n: v.versionNo })}</Link>
            ),
        },
        { title: t('common.status'), key: 'status', render: (_, v) => <PlanStatusTag status={v.status} /> },
        { title: t('plans.fields.updatedAt'), dataIndex: 'updatedAt', render: (x: string) => formatBeijing(x, false) },
        {
          title: '',
          key: 'compare',
          align: 'right',
          render: (_, v) =>
            v.id === plan.id ? null : (
              <Button size="small" onClick={() => void navigate(`/plans/${plan.id}/diff?against=${v.id}`)} data-testid="plan-compare">
                {t('plans.compare')}
              </Button>
            ),
        },
      ]}
    />
  );
}

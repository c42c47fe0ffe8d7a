import type { PlanDto } from '@vigil/shared';
import { Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { PlanStatusTag } from './PlanTags';

/** The plans table, newest first as the server pages it; the name opens the detail. */
export function PlanTable(props: { items: PlanDto[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<PlanDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 1100 }}
      onRow={(r) => ({ 'data-testid': 'plan-row', 'data-id': r.id, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
      data-testid="plan-table"
      columns={[
        {
          title: t('plans.fields.name'),
          key: 'name',
          width: 320,
          render: (_, r) => (
            <Space size={4} wrap>
              <Link to={`/plans/${r.id}`} data-testid="plan-link">
                {r.name}
              </Link>
              <Tag>{t('plans.versionN', { n: r.versionNo })}</Tag>
            </Space>
          ),
        },
        { title: t('plans.fields.level'), dataIndex: 'level', width: 90, render: (_, r) => t(`plans.planLevels.${r.level}`) },
        { title: t('plans.fields.type'), dataIndex: 'type', width: 150, render: (_, r) => t(`plans.planTypes.${r.type}`) },
        {
          title: t('plans.fields.eventCodes'),
          dataIndex: 'eventCodes',
          width: 180,
          render: (_, r) => (
            <Space size={2} wrap>
              {r.eventCodes.map((c) => (
                <Tag key={c}>{c}</Tag>
              ))}
            </Space>
          ),
        },
        {
          title: t('plans.sections.levels'),
          key: 'levels',
          width: 130,
          render: (_, r) => r.levels.map((l) => l.level).join(' / ') || '—',
        },
        { title: t('common.status'), dataIndex: 'status', width: 90, render: (_, r) => <PlanStatusTag status={r.status} /> },
        { title: t('plans.fields.org'), dataIndex: 'orgName', width: 170, ellipsis: true },
        { title: t('plans.fields.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (v: string) => formatBeijing(v, false) },
      ]}
    />
  );
}

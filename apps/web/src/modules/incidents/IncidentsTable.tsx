import type { IncidentDto } from '@vigil/shared';
import { Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { GradeTag, StatusTag } from './IncidentTags';

/** The incidents table: newest first as the server pages it; the title opens the detail. */
export function IncidentsTable(props: { items: IncidentDto[]; loading: boolean; selectedId?: string | null }) {
  const { t } = useTranslation();
  return (
    <Table<IncidentDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 1120 }}
      rowClassName={(r) => (r.id === props.selectedId ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ 'data-testid': 'incident-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
      data-testid="incidents-table"
      columns={[
        { title: t('incidents.fields.receivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatBeijing(v, false) },
        {
          title: t('incidents.fields.title'),
          key: 'title',
          width: 280,
          render: (_, r) => (
            <Space size={4} wrap>
              <Link to={`/incidents/${r.id}`} data-testid="incident-link">
                {r.title}
              </Link>
              {r.hasDuplicateHint && (
                <Tooltip title={t('incidents.duplicateHint')}>
                  <Tag color="gold">{t('incidents.duplicateShort')}</Tag>
                </Tooltip>
              )}
              {r.outOfJurisdiction && <Tag>{t('map.outside')}</Tag>}
              {r.isDemo && <Tag color="orange">{t('app.demo')}</Tag>}
            </Space>
          ),
        },
        { title: t('incidents.fields.eventType'), dataIndex: 'eventTypeName', width: 140, ellipsis: true },
        {
          title: t('incidents.fields.grade'),
          dataIndex: 'grade',
          width: 120,
          render: (g: number | null, r) => <GradeTag grade={g} override={r.gradeSource === 'override'} />,
        },
        { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: IncidentDto['status']) => <StatusTag status={s} /> },
        { title: t('incidents.fields.county'), dataIndex: 'countyName', width: 90, render: (v: string | null) => v ?? '—' },
        {
          title: t('incidents.casualtiesShort'),
          key: 'casualties',
          width: 110,
          render: (_, r) => (
            <Tooltip title={t('incidents.casualtiesTip', { dead: r.dead, missing: r.missing, serious: r.seriouslyInjured })}>
              <span>
                {r.dead}/{r.missing}/{r.seriouslyInjured}
              </span>
            </Tooltip>
          ),
        },
        { title: t('incidents.fields.org'), dataIndex: 'orgName', width: 150, ellipsis: true },
      ]}
    />
  );
}

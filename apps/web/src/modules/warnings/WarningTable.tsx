import { MAJOR_WARNING_COLOURS, type WarningDto } from '@vigil/shared';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { ColourTag, SignatureTag, SourceTag, WarningStatusTag } from './WarningTags';

/** The warnings table, newest first as the server pages it; the headline opens the detail. */
export function WarningTable(props: { items: WarningDto[]; loading: boolean; showLeaderHint?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<WarningDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 1180 }}
      onRow={(r) => ({ 'data-testid': 'warning-row', 'data-id': r.id, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
      data-testid="warning-table"
      columns={[
        {
          title: t('warnings.fields.time'),
          key: 'time',
          width: 140,
          render: (_, r) => formatBeijing(r.sent ?? r.createdAt, false),
        },
        {
          title: t('warnings.fields.headline'),
          key: 'headline',
          width: 340,
          render: (_, r) => (
            <Space size={4} wrap>
              <Link to={`/warnings/${r.id}`} data-testid="warning-link">
                {r.headline}
              </Link>
              {r.previousId && <Tag>{t('warnings.isUpdate')}</Tag>}
              {props.showLeaderHint && r.colour && MAJOR_WARNING_COLOURS.includes(r.colour) && (
                <Tag color="volcano">{t('warnings.leaderRequired')}</Tag>
              )}
            </Space>
          ),
        },
        { title: t('warnings.fields.type'), key: 'type', width: 130, render: (_, r) => `${r.typeCode} ${r.typeName}` },
        { title: t('warnings.fields.colour'), dataIndex: 'colour', width: 90, render: (_, r) => <ColourTag colour={r.colour} /> },
        { title: t('common.status'), dataIndex: 'status', width: 90, render: (_, r) => <WarningStatusTag status={r.status} /> },
        {
          title: t('warnings.fields.source'),
          key: 'source',
          width: 150,
          render: (_, r) => (
            <Space size={2} wrap>
              <SourceTag source={r.source} />
              {r.source === 'external' && <SignatureTag status={r.signatureStatus} />}
            </Space>
          ),
        },
        {
          title: t('warnings.fields.issuer'),
          key: 'issuer',
          width: 160,
          ellipsis: true,
          render: (_, r) => (r.source === 'external' ? (r.sender ?? '—') : r.orgName),
        },
        {
          title: t('warnings.fields.expires'),
          dataIndex: 'expires',
          width: 140,
          render: (v: string | null) => (v ? formatBeijing(v, false) : <Typography.Text type="secondary">—</Typography.Text>),
        },
      ]}
    />
  );
}

import type { DeviceDto } from '@vigil/shared';
import { Badge, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../../lib/time';
import { DeviceStateTag, DeviceStatusTag } from './DeviceTags';

/** The device list; a row click opens the device. */
export function DeviceTable(props: { items: DeviceDto[]; loading: boolean; onOpen: (d: DeviceDto) => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <Table<DeviceDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 1100 }}
      onRow={(d) =>
        ({ onClick: () => props.onOpen(d), style: { cursor: 'pointer' }, 'data-testid': 'device-row' }) as React.HTMLAttributes<HTMLElement>
      }
      data-testid="device-table"
      columns={[
        { title: t('devices.fields.code'), dataIndex: 'code', width: 140 },
        {
          title: t('devices.fields.name'),
          key: 'name',
          ellipsis: true,
          render: (_, d) => (
            <Space size={4}>
              <span>{d.name}</span>
              {d.archivedAt && <Tag>{t('devices.archived')}</Tag>}
              {d.source === 'demo' && <Tag color="orange">{t('app.demo')}</Tag>}
            </Space>
          ),
        },
        { title: t('devices.fields.type'), key: 'type', width: 150, ellipsis: true, render: (_, d) => (zh ? d.typeName : d.typeNameEn) },
        { title: t('devices.fields.org'), dataIndex: 'orgName', width: 160, ellipsis: true },
        { title: t('devices.fields.site'), dataIndex: 'site', width: 150, ellipsis: true },
        { title: t('devices.fields.status'), key: 'status', width: 80, render: (_, d) => <DeviceStatusTag status={d.status} /> },
        {
          title: t('devices.fields.state'),
          key: 'state',
          width: 110,
          render: (_, d) => (
            <Space size={4}>
              <DeviceStateTag state={d.mapState} />
              {d.openAlarms > 0 && <Badge count={d.openAlarms} title={t('devices.openAlarms')} />}
            </Space>
          ),
        },
        {
          title: t('devices.fields.lastSeen'),
          dataIndex: 'lastSeenAt',
          width: 150,
          render: (v: string | null) => (v ? formatBeijing(v, false) : '—'),
        },
      ]}
    />
  );
}

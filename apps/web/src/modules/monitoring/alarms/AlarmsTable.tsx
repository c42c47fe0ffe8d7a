import type { AlarmDto } from '@vigil/shared';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatBeijing } from '../../../lib/time';
import { AlarmLevelTag, AlarmStatusTag } from './AlarmTags';
import { formatValue } from './alarm-format';

/** The alarm list as a table; a row opens the alarm. */
export function AlarmsTable({ items, loading }: { items: AlarmDto[]; loading: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns: ColumnsType<AlarmDto> = [
    { title: t('alarms.fields.level'), dataIndex: 'level', width: 80, render: (_, a) => <AlarmLevelTag level={a.level} /> },
    {
      title: t('alarms.fields.title'),
      dataIndex: 'title',
      render: (_, a) => (
        <>
          <Typography.Link onClick={() => void navigate(`/monitoring/alarms/${a.id}`)} data-testid="alarm-open">
            {a.title}
          </Typography.Link>
          {a.falseAlarm && <Tag style={{ marginLeft: 6 }}>{t('alarms.falseAlarm')}</Tag>}
          {a.incidentId && (
            <Tag color="purple" style={{ marginLeft: 6 }}>
              {t('alarms.converted')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('alarms.fields.value'),
      width: 140,
      render: (_, a) => `${formatValue(a.value, a.unit)}${a.threshold !== null ? ` / ${formatValue(a.threshold, a.unit)}` : ''}`,
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (_, a) => <AlarmStatusTag status={a.status} /> },
    { title: t('alarms.fields.county'), dataIndex: 'countyName', width: 100 },
    { title: t('alarms.fields.enterprise'), dataIndex: 'enterpriseName', ellipsis: true, render: (v: string | null, a) => v ?? a.orgName },
    { title: t('alarms.fields.occurrences'), dataIndex: 'occurrences', width: 70, align: 'right' },
    { title: t('alarms.fields.firstAt'), dataIndex: 'firstAt', width: 150, render: (v: string) => formatBeijing(v, false) },
    { title: t('alarms.fields.lastAt'), dataIndex: 'lastAt', width: 150, render: (v: string) => formatBeijing(v, false) },
  ];
  return (
    <Table<AlarmDto>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      onRow={(a) => ({ 'data-testid': 'alarm-row', 'data-level': a.level }) as HTMLAttributes<HTMLElement>}
    />
  );
}

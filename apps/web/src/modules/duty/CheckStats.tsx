import { useQuery } from '@tanstack/react-query';
import type { DutyCheckStatsDto } from '@vigil/shared';
import { DatePicker, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingDate } from '../../lib/time';
import type { Dayjs } from '../incidents/picker-time';
import { DUTY_KEY, fetchCheckStats } from './duty.api';
import { dayRange, formatSeconds } from './duty-calendar';

type Row = DutyCheckStatsDto['items'][number];

/** 查岗响应统计: per org, how many checks were answered, missed or late, and how fast. */
export function CheckStats() {
  const { t, i18n } = useTranslation();
  const today = beijingDate(new Date());
  const [range, setRange] = useState(() => ({ from: dayRange(beijingDate(Date.now() - 29 * 86_400_000)).from, to: dayRange(today).to }));
  const stats = useQuery({ queryKey: [...DUTY_KEY, 'check-stats', range], queryFn: () => fetchCheckStats(range) });
  return (
    <div data-testid="check-stats">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('duty.checkStats')}</Typography.Text>
        <DatePicker.RangePicker
          onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
            if (v?.[0] && v[1]) setRange({ from: dayRange(v[0].format('YYYY-MM-DD')).from, to: dayRange(v[1].format('YYYY-MM-DD')).to });
          }}
        />
      </Space>
      <Table<Row>
        rowKey="orgId"
        size="small"
        loading={stats.isFetching}
        dataSource={stats.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('duty.org'), dataIndex: 'orgName' },
          { title: t('duty.checksTotal'), dataIndex: 'total', width: 70 },
          { title: t('duty.checkStates.answered'), dataIndex: 'answered', width: 70 },
          { title: t('duty.checkLate'), dataIndex: 'late', width: 70 },
          { title: t('duty.checkStates.missed'), dataIndex: 'missed', width: 70 },
          {
            title: t('duty.avgResponse'),
            dataIndex: 'avgResponseSeconds',
            width: 110,
            render: (v: number | null) => formatSeconds(v, i18n.language),
          },
          {
            title: t('duty.maxResponse'),
            dataIndex: 'maxResponseSeconds',
            width: 110,
            render: (v: number | null) => formatSeconds(v, i18n.language),
          },
        ]}
      />
    </div>
  );
}

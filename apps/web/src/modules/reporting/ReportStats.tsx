import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReportStatsRowDto } from '@vigil/shared';
import { Button, Col, DatePicker, Row, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingDate } from '../../lib/time';
import type { Dayjs } from '../incidents/picker-time';
import { ratePercent } from './deadline';
import { exportStats, fetchStats, REPORTS_KEY, type StatsFilters } from './reporting.api';
import { StatsBars } from './StatsBars';

/** 报送及时率: due, on time, late and missing reports by county or by month, as a table and bars; Excel export. */
export function ReportStats() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<StatsFilters>({ groupBy: 'county' });
  const stats = useQuery({ queryKey: [...REPORTS_KEY, 'stats', filters], queryFn: () => fetchStats(filters) });
  const exporting = useMutation({ mutationFn: exportStats });
  const rows = stats.data?.rows ?? [];
  const total = stats.data?.total;

  return (
    <div data-testid="report-stats">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<'county' | 'month'>
          value={filters.groupBy}
          onChange={(groupBy) => setFilters((f) => ({ ...f, groupBy }))}
          options={[
            { value: 'county', label: t('reports.byCounty') },
            { value: 'month', label: t('reports.byMonth') },
          ]}
          data-testid="stats-group"
        />
        <DatePicker.RangePicker
          onChange={(v: [Dayjs | null, Dayjs | null] | null) =>
            setFilters((f) => ({ groupBy: f.groupBy, from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.add(1, 'day').format('YYYY-MM-DD') }))
          }
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting.isPending}
          onClick={() => exporting.mutate(filters)}
          data-testid="stats-export"
        >
          {t('reports.export')}
        </Button>
      </Space>
      {stats.data && (
        <Typography.Paragraph type="secondary">
          {t('reports.period', { from: beijingDate(stats.data.from), to: beijingDate(new Date(Date.parse(stats.data.to) - 1)) })}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Table<ReportStatsRowDto>
            rowKey="key"
            size="small"
            loading={stats.isFetching}
            dataSource={rows}
            pagination={false}
            onRow={() => ({ 'data-testid': 'stats-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: filters.groupBy === 'county' ? t('reports.county') : t('reports.month'), dataIndex: 'label' },
              { title: t('reports.due'), dataIndex: 'due', width: 70 },
              { title: t('reports.onTime'), dataIndex: 'onTime', width: 70 },
              { title: t('reports.late'), dataIndex: 'late', width: 70 },
              { title: t('reports.missing'), dataIndex: 'missing', width: 70 },
              {
                title: t('reports.rate'),
                dataIndex: 'onTimeRate',
                width: 90,
                render: (v: number | null) => (v === null ? '—' : `${ratePercent(v)}%`),
              },
            ]}
            summary={() =>
              total && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('reports.total')}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>{total.due}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2}>{total.onTime}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3}>{total.late}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4}>{total.missing}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5}>{total.onTimeRate === null ? '—' : `${ratePercent(total.onTimeRate)}%`}</Table.Summary.Cell>
                </Table.Summary.Row>
              )
            }
          />
        </Col>
        <Col xs={24} xl={10}>
          {rows.length > 0 && <StatsBars rows={rows} />}
        </Col>
      </Row>
    </div>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeadlineDto } from '@vigil/shared';
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { formatMinutes, minutesLate } from './deadline';
import { fetchOverdue, REPORTS_KEY } from './reporting.api';
import { useNow } from './useNow';

type Which = 'open' | 'late' | 'all';

/** 迟报看板: deadlines missed in my subtree — still unmet ones in red — with the responsible org and how late. */
export function OverdueBoard() {
  const { t, i18n } = useTranslation();
  const [which, setWhich] = useState<Which>('open');
  const [orgId, setOrgId] = useState<string | undefined>();
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const now = useNow(30_000);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...REPORTS_KEY, 'overdue', which, orgId, limit, cursor],
    queryFn: () => fetchOverdue({ open: which === 'all' ? undefined : which === 'open' ? 'true' : 'false', orgId, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const reset = () => setPages(FIRST_PAGE);

  return (
    <div data-testid="overdue-board">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Which>
          value={which}
          onChange={(v) => {
            setWhich(v);
            reset();
          }}
          options={[
            { value: 'open', label: t('reports.overdueOpen') },
            { value: 'late', label: t('reports.overdueLate') },
            { value: 'all', label: t('reports.inboxAll') },
          ]}
        />
        <OrgTreeSelect
          allowClear
          placeholder={t('reports.responsibleOrg')}
          value={orgId}
          onChange={(v) => {
            setOrgId(v);
            reset();
          }}
          style={{ width: 220 }}
        />
      </Space>
      <Table<DeadlineDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(d) => (d.state === 'overdue' ? 'vg-row-overdue' : '')}
        onRow={(d) => ({ 'data-testid': 'overdue-row', 'data-state': d.state }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('reports.incident'),
            key: 'incident',
            render: (_, d) => <Link to={`/incidents/${d.incidentId}`}>{d.incidentTitle}</Link>,
          },
          { title: t('reports.owed'), dataIndex: 'kind', width: 110, render: (k: DeadlineDto['kind']) => t(`reports.deadlineKinds.${k}`) },
          { title: t('reports.responsibleOrg'), key: 'org', width: 180, render: (_, d) => d.org.name },
          { title: t('reports.dueAt'), dataIndex: 'dueAt', width: 150, render: (v: string) => formatBeijing(v, false) },
          {
            title: t('reports.howLate'),
            key: 'late',
            width: 130,
            render: (_, d) => (
              <Typography.Text type={d.state === 'overdue' ? 'danger' : 'warning'} strong={d.state === 'overdue'}>
                {formatMinutes(minutesLate(d.dueAt, d.satisfiedAt, now), i18n.language)}
              </Typography.Text>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'state',
            width: 110,
            render: (s: DeadlineDto['state'], d) => (
              <Tag color={s === 'overdue' ? 'red' : 'orange'}>
                {t(`reports.states.${s}`)}
                {d.satisfiedAt ? ` ${formatBeijing(d.satisfiedAt, false).slice(5)}` : ''}
              </Tag>
            ),
          },
        ]}
      />
      <CursorPager
        pages={pages}
        onPages={setPages}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        limit={limit}
        onLimit={(n) => {
          setLimit(n);
          reset();
        }}
        loading={list.isFetching}
      />
    </div>
  );
}

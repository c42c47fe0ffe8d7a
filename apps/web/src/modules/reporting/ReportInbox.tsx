import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportDto } from '@vigil/shared';
import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { acknowledgeReport, fetchInbox, REPORTS_KEY } from './reporting.api';

/** Reports received by my org: not yet signed for first, with the acknowledge button. */
export function ReportInbox() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [only, setOnly] = useState<'open' | 'all'>('open');
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...REPORTS_KEY, 'inbox', only, limit, cursor],
    queryFn: () => fetchInbox({ unacknowledged: only === 'open' ? 'true' : undefined, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const ack = useMutation({ mutationFn: acknowledgeReport, onSuccess: () => qc.invalidateQueries({ queryKey: REPORTS_KEY }) });
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(!!a.acknowledgedAt) - Number(!!b.acknowledgedAt));
  const mayAck = can(me.data, 'incident.report');

  return (
    <div data-testid="report-inbox">
      <Segmented<'open' | 'all'>
        value={only}
        onChange={(v) => {
          setOnly(v);
          setPages(FIRST_PAGE);
        }}
        options={[
          { value: 'open', label: t('reports.inboxOpen') },
          { value: 'all', label: t('reports.inboxAll') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Table<ReportDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(r) =>
          ({ 'data-testid': 'inbox-row', 'data-acknowledged': r.acknowledgedAt ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('reports.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (v: string) => formatBeijing(v, false) },
          {
            title: t('reports.kind'),
            dataIndex: 'kind',
            width: 80,
            render: (k: ReportDto['kind']) => <Tag>{t(`reports.reportKinds.${k}`)}</Tag>,
          },
          {
            title: t('reports.incident'),
            key: 'incident',
            render: (_, r) => <Link to={`/incidents/${r.incidentId}`}>{r.incidentTitle}</Link>,
          },
          { title: t('reports.from'), key: 'from', width: 170, render: (_, r) => r.fromOrg.name },
          {
            title: t('reports.receipt'),
            key: 'receipt',
            width: 220,
            render: (_, r) =>
              r.acknowledgedAt ? (
                <Tag color="green">
                  {t('reports.acknowledgedBy', { who: r.acknowledgedBy?.name ?? '', at: formatBeijing(r.acknowledgedAt, false) })}
                </Tag>
              ) : (
                <Space>
                  <Tag color="orange">{t('reports.unacknowledged')}</Tag>
                  {mayAck && (
                    <Button
                      size="small"
                      loading={ack.isPending && ack.variables === r.id}
                      onClick={() => ack.mutate(r.id)}
                      data-testid="inbox-ack"
                    >
                      {t('reports.acknowledge')}
                    </Button>
                  )}
                </Space>
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
          setPages(FIRST_PAGE);
        }}
        loading={list.isFetching}
      />
    </div>
  );
}

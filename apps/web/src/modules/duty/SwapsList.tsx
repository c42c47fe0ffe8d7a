import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DutySwapDto } from '@vigil/shared';
import { Button, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { decideSwap, DUTY_KEY, fetchSwaps } from './duty.api';

type Status = 'pending' | 'approved' | 'rejected' | 'all';
const STATUS_COLORS = { pending: 'orange', approved: 'green', rejected: 'red' } as const;

/** 换班申请: who asks to hand their place on a shift to whom; roster managers approve or reject. */
export function SwapsList() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [status, setStatus] = useState<Status>('pending');
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...DUTY_KEY, 'swaps', status, limit, cursor],
    queryFn: () => fetchSwaps({ status: status === 'all' ? undefined : status, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean }) => decideSwap(v.id, v.approve),
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
    },
  });
  const manage = can(me.data, 'duty.manage');

  return (
    <div data-testid="duty-swaps">
      <Segmented<Status>
        value={status}
        onChange={(s) => {
          setStatus(s);
          setPages(FIRST_PAGE);
        }}
        options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({ value: s, label: t(`duty.swapStates.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      <Table<DutySwapDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={() => ({ 'data-testid': 'swap-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('duty.shift'),
            key: 'shift',
            width: 200,
            render: (_, s) => `${formatBeijing(s.shiftStartsAt, false)} – ${formatBeijing(s.shiftEndsAt, false).slice(11)}`,
          },
          { title: t('duty.swapFrom'), dataIndex: 'fromName', width: 100 },
          { title: t('duty.swapTo'), key: 'to', width: 100, render: (_, s) => s.toUser.name },
          { title: t('duty.reason'), dataIndex: 'reason' },
          {
            title: t('duty.requestedBy'),
            key: 'by',
            width: 150,
            render: (_, s) => `${s.requestedBy.name} · ${formatBeijing(s.requestedAt, false).slice(5)}`,
          },
          {
            title: t('common.status'),
            key: 'status',
            width: 190,
            render: (_, s) =>
              s.status === 'pending' && manage ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide.mutate({ id: s.id, approve: true })} data-testid="swap-approve">
                    {t('duty.approve')}
                  </Button>
                  <Popconfirm title={t('duty.rejectConfirm')} onConfirm={() => decide.mutate({ id: s.id, approve: false })}>
                    <Button size="small" danger data-testid="swap-reject">
                      {t('duty.reject')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Tag color={STATUS_COLORS[s.status]}>
                  {t(`duty.swapStates.${s.status}`)}
                  {s.decidedBy ? ` · ${s.decidedBy.name}` : ''}
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
          setPages(FIRST_PAGE);
        }}
        loading={list.isFetching}
      />
    </div>
  );
}

import { SwapOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HandoverDto } from '@vigil/shared';
import { Button, Drawer, Segmented, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { countersign, DUTY_KEY, fetchHandover, fetchHandovers } from './duty.api';
import { HandoverCreateModal } from './HandoverCreateModal';
import { HandoverDetail } from './HandoverDetail';

type Which = 'all' | 'unsigned' | 'overdue';

/** 交接班: handovers of my subtree (unsigned ones flagged), hand over my shift, countersign the incoming one. */
export function Handovers({ openId }: { openId?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [which, setWhich] = useState<Which>('all');
  const [creating, setCreating] = useState(false);
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...DUTY_KEY, 'handovers', which, limit, cursor],
    queryFn: () =>
      fetchHandovers({
        unsigned: which === 'unsigned' ? 'true' : undefined,
        overdue: which === 'overdue' ? 'true' : undefined,
        limit,
        cursor,
      }),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({ queryKey: [...DUTY_KEY, 'handover', openId], queryFn: () => fetchHandover(openId!), enabled: !!openId });
  const sign = useMutation({
    mutationFn: countersign,
    onSuccess: async () => {
      notifySuccess(t('duty.countersigned'));
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
    },
  });
  const maySign = can(me.data, 'duty.sign');
  const show = (id: string | null) => void navigate(id ? `/duty/handovers/${id}` : '/duty/handovers');
  const signButton = (h: HandoverDto) =>
    maySign && !h.countersignedAt ? (
      <Button
        size="small"
        type="primary"
        loading={sign.isPending && sign.variables === h.id}
        onClick={() => sign.mutate(h.id)}
        data-testid="handover-countersign"
      >
        {t('duty.doCountersign')}
      </Button>
    ) : null;

  return (
    <div data-testid="duty-handovers">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<Which>
          value={which}
          onChange={(v) => {
            setWhich(v);
            setPages(FIRST_PAGE);
          }}
          options={(['all', 'unsigned', 'overdue'] as const).map((w) => ({ value: w, label: t(`duty.handoverFilters.${w}`) }))}
        />
        {maySign && (
          <Button type="primary" icon={<SwapOutlined />} onClick={() => setCreating(true)} data-testid="handover-create">
            {t('duty.handover')}
          </Button>
        )}
      </Space>
      <Table<HandoverDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(h) => (h.overdue ? 'vg-row-overdue' : '')}
        onRow={(h) =>
          ({ 'data-testid': 'handover-row', 'data-overdue': h.overdue ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('duty.org'), dataIndex: 'orgName', width: 160 },
          { title: t('duty.changeAt'), key: 'at', width: 150, render: (_, h) => formatBeijing(h.fromShift.endsAt, false) },
          { title: t('duty.handedOverBy'), key: 'by', width: 120, render: (_, h) => h.createdBy?.name ?? '—' },
          {
            title: t('duty.openItems'),
            key: 'items',
            width: 150,
            render: (_, h) => `${h.openItems.incidents.length} / ${h.openItems.reportsDue.length} / ${h.openItems.instructions.length}`,
          },
          {
            title: t('duty.countersign'),
            key: 'sign',
            render: (_, h) =>
              h.countersignedAt ? (
                <Tag color="green">
                  {t('duty.countersignedBy', { who: h.countersignedBy?.name ?? '', at: formatBeijing(h.countersignedAt, false).slice(5) })}
                </Tag>
              ) : (
                <Space>
                  <Tag color={h.overdue ? 'red' : 'orange'}>{h.overdue ? t('duty.unsignedOverdue') : t('duty.unsigned')}</Tag>
                  {signButton(h)}
                </Space>
              ),
          },
          {
            title: t('common.actions'),
            key: 'view',
            width: 80,
            render: (_, h) => (
              <Button type="link" size="small" onClick={() => show(h.id)}>
                {t('common.view')}
              </Button>
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
      <Drawer
        open={!!openId}
        size={560}
        title={t('duty.handoverDetail')}
        onClose={() => show(null)}
        extra={detail.data && signButton(detail.data)}
      >
        {detail.isPending ? <Spin /> : detail.data && <HandoverDetail handover={detail.data} />}
      </Drawer>
      <HandoverCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          show(id);
        }}
      />
    </div>
  );
}

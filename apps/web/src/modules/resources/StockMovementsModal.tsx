import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StockLineDto, StockMovementDto } from '@vigil/shared';
import { Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { fetchMovements, STOCK_KEY } from './resources.api';

/** The movements of one stock line, newest first: kind, change, quantity after, reason, who and when. */
export function StockMovementsModal(props: { line: StockLineDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...STOCK_KEY, 'movements', props.line.id, limit, cursor],
    queryFn: () => fetchMovements(props.line.id, { limit, cursor }),
    placeholderData: keepPreviousData,
  });
  return (
    <Modal
      open={props.open}
      width={820}
      footer={null}
      title={t('stock.movementsOf', { name: props.line.name })}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Table<StockMovementDto>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="stock-movements"
        columns={[
          { title: t('stock.at'), dataIndex: 'at', width: 160, render: (v: string) => formatBeijing(v) },
          { title: t('stock.adjustKind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`stock.kinds.${k}`, { defaultValue: k }) },
          {
            title: t('stock.delta'),
            dataIndex: 'delta',
            width: 90,
            render: (d: number) => <span style={{ color: d < 0 ? '#cf1322' : '#389e0d' }}>{d > 0 ? `+${d}` : d}</span>,
          },
          { title: t('stock.quantityAfter'), dataIndex: 'quantityAfter', width: 100 },
          { title: t('stock.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('stock.actor'), dataIndex: 'actorName', width: 100, render: (v: string | null) => v ?? '—' },
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
    </Modal>
  );
}

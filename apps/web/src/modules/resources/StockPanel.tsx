import { DownloadOutlined, HistoryOutlined, PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { StockLineDto } from '@vigil/shared';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { CursorPager } from '../../ui/CursorPager';
import { ImportDialog } from './ImportDialog';
import { exportStock, fetchWarehouseStock, STOCK_KEY } from './resources.api';
import { StockAdjustModal } from './StockAdjustModal';
import { StockLineModal } from './StockLineModal';
import { StockMovementsModal } from './StockMovementsModal';
import { StockTable } from './StockTable';
import './resources.css';

type Dialog = { type: 'add' } | { type: 'edit' | 'adjust' | 'movements'; line: StockLineDto } | { type: 'import' } | null;

/** A warehouse's stock lines with add, edit, adjust (入库/出库/调拨/盘点) and movement history. */
export function StockPanel({ warehouseId, compact = false }: { warehouseId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const manage = can(me.data, 'resource.manage');
  const [q, setQ] = useState('');
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const [dialog, setDialog] = useState<Dialog>(null);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...STOCK_KEY, 'warehouse', warehouseId, q, limit, cursor],
    queryFn: () => fetchWarehouseStock(warehouseId, { q: q || undefined, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const exporting = useMutation({ mutationFn: () => exportStock({ warehouseId }) });

  const actions = (l: StockLineDto) => (
    <Space size={0} wrap>
      {manage && (
        <Button
          type="link"
          size="small"
          icon={<SwapOutlined />}
          onClick={() => setDialog({ type: 'adjust', line: l })}
          data-testid="stock-adjust"
        >
          {t('stock.adjust')}
        </Button>
      )}
      {manage && (
        <Button type="link" size="small" onClick={() => setDialog({ type: 'edit', line: l })}>
          {t('common.edit')}
        </Button>
      )}
      <Button
        type="link"
        size="small"
        icon={<HistoryOutlined />}
        onClick={() => setDialog({ type: 'movements', line: l })}
        data-testid="stock-movements-open"
      >
        {t('stock.movements')}
      </Button>
    </Space>
  );

  return (
    <div data-testid="stock-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          placeholder={t('stock.searchHint')}
          onSearch={(v) => {
            setQ(v.trim());
            setPages(FIRST_PAGE);
          }}
          style={{ width: 220 }}
          data-testid="stock-search"
        />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ type: 'add' })} data-testid="stock-add">
            {t('stock.addLine')}
          </Button>
        )}
        {manage && !compact && (
          <Button icon={<UploadOutlined />} onClick={() => setDialog({ type: 'import' })} data-testid="import-button">
            {t('imports.button')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="stock-export">
          {t('resources.exportXlsx')}
        </Button>
      </Space>
      <StockTable items={list.data?.items ?? []} loading={list.isFetching} actions={actions} />
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
      {(dialog?.type === 'add' || dialog?.type === 'edit') && (
        <StockLineModal warehouseId={warehouseId} line={dialog.type === 'edit' ? dialog.line : null} open onClose={() => setDialog(null)} />
      )}
      {dialog?.type === 'adjust' && <StockAdjustModal line={dialog.line} open onClose={() => setDialog(null)} />}
      {dialog?.type === 'movements' && <StockMovementsModal line={dialog.line} open onClose={() => setDialog(null)} />}
      <ImportDialog entity="stock" open={dialog?.type === 'import'} onClose={() => setDialog(null)} />
    </div>
  );
}

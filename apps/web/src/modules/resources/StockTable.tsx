import type { StockLineDto } from '@vigil/shared';
import { Space, Table, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { stockRowClass } from './stock-format';

/** Stock lines; below-minimum rows are red, expiring-soon rows amber (with tags saying why). */
export function StockTable(props: {
  items: StockLineDto[];
  loading: boolean;
  /** Show the warehouse column (lists across warehouses). */
  withWarehouse?: boolean;
  actions?: (l: StockLineDto) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<StockLineDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 980 }}
      rowClassName={stockRowClass}
      onRow={(l) => ({ 'data-testid': 'stock-row', 'data-id': l.id }) as React.HTMLAttributes<HTMLElement>}
      data-testid="stock-table"
      columns={[
        ...(props.withWarehouse ? [{ title: t('stock.warehouse'), dataIndex: 'warehouseName', width: 160, ellipsis: true }] : []),
        {
          title: t('stock.material'),
          key: 'material',
          width: 200,
          render: (_: unknown, l: StockLineDto) => (
            <Tooltip title={l.materialName ? `${l.materialCode} ${l.materialName}` : l.materialCode}>
              <span>{l.name}</span>
            </Tooltip>
          ),
        },
        { title: t('stock.spec'), dataIndex: 'spec', width: 120, ellipsis: true, render: (v: string | null) => v ?? '—' },
        {
          title: t('stock.quantity'),
          key: 'quantity',
          width: 170,
          render: (_: unknown, l: StockLineDto) => (
            <Space size={4} wrap>
              <span data-testid="stock-quantity">
                {l.quantity} {l.unit}
              </span>
              {l.belowMinimum && <Tag color="red">{t('stock.belowMinimum')}</Tag>}
            </Space>
          ),
        },
        { title: t('stock.minQuantity'), dataIndex: 'minQuantity', width: 90 },
        { title: t('stock.batch'), dataIndex: 'batch', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('stock.producedOn'), dataIndex: 'producedOn', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: t('stock.expiresOn'),
          key: 'expiresOn',
          width: 160,
          render: (_: unknown, l: StockLineDto) => (
            <Space size={4} wrap>
              <span>{l.expiresOn ?? '—'}</span>
              {l.expiringSoon && <Tag color="orange">{t('stock.expiringSoon')}</Tag>}
            </Space>
          ),
        },
        ...(props.actions
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 200,
                fixed: 'right' as const,
                render: (_: unknown, l: StockLineDto) => props.actions!(l),
              },
            ]
          : []),
      ]}
    />
  );
}

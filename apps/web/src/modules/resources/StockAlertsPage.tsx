import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, InputNumber, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import { exportStock, fetchStock, STOCK_KEY } from './resources.api';
import { stockAlertQuery, type StockAlert } from './stock-format';
import { StockTable } from './StockTable';
import './resources.css';

/** 库存预警: lines below their minimum, or expiring within N days (30 by default), across the user's warehouses. */
export default function StockAlertsPage() {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<StockAlert>('below_minimum');
  const [days, setDays] = useState(30);
  const [q, setQ] = useState('');
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const cursor = currentCursor(pages);
  const query = stockAlertQuery(alert, days, { q });
  const list = useQuery({
    queryKey: [...STOCK_KEY, 'alerts', query, limit, cursor],
    queryFn: () => fetchStock({ ...query, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const exporting = useMutation({ mutationFn: () => exportStock(query) });
  const reset = () => setPages(FIRST_PAGE);

  return (
    <div data-testid="stock-alerts-page">
      <PageHeader
        title={t('stock.alertsTitle')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.isPending}
            onClick={() => exporting.mutate()}
            data-testid="stock-alerts-export"
          >
            {t('resources.exportXlsx')}
          </Button>
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<StockAlert>
            value={alert}
            onChange={(v) => {
              setAlert(v);
              reset();
            }}
            options={[
              { value: 'below_minimum', label: t('stock.belowMinimum') },
              { value: 'expiring', label: t('stock.expiringSoon') },
            ]}
            data-testid="stock-alert-kind"
          />
          {alert === 'expiring' && (
            <Space size={4}>
              <Typography.Text>{t('stock.within')}</Typography.Text>
              <InputNumber
                min={1}
                max={365}
                value={days}
                onChange={(v) => {
                  setDays(typeof v === 'number' ? v : 30);
                  reset();
                }}
                style={{ width: 80 }}
                data-testid="stock-alert-days"
              />
              <Typography.Text>{t('stock.days')}</Typography.Text>
            </Space>
          )}
          <Input.Search
            allowClear
            placeholder={t('stock.searchHint')}
            onSearch={(v) => {
              setQ(v);
              reset();
            }}
            style={{ width: 220 }}
          />
        </Space>
        <StockTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          withWarehouse
          actions={(l) => <Link to={`/resources/warehouse/${l.warehouseId}/stock`}>{t('stock.openWarehouse')}</Link>}
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
      </Card>
    </div>
  );
}

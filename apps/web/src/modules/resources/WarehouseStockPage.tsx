import { ArrowLeftOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { PageHeader } from '../../ui/PageHeader';
import { mapFocusUrl } from './resource-query';
import { fetchResource, resourceKey } from './resources.api';
import { StockPanel } from './StockPanel';

/** `/resources/warehouse/:id/stock`: one warehouse's stock on a full page. */
export default function WarehouseStockPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const warehouse = useQuery({
    queryKey: resourceKey('warehouse', id),
    queryFn: () => fetchResource('warehouse', id),
    meta: { silent: true },
  });
  if (warehouse.isPending) return <Spin />;
  if (warehouse.isError) {
    const missing = warehouse.error instanceof ApiError && warehouse.error.status === 404;
    return <Result status={missing ? '404' : 'error'} subTitle={missing ? t('resources.notFound') : warehouse.error.message} />;
  }
  const w = warehouse.data;
  return (
    <div data-testid="warehouse-stock-page">
      <PageHeader
        title={t('stock.pageTitle', { name: w.name })}
        extra={
          <Space>
            <Link to={`/resources/warehouse?open=${w.id}`}>
              <Button icon={<ArrowLeftOutlined />}>{t('stock.backToWarehouse')}</Button>
            </Link>
            <Link to={mapFocusUrl('warehouse', w.id)}>
              <Button icon={<EnvironmentOutlined />}>{t('resources.viewOnMap')}</Button>
            </Link>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">
        {w.orgName}
        {w.address ? ` · ${w.address}` : ''}
      </Typography.Paragraph>
      <Card size="small">
        <StockPanel warehouseId={w.id} />
      </Card>
    </div>
  );
}

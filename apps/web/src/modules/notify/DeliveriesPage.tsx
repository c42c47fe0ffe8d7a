import { ArrowLeftOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DELIVERY_STATUSES, NOTIFY_CHANNELS, type DeliveryStatus, type NotifyChannel } from '@vigil/shared';
import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { notifySuccess } from '../../lib/notify';
import { useRealtime } from '../../lib/useRealtime';
import { CursorPager } from '../../ui/CursorPager';
import { PageHeader } from '../../ui/PageHeader';
import { ChannelSummary } from './ChannelSummary';
import { refreshInterval } from './delivery-format';
import { DeliveryTable } from './DeliveryTable';
import { deliveriesKey, fetchDeliveries, fetchSummary, fetchWarningHeadline, retryDelivery, type DeliveryFilters } from './notify.api';

/** 发布回执: a warning's deliveries — progress per channel, the records with errors and receipts, resend; refreshes while sending. */
export default function DeliveriesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useParams().id ?? '';
  const key = deliveriesKey('warning', id);
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const cursor = currentCursor(pages);
  const headline = useQuery({ queryKey: ['warnings', 'headline', id], queryFn: () => fetchWarningHeadline(id), staleTime: 60_000 });
  const summary = useQuery({
    queryKey: [...key, 'summary'],
    queryFn: () => fetchSummary('warning', id),
    refetchInterval: (q) => refreshInterval(q.state.data?.settled),
  });
  const list = useQuery({
    queryKey: [...key, 'list', filters, limit, cursor],
    queryFn: () => fetchDeliveries('warning', id, { ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: refreshInterval(summary.data?.settled),
  });
  const retry = useMutation({
    mutationFn: retryDelivery,
    onSuccess: async () => {
      notifySuccess(t('notify.retried'));
      await qc.invalidateQueries({ queryKey: key });
    },
  });
  useRealtime('notify', (e) => {
    const p = e.payload as { sourceId?: string } | null;
    if (p?.sourceId === id) void qc.invalidateQueries({ queryKey: key });
  });
  const filter = (f: DeliveryFilters) => {
    setFilters(f);
    setPages(FIRST_PAGE);
  };

  return (
    <div data-testid="deliveries-page">
      <PageHeader
        title={t('notify.dashboard.title')}
        extra={
          <Link to={`/warnings/${id}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('notify.dashboard.back')}</Button>
          </Link>
        }
      />
      {headline.data && (
        <Typography.Paragraph strong data-testid="deliveries-warning">
          {t('notify.dashboard.warning', { headline: headline.data })}
        </Typography.Paragraph>
      )}
      {summary.data && (
        <Typography.Paragraph type="secondary">
          {t('notify.dashboard.total', { count: summary.data.total })} ·{' '}
          {summary.data.settled ? t('notify.dashboard.settled') : t('notify.dashboard.running')}
        </Typography.Paragraph>
      )}
      {summary.data && summary.data.total === 0 && (
        <Alert type="info" showIcon title={t('notify.dashboard.empty')} style={{ marginBottom: 12 }} />
      )}
      {summary.data && summary.data.total > 0 && (
        <ChannelSummary
          summary={summary.data}
          active={filters.channel}
          onPick={(c) => filter({ ...filters, channel: c === filters.channel ? undefined : c })}
        />
      )}
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Select<NotifyChannel | undefined>
            allowClear
            value={filters.channel}
            placeholder={t('notify.dashboard.allChannels')}
            onChange={(c) => filter({ ...filters, channel: c })}
            options={NOTIFY_CHANNELS.map((c) => ({ value: c, label: t(`notify.channels.${c}`) }))}
            style={{ width: 140 }}
            data-testid="delivery-filter-channel"
          />
          <Select<DeliveryStatus | undefined>
            allowClear
            value={filters.status}
            placeholder={t('notify.dashboard.allStatuses')}
            onChange={(s) => filter({ ...filters, status: s })}
            options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`notify.statuses.${s}`) }))}
            style={{ width: 140 }}
            data-testid="delivery-filter-status"
          />
        </Space>
        <DeliveryTable
          items={list.data?.items ?? []}
          loading={list.isPending}
          retrying={retry.isPending ? (retry.variables ?? null) : null}
          onRetry={(d) => retry.mutate(d)}
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
      </Card>
    </div>
  );
}

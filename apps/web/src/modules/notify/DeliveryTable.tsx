import type { DeliveryDto } from '@vigil/shared';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { DELIVERY_STATUS_TAG } from './delivery-format';

/** Delivery records: recipient, address, status, attempts, last error, times, and a resend button where allowed. */
export function DeliveryTable(props: { items: DeliveryDto[]; loading: boolean; retrying: string | null; onRetry: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table<DeliveryDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 1200 }}
      data-testid="delivery-table"
      columns={[
        { title: t('notify.columns.channel'), dataIndex: 'channel', width: 100, render: (c: string) => t(`notify.channels.${c}`) },
        {
          title: t('notify.columns.recipient'),
          key: 'recipient',
          render: (_, r) => (
            <>
              {r.recipientName ?? '—'} <Tag>{t(`notify.recipientKinds.${r.recipientKind}`, { defaultValue: r.recipientKind })}</Tag>
            </>
          ),
        },
        {
          title: t('notify.columns.address'),
          dataIndex: 'address',
          render: (v: string, r) => (r.channel === 'in_app' ? '—' : v),
        },
        {
          title: t('notify.columns.status'),
          dataIndex: 'status',
          width: 90,
          render: (s: DeliveryDto['status']) => <Tag color={DELIVERY_STATUS_TAG[s]}>{t(`notify.statuses.${s}`)}</Tag>,
        },
        { title: t('notify.columns.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
        {
          title: t('notify.columns.error'),
          dataIndex: 'lastError',
          ellipsis: { showTitle: false },
          render: (v: string | null) =>
            v ? (
              <Tooltip title={v}>
                <Typography.Text type="danger">{v}</Typography.Text>
              </Tooltip>
            ) : (
              '—'
            ),
        },
        { title: t('notify.columns.sentAt'), dataIndex: 'sentAt', width: 160, render: (v: string | null) => formatBeijing(v) || '—' },
        {
          title: t('notify.columns.deliveredAt'),
          dataIndex: 'deliveredAt',
          width: 160,
          render: (v: string | null) => formatBeijing(v) || '—',
        },
        {
          title: t('notify.columns.nextAttempt'),
          dataIndex: 'nextAttemptAt',
          width: 160,
          render: (v: string | null) => formatBeijing(v) || '—',
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 80,
          fixed: 'right',
          render: (_, r) =>
            r.abilities.retry && (
              <Button
                type="link"
                size="small"
                loading={props.retrying === r.id}
                onClick={() => props.onRetry(r.id)}
                data-testid="delivery-retry"
              >
                {t('notify.retry')}
              </Button>
            ),
        },
      ]}
    />
  );
}

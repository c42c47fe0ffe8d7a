import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SUBSCRIBER_CHANNELS, type SubscriberChannel, type SubscriberDto } from '@vigil/shared';
import { Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { CursorPager } from '../../ui/CursorPager';
import { OnceSecretModal } from '../../ui/OnceSecretModal';
import { PageHeader } from '../../ui/PageHeader';
import { deleteSubscriber, fetchSubscribers, SUBSCRIBERS_KEY } from './notify.api';
import { SubscriberFormModal } from './SubscriberFormModal';

/** 发布订阅: phones, e-mail addresses and signed webhooks that receive the org's warnings. */
export default function SubscribersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [channel, setChannel] = useState<SubscriberChannel | undefined>();
  const [q, setQ] = useState('');
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(50);
  const [editing, setEditing] = useState<SubscriberDto | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...SUBSCRIBERS_KEY, channel, q, limit, cursor],
    queryFn: () => fetchSubscribers({ channel, q: q || undefined, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: deleteSubscriber,
    onSuccess: async () => {
      notifySuccess(t('notify.subscribers.deleted'));
      await qc.invalidateQueries({ queryKey: SUBSCRIBERS_KEY });
    },
  });
  const open = (s: SubscriberDto | null) => {
    setEditing(s);
    setFormOpen(true);
  };

  return (
    <div data-testid="subscribers-page">
      <PageHeader
        title={t('notify.subscribers.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="subscriber-create">
            {t('notify.subscribers.create')}
          </Button>
        }
      />
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Select<SubscriberChannel | undefined>
            allowClear
            value={channel}
            placeholder={t('notify.subscribers.channel')}
            onChange={(c) => {
              setChannel(c);
              setPages(FIRST_PAGE);
            }}
            options={SUBSCRIBER_CHANNELS.map((c) => ({ value: c, label: t(`notify.channels.${c}`) }))}
            style={{ width: 140 }}
          />
          <Input.Search
            allowClear
            placeholder={t('notify.subscribers.searchHint')}
            onSearch={(v) => {
              setQ(v.trim());
              setPages(FIRST_PAGE);
            }}
            style={{ width: 240 }}
            data-testid="subscriber-search"
          />
        </Space>
        <Table<SubscriberDto>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="subscribers-table"
          columns={[
            { title: t('notify.subscribers.name'), dataIndex: 'name' },
            { title: t('notify.subscribers.channel'), dataIndex: 'channel', render: (c: string) => t(`notify.channels.${c}`) },
            { title: t('notify.subscribers.address'), dataIndex: 'address', ellipsis: true },
            {
              title: t('notify.subscribers.divisions'),
              dataIndex: 'divisionCodes',
              render: (codes: string[]) => (codes.length ? codes.join('、') : '—'),
            },
            {
              title: t('notify.subscribers.minColour'),
              dataIndex: 'minColour',
              render: (c: string | null) => (c ? t(`notify.colours.${c}`) : t('notify.subscribers.anyColour')),
            },
            { title: t('notify.subscribers.org'), dataIndex: 'orgName' },
            {
              title: t('common.status'),
              dataIndex: 'enabled',
              render: (on: boolean) => <Tag color={on ? 'green' : 'default'}>{on ? t('common.active') : t('common.disabled')}</Tag>,
            },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatBeijing(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => open(r)} data-testid="subscriber-edit">
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('notify.subscribers.deleteConfirm', { name: r.name })} onConfirm={() => remove.mutate(r.id)}>
                    <Button type="link" size="small" danger data-testid="subscriber-delete">
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
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
      </Card>
      <SubscriberFormModal
        open={formOpen}
        editing={editing}
        onClose={() => setFormOpen(false)}
        onSaved={(r) => {
          setFormOpen(false);
          notifySuccess(t('common.saved'));
          if (r.secret) setSecret(r.secret);
        }}
      />
      <OnceSecretModal
        open={secret !== null}
        title={t('notify.subscribers.secretTitle')}
        hint={t('notify.subscribers.secretOnce')}
        secret={secret}
        onClose={() => setSecret(null)}
        testId="subscriber-secret-value"
      />
    </div>
  );
}

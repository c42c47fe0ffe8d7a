import { DeleteOutlined, EditOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WarningFeedDto } from '@vigil/shared';
import { Button, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { toFeedFormValues, toFeedInput } from './feed-form';
import { deleteFeed, FEEDS_KEY, IMPORTS_KEY, pollFeed, updateFeed, WARNINGS_KEY } from './warnings.api';

/** The feeds with their last poll (status, error, items); poll now, enable/disable, edit, delete. */
export function FeedsTable(props: { feeds: WarningFeedDto[]; loading: boolean; onEdit: (f: WarningFeedDto) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: FEEDS_KEY });
    await qc.invalidateQueries({ queryKey: IMPORTS_KEY });
  };
  const poll = useMutation({
    mutationFn: pollFeed,
    onSuccess: async (r) => {
      notifySuccess(t(r.lastStatus === 'error' ? 'warnings.feeds.pollFailed' : 'warnings.feeds.polled', { count: r.results.length }));
      await refresh();
      await qc.invalidateQueries({ queryKey: [...WARNINGS_KEY, 'list'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (f: WarningFeedDto) => updateFeed(f.id, toFeedInput({ ...toFeedFormValues(f), enabled: !f.enabled })),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: deleteFeed, onSuccess: refresh });

  return (
    <Table<WarningFeedDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.feeds}
      pagination={false}
      scroll={{ x: 1000 }}
      onRow={(r) => ({ 'data-testid': 'feed-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
      data-testid="feeds-table"
      columns={[
        { title: t('warnings.feeds.name'), dataIndex: 'name', width: 160 },
        { title: t('warnings.feeds.url'), dataIndex: 'url', width: 260, ellipsis: true },
        { title: t('warnings.feeds.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`warnings.feeds.kinds.${k}`) },
        {
          title: t('warnings.feeds.interval'),
          dataIndex: 'intervalSeconds',
          width: 90,
          render: (s: number) => t('warnings.feeds.everyMinutes', { n: Math.round(s / 6) / 10 }),
        },
        {
          title: t('common.active'),
          dataIndex: 'enabled',
          width: 70,
          render: (_, f) => (
            <Switch
              size="small"
              checked={f.enabled}
              loading={toggle.isPending && toggle.variables?.id === f.id}
              onChange={() => toggle.mutate(f)}
            />
          ),
        },
        {
          title: t('warnings.feeds.lastPoll'),
          key: 'last',
          width: 260,
          render: (_, f) => (
            <Space size={4} wrap data-testid="feed-last">
              {f.lastStatus ? (
                <Tag color={f.lastStatus === 'ok' ? 'green' : 'red'}>{t(`warnings.feeds.statuses.${f.lastStatus}`)}</Tag>
              ) : (
                <Tag>{t('warnings.feeds.neverPolled')}</Tag>
              )}
              {f.lastPolledAt && <Typography.Text type="secondary">{formatBeijing(f.lastPolledAt, false)}</Typography.Text>}
              {f.lastItems !== null && (
                <Typography.Text type="secondary">{t('warnings.feeds.items', { count: f.lastItems })}</Typography.Text>
              )}
              {f.lastError && (
                <Tooltip title={f.lastError}>
                  <Typography.Text type="danger" ellipsis style={{ maxWidth: 240 }}>
                    {f.lastError}
                  </Typography.Text>
                </Tooltip>
              )}
            </Space>
          ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 130,
          fixed: 'right',
          render: (_, f) => (
            <Space size={0}>
              <Tooltip title={t('warnings.feeds.pollNow')}>
                <Button
                  type="text"
                  icon={<SyncOutlined />}
                  loading={poll.isPending && poll.variables === f.id}
                  onClick={() => poll.mutate(f.id)}
                  aria-label={t('warnings.feeds.pollNow')}
                  data-testid="feed-poll"
                />
              </Tooltip>
              <Tooltip title={t('common.edit')}>
                <Button type="text" icon={<EditOutlined />} onClick={() => props.onEdit(f)} aria-label={t('common.edit')} />
              </Tooltip>
              <Popconfirm title={t('warnings.feeds.deleteConfirm')} onConfirm={() => remove.mutate(f.id)}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="feed-delete" />
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}

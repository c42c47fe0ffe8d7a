import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionDto } from '@vigil/shared';
import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { http } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';

const KEY = ['my-sessions'] as const;

/** My signed-in sessions (browsers) with the option to end any other one. */
export function SessionsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: KEY, queryFn: () => http.get<{ items: SessionDto[] }>('/me/sessions').then((r) => r.items) });
  const revoke = useMutation({
    mutationFn: (id: string) => http.del(`/me/sessions/${id}`),
    onSuccess: async () => {
      notifySuccess(t('account.sessionRevoked'));
      await qc.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <Card size="small" title={t('account.sessions')} data-testid="sessions-card">
      <Table<SessionDto>
        rowKey="id"
        size="small"
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('account.device'),
            dataIndex: 'userAgent',
            render: (v: string | null, r) => (
              <>
                <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                  {v ?? '—'}
                </Typography.Text>
                {r.current && (
                  <Tag color="green" style={{ marginLeft: 6 }}>
                    {t('account.current')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          { title: t('account.signedInAt'), dataIndex: 'createdAt', render: (v: string) => formatBeijing(v) },
          { title: t('account.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => formatBeijing(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) =>
              !r.current && (
                <Popconfirm title={t('account.revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
                  <Button type="link" size="small" danger>
                    {t('account.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}

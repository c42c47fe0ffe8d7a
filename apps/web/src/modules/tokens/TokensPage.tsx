import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenDto } from '@vigil/shared';
import { Button, Card, Popconfirm, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { OnceSecretModal } from '../../ui/OnceSecretModal';
import { PageHeader } from '../../ui/PageHeader';
import { TokenCreateModal } from './TokenCreateModal';
import { fetchTokens, revokeToken, tokenState, TOKENS_KEY } from './tokens.api';

const STATE_COLOR = { active: 'green', revoked: 'red', expired: 'default' } as const;

/** 接口令牌: API tokens for other systems — list, create (the token is shown once), revoke. */
export default function TokensPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: fetchTokens });
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: async () => {
      notifySuccess(t('tokens.revoked'));
      await qc.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const now = Date.now();

  return (
    <div data-testid="tokens-page">
      <PageHeader
        title={t('tokens.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <Card size="small">
        <Table<ApiTokenDto>
          rowKey="id"
          size="small"
          loading={tokens.isPending}
          dataSource={tokens.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="tokens-table"
          columns={[
            { title: t('tokens.name'), dataIndex: 'name' },
            { title: t('tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
            { title: t('tokens.user'), dataIndex: 'username' },
            {
              title: t('tokens.permissions'),
              dataIndex: 'permissions',
              render: (ps: string[]) => (
                <Tooltip title={ps.join(', ')}>
                  <Tag>{t('tokens.permissionCount', { count: ps.length })}</Tag>
                </Tooltip>
              ),
            },
            {
              title: t('common.status'),
              key: 'state',
              render: (_, r) => {
                const s = tokenState(r, now);
                return <Tag color={STATE_COLOR[s]}>{t(`tokens.states.${s}`)}</Tag>;
              },
            },
            {
              title: t('tokens.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string | null) => (v ? formatBeijing(v, false) : t('tokens.never')),
            },
            { title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatBeijing(v) || '—' },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatBeijing(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) =>
                tokenState(r, now) === 'active' && (
                  <Popconfirm title={t('tokens.revokeConfirm', { name: r.name })} onConfirm={() => revoke.mutate(r.id)}>
                    <Button type="link" size="small" danger data-testid="token-revoke">
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <TokenCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setSecret(token);
        }}
      />
      <OnceSecretModal
        open={!!secret}
        title={t('tokens.onceTitle')}
        hint={t('tokens.onceHint')}
        secret={secret}
        onClose={() => setSecret(null)}
        testId="token-secret"
      />
    </div>
  );
}

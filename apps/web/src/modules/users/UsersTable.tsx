import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserDto } from '@vigil/shared';
import { Button, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { resetPassword, unlockUser, updateUser, USERS_KEY, type TemporaryPassword } from './users.api';

interface Props {
  users: UserDto[];
  loading: boolean;
  onEdit: (u: UserDto) => void;
  onRoles: (u: UserDto) => void;
  onSecret: (r: TemporaryPassword) => void;
}

/** The users table with per-row actions, each shown only to those allowed to use it. */
export function UsersTable({ users, loading, onEdit, onRoles, onSecret }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const manage = can(me.data, 'user.manage');
  // Business roles are granted by the system administrator, admin roles by the security administrator.
  const grant = manage || can(me.data, 'role.manage');
  const security = can(me.data, 'security.manage');
  const refresh = () => qc.invalidateQueries({ queryKey: USERS_KEY });
  const setStatus = useMutation({
    mutationFn: (v: { id: string; status: 'active' | 'disabled' }) => updateUser(v.id, { status: v.status }),
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await refresh();
    },
  });
  const reset = useMutation({ mutationFn: resetPassword, onSuccess: onSecret });
  const unlock = useMutation({
    mutationFn: unlockUser,
    onSuccess: async () => {
      notifySuccess(t('users.unlocked'));
      await refresh();
    },
  });
  const now = Date.now();

  return (
    <Table<UserDto>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={users}
      pagination={false}
      scroll={{ x: 1100 }}
      data-testid="users-table"
      columns={[
        { title: t('users.username'), dataIndex: 'username', width: 130 },
        { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
        { title: t('users.org'), dataIndex: 'orgName', width: 180 },
        {
          title: t('users.roles'),
          key: 'roles',
          render: (_, u) =>
            u.roles.map((r) => (
              <Tooltip key={`${r.roleId}-${r.scopeOrgId}`} title={r.scopeOrgName}>
                <Tag>{r.roleName}</Tag>
              </Tooltip>
            )),
        },
        {
          title: t('common.status'),
          key: 'status',
          width: 170,
          render: (_, u) => (
            <Space size={2} wrap>
              {u.status === 'active' ? <Tag color="green">{t('common.active')}</Tag> : <Tag color="red">{t('common.disabled')}</Tag>}
              {u.lockedUntil && Date.parse(u.lockedUntil) > now && <Tag color="orange">{t('users.locked')}</Tag>}
              {u.mustChangePassword && <Tag>{t('users.mustChange')}</Tag>}
              {u.totpEnabled && <Tag color="blue">TOTP</Tag>}
            </Space>
          ),
        },
        { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 160, render: (v: string | null) => formatBeijing(v) || '—' },
        {
          title: t('common.actions'),
          key: 'actions',
          fixed: 'right',
          width: 250,
          render: (_, u) => (
            <Space size={0} wrap>
              {manage && (
                <Button type="link" size="small" onClick={() => onEdit(u)}>
                  {t('common.edit')}
                </Button>
              )}
              {grant && (
                <Button type="link" size="small" onClick={() => onRoles(u)} data-testid="user-roles">
                  {t('users.assignRoles')}
                </Button>
              )}
              {manage && (
                <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} onConfirm={() => reset.mutate(u.id)}>
                  <Button type="link" size="small">
                    {t('users.resetPassword')}
                  </Button>
                </Popconfirm>
              )}
              {manage && u.id !== me.data?.user.id && (
                <Popconfirm
                  title={t(u.status === 'active' ? 'users.disableConfirm' : 'users.enableConfirm', { name: u.displayName })}
                  onConfirm={() => setStatus.mutate({ id: u.id, status: u.status === 'active' ? 'disabled' : 'active' })}
                >
                  <Button type="link" size="small" danger={u.status === 'active'}>
                    {t(u.status === 'active' ? 'common.disable' : 'common.enable')}
                  </Button>
                </Popconfirm>
              )}
              {security && u.lockedUntil && Date.parse(u.lockedUntil) > now && (
                <Button type="link" size="small" onClick={() => unlock.mutate(u.id)}>
                  {t('users.unlock')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RoleDto } from '@vigil/shared';
import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { PageHeader } from '../../ui/PageHeader';
import { roleName, ROLES_KEY, useRoles } from '../users/users.api';
import { deleteRole } from './roles.api';
import { RoleEditor } from './RoleEditor';

const ADMIN_COLOR = { system: 'geekblue', security: 'volcano', audit: 'purple' } as const;

/** 角色管理: built-in roles (read-only) and custom roles with a permission checklist. */
export default function RolesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const roles = useRoles();
  const manage = can(me.data, 'role.manage');
  const [editing, setEditing] = useState<RoleDto | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: deleteRole,
    onSuccess: async () => {
      notifySuccess(t('roles.deleted'));
      await qc.invalidateQueries({ queryKey: ROLES_KEY });
    },
  });

  return (
    <div data-testid="roles-page">
      <PageHeader
        title={t('roles.title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="role-create">
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Table<RoleDto>
          rowKey="id"
          size="small"
          loading={roles.isPending}
          dataSource={roles.data ?? []}
          pagination={false}
          data-testid="roles-table"
          columns={[
            { title: t('roles.name'), key: 'name', render: (_, r) => roleName(r, i18n.language) },
            { title: t('roles.id'), dataIndex: 'id', render: (v: string) => <code>{v}</code> },
            {
              title: t('roles.kind'),
              key: 'kind',
              render: (_, r) => (
                <Space size={2}>
                  {r.builtin ? <Tag>{t('roles.builtin')}</Tag> : <Tag color="cyan">{t('roles.custom')}</Tag>}
                  {r.adminKind && <Tag color={ADMIN_COLOR[r.adminKind]}>{t(`roles.adminKinds.${r.adminKind}`)}</Tag>}
                </Space>
              ),
            },
            { title: t('roles.permissionCount'), key: 'n', render: (_, r) => r.permissions.length },
            { title: t('roles.userCount'), dataIndex: 'userCount' },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(r)}>
                    {manage && !r.builtin ? t('common.edit') : t('common.view')}
                  </Button>
                  {manage && !r.builtin && (
                    <Popconfirm
                      title={t('roles.deleteConfirm', { name: roleName(r, i18n.language) })}
                      onConfirm={() => remove.mutate(r.id)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        disabled={r.userCount > 0}
                        title={r.userCount > 0 ? t('roles.inUse') : undefined}
                      >
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RoleEditor role={editing} readOnly={!manage || (editing !== 'new' && !!editing?.builtin)} onClose={() => setEditing(null)} />
    </div>
  );
}

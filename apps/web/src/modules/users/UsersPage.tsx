import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UserDto } from '@vigil/shared';
import { Button, Card, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { CursorPager } from '../../ui/CursorPager';
import { OnceSecretModal } from '../../ui/OnceSecretModal';
import { PageHeader } from '../../ui/PageHeader';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { RolesModal } from './RolesModal';
import { UserFormModal } from './UserFormModal';
import { UsersTable } from './UsersTable';
import { fetchUsers, roleName, useRoles, USERS_KEY, type TemporaryPassword, type UserFilters } from './users.api';

/** 用户管理: filter and page through users, create, edit, disable, reset passwords, assign roles. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState<UserFilters>({});
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const [editing, setEditing] = useState<UserDto | 'new' | null>(null);
  const [granting, setGranting] = useState<UserDto | null>(null);
  const [secret, setSecret] = useState<TemporaryPassword | null>(null);
  const roles = useRoles(can(me.data, 'role.read'));
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...USERS_KEY, filters, limit, cursor],
    queryFn: () => fetchUsers({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });

  const filter = (patch: Partial<UserFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPages(FIRST_PAGE);
  };

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        extra={
          can(me.data, 'user.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchHint')}
            onSearch={(q) => filter({ q: q.trim() || undefined })}
            style={{ width: 220 }}
            data-testid="user-search"
          />
          <OrgTreeSelect
            allowClear
            placeholder={t('users.org')}
            value={filters.orgId}
            onChange={(orgId) => filter({ orgId })}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('common.status')}
            value={filters.status}
            onChange={(status: UserFilters['status']) => filter({ status })}
            options={[
              { value: 'active', label: t('common.active') },
              { value: 'disabled', label: t('common.disabled') },
            ]}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t('users.role')}
            value={filters.roleId}
            onChange={(roleId: string | undefined) => filter({ roleId })}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r, i18n.language) }))}
            style={{ width: 180 }}
          />
        </Space>
        <UsersTable
          users={list.data?.items ?? []}
          loading={list.isFetching}
          onEdit={setEditing}
          onRoles={setGranting}
          onSecret={setSecret}
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
      <UserFormModal
        user={editing}
        onClose={() => setEditing(null)}
        onCreated={(r) => {
          setEditing(null);
          setSecret(r);
        }}
      />
      <RolesModal user={granting} onClose={() => setGranting(null)} />
      <OnceSecretModal
        open={!!secret}
        title={t('users.tempPasswordTitle', { name: secret?.user.displayName ?? '' })}
        hint={t('users.tempPasswordHint')}
        secret={secret?.temporaryPassword ?? null}
        onClose={() => setSecret(null)}
        testId="temp-password"
      />
    </div>
  );
}

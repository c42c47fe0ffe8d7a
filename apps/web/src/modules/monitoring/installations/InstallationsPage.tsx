import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InstallationDto } from '@vigil/shared';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../app/session';
import { currentCursor, FIRST_PAGE } from '../../../lib/cursor-pages';
import { CursorPager } from '../../../ui/CursorPager';
import { PageHeader } from '../../../ui/PageHeader';
import { GradeTag } from './GradeTag';
import { fetchInstallations, INSTALLATIONS_KEY } from './installations.api';
import { InstallationDrawer } from './InstallationDrawer';
import { InstallationFormModal } from './InstallationFormModal';

/** `/monitoring/installations`: major hazard installations, most severe first; register, edit, drawer. */
export default function InstallationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const [grade, setGrade] = useState<string | undefined>();
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<InstallationDto | 'new' | null>(null);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...INSTALLATIONS_KEY, 'list', q, grade, limit, cursor],
    queryFn: () => fetchInstallations({ q, grade, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  return (
    <div data-testid="installations-page">
      <PageHeader
        title={t('installations.title')}
        extra={
          can(me.data, 'monitoring.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="installation-create">
              {t('installations.create')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('installations.searchHint')}
            onSearch={(v) => (setQ(v), setPages(FIRST_PAGE))}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('installations.gradeAll')}
            value={grade}
            onChange={(v: string | undefined) => (setGrade(v), setPages(FIRST_PAGE))}
            options={[
              ...(['1', '2', '3', '4'] as const).map((g) => ({ value: g, label: t(`installations.grades.${g}`) })),
              { value: 'none', label: t('installations.notMajor') },
            ]}
            style={{ width: 160 }}
            data-testid="installation-filter-grade"
          />
        </Space>
        <Table<InstallationDto>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          onRow={(r) =>
            ({
              onClick: () => setOpen(r.id),
              style: { cursor: 'pointer' },
              'data-testid': 'installation-row',
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t('installations.fields.code'), dataIndex: 'code', width: 130 },
            {
              title: t('installations.fields.name'),
              key: 'name',
              ellipsis: true,
              render: (_, r) => (
                <Space size={4}>
                  {r.name}
                  {r.source === 'demo' && <Tag color="orange">{t('app.demo')}</Tag>}
                </Space>
              ),
            },
            { title: t('installations.fields.grade'), key: 'grade', width: 130, render: (_, r) => <GradeTag grade={r.grade} /> },
            { title: t('installations.fields.r'), dataIndex: 'r', width: 90 },
            { title: t('installations.fields.s'), dataIndex: 's', width: 90 },
            { title: t('installations.fields.people500m'), dataIndex: 'people500m', width: 110 },
            {
              title: t('installations.substances'),
              key: 'subs',
              ellipsis: true,
              render: (_, r) => r.substances.map((s) => s.name).join('、'),
            },
            { title: t('installations.fields.org'), dataIndex: 'orgName', width: 150, ellipsis: true },
          ]}
        />
        <CursorPager
          pages={pages}
          onPages={setPages}
          nextCursor={list.data?.nextCursor}
          total={list.data?.total}
          limit={limit}
          onLimit={(n) => (setLimit(n), setPages(FIRST_PAGE))}
          loading={list.isFetching}
        />
      </Card>
      <InstallationDrawer id={open} onClose={() => setOpen(null)} onEdit={(d) => setEditing(d)} />
      {editing && (
        <InstallationFormModal
          record={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setOpen(saved.id);
          }}
        />
      )}
    </div>
  );
}

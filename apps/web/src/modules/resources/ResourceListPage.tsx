import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ResourceDto, ResourceKind } from '@vigil/shared';
import { Button, Card, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { can, useMe } from '../../app/session';
import { currentCursor, FIRST_PAGE } from '../../lib/cursor-pages';
import { CursorPager } from '../../ui/CursorPager';
import { NotFound } from '../../ui/Errors';
import { PageHeader } from '../../ui/PageHeader';
import { ImportDialog } from './ImportDialog';
import { KIND_SPECS, kindOf } from './kinds';
import { DEFAULT_SORT, toResourceQuery, type ResourceFilterValues } from './resource-query';
import { ResourceDrawer } from './ResourceDrawer';
import { ResourceFilterBar } from './ResourceFilterBar';
import { ResourceFormModal } from './ResourceFormModal';
import { ResourceTable } from './ResourceTable';
import { exportResources, fetchResources, RESOURCES_KEY } from './resources.api';
import './resources.css';

/** One registry (队伍, 专家, 储备库 …): filter, sort and page on the server, export, import, create; row → drawer. */
function RegistryPage({ kind }: { kind: ResourceKind }) {
  const { t } = useTranslation();
  const me = useMe();
  const spec = KIND_SPECS[kind];
  const [search, setSearch] = useSearchParams();
  const [filters, setFilters] = useState<ResourceFilterValues>({});
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const [editing, setEditing] = useState<ResourceDto | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const cursor = currentCursor(pages);
  const query = toResourceQuery(filters, sort);
  const list = useQuery({
    queryKey: [...RESOURCES_KEY, kind, 'list', query, limit, cursor],
    queryFn: () => fetchResources(kind, { ...query, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  const exporting = useMutation({ mutationFn: (format: 'xlsx' | 'csv') => exportResources(kind, query, format) });
  const openId = search.get('open');
  const show = (id: string | null) =>
    setSearch(
      (s) => {
        const next = new URLSearchParams(s);
        if (id) next.set('open', id);
        else next.delete('open');
        return next;
      },
      { replace: true },
    );
  const manage = can(me.data, 'resource.manage');

  return (
    <div data-testid={`resource-page-${kind}`}>
      <PageHeader
        title={t(`resources.kinds.${kind}`)}
        extra={
          <>
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: t('resources.exportXlsx'), 'data-testid': 'resource-export-xlsx' },
                  { key: 'csv', label: t('resources.exportCsv'), 'data-testid': 'resource-export-csv' },
                ],
                onClick: ({ key }) => exporting.mutate(key as 'xlsx' | 'csv'),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={exporting.isPending} data-testid="resource-export">
                {t('resources.export')}
              </Button>
            </Dropdown>
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-button">
                {t('imports.button')}
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="resource-create">
                {t('resources.create')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small">
        <ResourceFilterBar
          kind={kind}
          onSearch={(v) => {
            setFilters(v);
            setPages(FIRST_PAGE);
          }}
        />
        <ResourceTable
          spec={spec}
          items={list.data?.items ?? []}
          loading={list.isFetching}
          sort={sort}
          onSort={(s) => {
            setSort(s);
            setPages(FIRST_PAGE);
          }}
          onOpen={(r) => show(r.id)}
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
      <ResourceDrawer spec={spec} id={openId} onClose={() => show(null)} onEdit={(r) => setEditing(r)} />
      {editing && (
        <ResourceFormModal
          spec={spec}
          record={editing === 'new' ? null : editing}
          open
          onClose={(saved) => {
            setEditing(null);
            if (saved) show(saved.id);
          }}
        />
      )}
      <ImportDialog entity={kind} open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}

/** `/resources/:kind`: the registry of that kind (a fresh page state per kind). */
export default function ResourceListPage() {
  const { kind: segment } = useParams();
  const kind = kindOf(segment);
  if (!kind) return <NotFound />;
  return <RegistryPage key={kind} kind={kind} />;
}

import { EditOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResourceDto } from '@vigil/shared';
import { Button, Drawer, Popconfirm, Result, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { notifySuccess } from '../../lib/notify';
import { ArchiveModal } from './ArchiveModal';
import type { KindSpec } from './kinds';
import { ResourceDetail } from './ResourceDetail';
import { ResourceHistory } from './ResourceHistory';
import { fetchResource, resourceKey, RESOURCES_KEY, restoreResource } from './resources.api';
import { StockPanel } from './StockPanel';

/**
 * The detail drawer of a record: all fields, its history and (warehouses) its stock. The record's
 * abilities decide whether edit and archive/restore show.
 */
export function ResourceDrawer(props: { spec: KindSpec; id: string | null; onClose: () => void; onEdit: (r: ResourceDto) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { spec, id } = props;
  const [archiving, setArchiving] = useState(false);
  const one = useQuery({
    queryKey: resourceKey(spec.kind, id ?? ''),
    queryFn: () => fetchResource(spec.kind, id!),
    enabled: !!id,
    meta: { silent: true },
  });
  const restore = useMutation({
    mutationFn: (r: ResourceDto) => restoreResource(r.kind, r.id),
    onSuccess: async () => {
      notifySuccess(t('resources.restoredOk'));
      await qc.invalidateQueries({ queryKey: RESOURCES_KEY });
    },
  });
  const r = one.data;
  const missing = one.error instanceof ApiError && one.error.status === 404;

  const actions = r && (
    <Space>
      {r.abilities.edit && !r.archivedAt && (
        <Button icon={<EditOutlined />} onClick={() => props.onEdit(r)} data-testid="resource-edit">
          {t('common.edit')}
        </Button>
      )}
      {r.abilities.archive && !r.archivedAt && (
        <Button danger icon={<InboxOutlined />} onClick={() => setArchiving(true)} data-testid="resource-archive">
          {t('resources.archive')}
        </Button>
      )}
      {r.abilities.archive && r.archivedAt && (
        <Popconfirm title={t('resources.restoreConfirm')} onConfirm={() => restore.mutate(r)}>
          <Button icon={<RollbackOutlined />} loading={restore.isPending} data-testid="resource-restore">
            {t('resources.restore')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer
      open={!!id}
      size={640}
      title={r?.name ?? t(`resources.kinds.${spec.kind}`)}
      onClose={props.onClose}
      extra={actions}
      data-testid="resource-drawer"
    >
      {one.isPending && id && <Spin />}
      {missing && <Result status="404" subTitle={t('resources.notFound')} />}
      {one.isError && !missing && <Result status="error" subTitle={one.error.message} />}
      {r && (
        <Tabs
          items={[
            { key: 'detail', label: t('resources.tabs.detail'), children: <ResourceDetail spec={spec} r={r} /> },
            ...(spec.stock
              ? [
                  {
                    key: 'stock',
                    label: t('resources.tabs.stock'),
                    children: (
                      <>
                        <StockPanel warehouseId={r.id} compact />
                        <Link to={`/resources/warehouse/${r.id}/stock`} data-testid="resource-stock-page">
                          {t('stock.openPage')}
                        </Link>
                      </>
                    ),
                  },
                ]
              : []),
            { key: 'history', label: t('resources.tabs.history'), children: <ResourceHistory kind={r.kind} id={r.id} /> },
          ]}
        />
      )}
      {r && archiving && <ArchiveModal record={r} open={archiving} onClose={() => setArchiving(false)} />}
    </Drawer>
  );
}

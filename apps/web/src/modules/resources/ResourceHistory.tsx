import { useQuery } from '@tanstack/react-query';
import type { ResourceHistoryDto, ResourceKind } from '@vigil/shared';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { fetchResourceHistory, RESOURCES_KEY } from './resources.api';

/** The versions of a record, newest first; each row unfolds to the saved snapshot. */
export function ResourceHistory({ kind, id }: { kind: ResourceKind; id: string }) {
  const { t } = useTranslation();
  const history = useQuery({ queryKey: [...RESOURCES_KEY, kind, 'history', id], queryFn: () => fetchResourceHistory(kind, id) });
  const rows = [...(history.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Table<ResourceHistoryDto>
      rowKey={(r) => `${r.version}-${r.action}-${r.changedAt}`}
      size="small"
      loading={history.isPending}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (r) => (
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(r.snapshot, null, 2)}</pre>
        ),
      }}
      data-testid="resource-history"
      columns={[
        { title: t('resources.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
        {
          title: t('resources.action'),
          dataIndex: 'action',
          width: 110,
          render: (a: string) => t(`resources.actions.${a}`, { defaultValue: a }),
        },
        { title: t('resources.changedAt'), dataIndex: 'changedAt', width: 160, render: (v: string) => formatBeijing(v) },
        { title: t('resources.changedBy'), dataIndex: 'changedBy', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: t('resources.reason'),
          key: 'reason',
          ellipsis: true,
          render: (_, r) => (typeof r.snapshot.reason === 'string' ? r.snapshot.reason : '—'),
        },
      ]}
    />
  );
}

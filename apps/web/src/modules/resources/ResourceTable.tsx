import type { ResourceDto } from '@vigil/shared';
import { Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import type { KindSpec } from './kinds';
import { formatAttr, plainText, resourceColumns } from './resource-columns';
import { columnSortOrder, sortFromTable, type ResourceSort } from './resource-query';
import { ResourceStatusTag } from './ResourceStatusTag';

/** The registry table: server-sorted by name, code or last change; a row click opens the detail. */
export function ResourceTable(props: {
  spec: KindSpec;
  items: ResourceDto[];
  loading: boolean;
  sort: ResourceSort;
  onSort: (s: ResourceSort) => void;
  onOpen: (r: ResourceDto) => void;
}) {
  const { t } = useTranslation();
  const { spec, sort } = props;
  const columns = useMemo<TableColumnsType<ResourceDto>>(
    () =>
      resourceColumns(spec).map((c) => ({
        key: c.key,
        title: t(c.titleKey),
        width: c.width,
        ellipsis: true,
        sorter: !!c.sort,
        sortOrder: c.sort ? columnSortOrder(sort, c.sort) : undefined,
        render: (_: unknown, r: ResourceDto) => {
          if (c.attr) return formatAttr(c.attr, r.attrs[c.attr.name], t);
          switch (c.key) {
            case 'name':
              return (
                <Space size={4}>
                  <span>{r.name}</span>
                  {r.archivedAt && <Tag>{t('resources.archived')}</Tag>}
                  {r.source === 'demo' && <Tag color="orange">{t('app.demo')}</Tag>}
                </Space>
              );
            case 'typeName':
              return r.typeName ?? r.typeCode ?? '—';
            case 'status':
              return <ResourceStatusTag kind={spec.kind} status={r.status} />;
            case 'updatedAt':
              return formatBeijing(r.updatedAt, false);
            default:
              return plainText((r as unknown as Record<string, unknown>)[c.key]) || '—';
          }
        },
      })),
    [spec, sort, t],
  );
  return (
    <Table<ResourceDto>
      rowKey="id"
      size="small"
      loading={props.loading}
      dataSource={props.items}
      pagination={false}
      scroll={{ x: 1100 }}
      columns={columns}
      onChange={(_p, _f, sorter) => props.onSort(sortFromTable(sorter))}
      rowClassName={(r) => (r.archivedAt ? 'vg-resource-archived' : '')}
      onRow={(r) =>
        ({
          'data-testid': 'resource-row',
          'data-id': r.id,
          onClick: () => props.onOpen(r),
          style: { cursor: 'pointer' },
        }) as React.HTMLAttributes<HTMLElement>
      }
      data-testid="resource-table"
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchResources, RESOURCES_KEY } from './resources.api';

/** Picks a warehouse by name (searched on the server), optionally excluding one. Works as an antd form control. */
export function WarehouseSelect(props: { value?: string; onChange?: (v: string | undefined) => void; exclude?: string; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [...RESOURCES_KEY, 'warehouse', 'pick', q],
    queryFn: () => fetchResources('warehouse', { q: q || undefined, limit: 20, sort: 'name', order: 'asc' }),
    staleTime: 30_000,
  });
  const options = (list.data?.items ?? [])
    .filter((w) => w.id !== props.exclude)
    .map((w) => ({ value: w.id, label: `${w.name}（${w.orgName}）` }));
  return (
    <Select
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={options}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={list.isFetching}
      allowClear
      placeholder={t('stock.pickWarehouse')}
      notFoundContent={list.isFetching ? undefined : t('stock.noWarehouse')}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

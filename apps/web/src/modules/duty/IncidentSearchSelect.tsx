import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { fetchIncidents } from '../incidents/incidents.api';

/** Picks an incident by typing part of its title (latest ones offered before typing); an antd form control. */
export function IncidentSearchSelect(props: { value?: string; onChange?: (v: string | undefined) => void; testId?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['incidents', 'pick', q],
    queryFn: () => fetchIncidents({ q: q.trim() || undefined, limit: 20 }),
    staleTime: 10_000,
  });
  return (
    <Select
      allowClear
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      placeholder={t('duty.linkIncident')}
      options={(found.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.title}（${formatBeijing(i.receivedAt, false)}）` }))}
      data-testid={props.testId}
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import type { DutyBoardDto } from '@vigil/shared';
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { http } from '../../lib/api';
import { COMMAND_KEY, fetchActiveUsers } from './command.api';

/**
 * People to pick, as select options: the user themself, who is on duty now (`duty.read`, as the
 * instruction dialog does) and, with `user.read`, every active user.
 */
export function useUserOptions() {
  const me = useMe();
  const board = useQuery({
    queryKey: [...COMMAND_KEY, 'duty-people'],
    queryFn: () => http.get<DutyBoardDto>('/duty/now'),
    enabled: can(me.data, 'duty.read'),
    staleTime: 60_000,
    meta: { silent: true },
  });
  const q = useQuery({
    queryKey: [...COMMAND_KEY, 'users'],
    queryFn: fetchActiveUsers,
    enabled: can(me.data, 'user.read'),
    staleTime: 60_000,
    meta: { silent: true },
  });
  const self = me.data;
  const options = useMemo(() => {
    const out = new Map<string, string>();
    if (self) out.set(self.user.id, `${self.user.displayName}（${self.org.name}）`);
    for (const e of board.data?.items ?? [])
      for (const p of [...(e.leader ? [e.leader] : []), ...e.officers]) if (p.userId) out.set(p.userId, `${p.name}（${e.orgName}）`);
    for (const u of q.data ?? []) out.set(u.id, `${u.displayName}（${u.orgName}）`);
    return [...out].map(([value, label]) => ({ value, label }));
  }, [self, board.data, q.data]);
  return { options, loading: q.isFetching || board.isFetching };
}

/** Picks one active user; works as an antd form control. */
export function UserSelect(props: { value?: string; onChange?: (v: string | undefined) => void; testId?: string }) {
  const { t } = useTranslation();
  const { options, loading } = useUserOptions();
  return (
    <Select
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      notFoundContent={t('command.noUsers')}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

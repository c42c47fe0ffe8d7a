import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentCursor, FIRST_PAGE } from '../../../lib/cursor-pages';
import { useRealtime } from '../../../lib/useRealtime';
import { CursorPager } from '../../../ui/CursorPager';
import { PageHeader } from '../../../ui/PageHeader';
import { AlarmFilterBar } from './AlarmFilterBar';
import { AlarmsTable } from './AlarmsTable';
import { toAlarmFilters, type AlarmFilterValues } from './alarm-filters';
import { ALARMS_KEY, fetchAlarms, type AlarmFilters } from './alarms.api';

const OPEN: AlarmFilterValues = { status: ['active', 'acknowledged', 'cleared'] };

/** 报警管理: open alarms by default; filter, page, open one. Refreshes live on alarm events. */
export default function AlarmsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<AlarmFilters>(toAlarmFilters(OPEN));
  const [pages, setPages] = useState(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...ALARMS_KEY, 'list', filters, limit, cursor],
    queryFn: () => fetchAlarms({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime('alarms', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: [...ALARMS_KEY, 'list'] });
    }, 1000);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  return (
    <div data-testid="alarms-page">
      <PageHeader title={t('alarms.title')} />
      <Card size="small">
        <AlarmFilterBar
          initial={OPEN}
          onSearch={(v) => {
            setFilters(toAlarmFilters(v));
            setPages(FIRST_PAGE);
          }}
        />
        <AlarmsTable items={list.data?.items ?? []} loading={list.isFetching} />
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
    </div>
  );
}

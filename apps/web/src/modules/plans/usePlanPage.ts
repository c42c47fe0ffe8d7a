import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { currentCursor, FIRST_PAGE, type CursorPages } from '../../lib/cursor-pages';
import { useRealtime } from '../../lib/useRealtime';
import type { PlanFilters } from './plan-form';
import { fetchPlans, PLANS_KEY } from './plans.api';

/** One page of plans for the filters, with cursor paging; refreshes (once per burst) on plan events. */
export function usePlanPage(filters: PlanFilters) {
  const qc = useQueryClient();
  const [pages, setPages] = useState<CursorPages>(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...PLANS_KEY, 'list', filters, limit, cursor],
    queryFn: () => fetchPlans({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => setPages(FIRST_PAGE), [filters]);

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime('plans', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: [...PLANS_KEY, 'list'] });
    }, 500);
  });
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  return {
    list,
    pager: {
      pages,
      onPages: setPages,
      nextCursor: list.data?.nextCursor,
      total: list.data?.total,
      limit,
      onLimit: (n: number) => {
        setLimit(n);
        setPages(FIRST_PAGE);
      },
      loading: list.isFetching,
    },
  };
}

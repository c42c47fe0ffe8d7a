import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { currentCursor, FIRST_PAGE, type CursorPages } from '../../lib/cursor-pages';
import { useRealtime } from '../../lib/useRealtime';
import type { WarningFilters } from './warning-filters';
import { fetchWarnings, WARNINGS_KEY } from './warnings.api';

/** One page of warnings for the filters, with cursor paging; refreshes (once per burst) on warning events. */
export function useWarningPage(filters: WarningFilters) {
  const qc = useQueryClient();
  const [pages, setPages] = useState<CursorPages>(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...WARNINGS_KEY, 'list', filters, limit, cursor],
    queryFn: () => fetchWarnings({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => setPages(FIRST_PAGE), [filters]);

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime('warnings', () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: [...WARNINGS_KEY, 'list'] });
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

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { currentCursor, FIRST_PAGE, type CursorPages } from './cursor-pages';
import { useRealtime } from './useRealtime';

interface CursorPage {
  nextCursor: string | null;
  total: number;
}

/**
 * One page of a cursor-paged list for the filters, refreshed (once per burst of events) when the
 * realtime `topic` reports a change; the pager state for `CursorPager`. Filters changing go back
 * to the first page.
 */
export function useLivePage<F, P extends CursorPage>(opts: {
  /** The list's query key prefix (its module's key). */
  queryKey: readonly unknown[];
  topic: string;
  filters: F;
  fetch: (q: F & { limit: number; cursor: string | undefined }) => Promise<P>;
}) {
  const { queryKey, topic, filters, fetch } = opts;
  const qc = useQueryClient();
  const [pages, setPages] = useState<CursorPages>(FIRST_PAGE);
  const [limit, setLimit] = useState(20);
  const cursor = currentCursor(pages);
  const list = useQuery({
    queryKey: [...queryKey, 'list', filters, limit, cursor],
    queryFn: () => fetch({ ...filters, limit, cursor }),
    placeholderData: keepPreviousData,
  });
  useEffect(() => setPages(FIRST_PAGE), [filters]);

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime(topic, () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void qc.invalidateQueries({ queryKey: [...queryKey, 'list'] });
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

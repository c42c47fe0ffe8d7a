import { useLivePage } from '../../lib/useLivePage';
import type { WarningFilters } from './warning-filters';
import { fetchWarnings, WARNINGS_KEY } from './warnings.api';

/** One page of warnings for the filters, with cursor paging; refreshes (once per burst) on warning events. */
export function useWarningPage(filters: WarningFilters) {
  return useLivePage({ queryKey: WARNINGS_KEY, topic: 'warnings', filters, fetch: fetchWarnings });
}

import { useLivePage } from '../../lib/useLivePage';
import type { PlanFilters } from './plan-form';
import { fetchPlans, PLANS_KEY } from './plans.api';

/** One page of plans for the filters, with cursor paging; refreshes (once per burst) on plan events. */
export function usePlanPage(filters: PlanFilters) {
  return useLivePage({ queryKey: PLANS_KEY, topic: 'plans', filters, fetch: fetchPlans });
}

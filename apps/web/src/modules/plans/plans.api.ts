import { useQuery } from '@tanstack/react-query';
import type { PageOf, PlanDiffDto, PlanDto, PlanMatchResultDto, WarningColour } from '@vigil/shared';
import { download, http } from '../../lib/api';
import type { PlanFilters, PlanRequest } from './plan-form';

export const PLANS_KEY = ['plans'] as const;
export const planKey = (id: string) => [...PLANS_KEY, 'one', id] as const;

export const fetchPlans = (f: PlanFilters & { limit: number; cursor?: string }) => http.get<PageOf<PlanDto>>('/plans', { ...f });
export const fetchPlan = (id: string) => http.get<PlanDto>(`/plans/${id}`);
export const createPlan = (body: PlanRequest & { orgId?: string }) => http.post<PlanDto>('/plans', body);
export const updatePlan = (id: string, body: PlanRequest & { revision: number }) => http.put<PlanDto>(`/plans/${id}`, body);
export const fetchPlanVersions = (id: string) => http.get<{ items: PlanDto[] }>(`/plans/${id}/versions`).then((r) => r.items);
export const fetchPlanDiff = (id: string, against: string) => http.get<PlanDiffDto>(`/plans/${id}/diff`, { against });
export const fetchPlanMatch = (incidentId: string, warningColour?: WarningColour) =>
  http.get<PlanMatchResultDto>('/plans/match', { incidentId, warningColour });

export const submitPlan = (id: string, revision: number) => http.post<PlanDto>(`/plans/${id}/submit`, { revision });
export const approvePlan = (id: string, revision: number, note?: string) =>
  http.post<PlanDto>(`/plans/${id}/approve`, note ? { revision, note } : { revision });
export const rejectPlan = (id: string, revision: number, reason: string) => http.post<PlanDto>(`/plans/${id}/reject`, { revision, reason });
export const activatePlan = (id: string, revision: number) => http.post<PlanDto>(`/plans/${id}/activate`, { revision });
export const retirePlan = (id: string, revision: number) => http.post<PlanDto>(`/plans/${id}/retire`, { revision });
export const newPlanVersion = (id: string) => http.post<PlanDto>(`/plans/${id}/versions`);

export const importPlanFile = (file: File) => http.upload<PlanDto>('/plans/import', file, file.name);
export const exportPlan = (p: Pick<PlanDto, 'id' | 'name' | 'versionNo'>, format: 'json' | 'xlsx') =>
  download(`/plans/${p.id}/export.${format}`, {}, `${p.name}-v${p.versionNo}.${format}`);

/** One plan version with the user's abilities. */
export function usePlan(id: string, enabled = true) {
  return useQuery({ queryKey: planKey(id), queryFn: () => fetchPlan(id), enabled: enabled && !!id, meta: { silent: true } });
}

/** Every version of the plan, newest first. */
export function usePlanVersions(id: string) {
  return useQuery({ queryKey: [...PLANS_KEY, 'versions', id], queryFn: () => fetchPlanVersions(id), enabled: !!id });
}

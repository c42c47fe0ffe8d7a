import { useQuery } from '@tanstack/react-query';
import type { CreateOrgInput, OrgDto, UpdateOrgInput } from '@vigil/shared';
import { http } from '../../lib/api';

export const ORGS_KEY = ['orgs'] as const;

/** All orgs the user can see, flat and ordered by path. */
export const fetchOrgs = () => http.get<{ items: OrgDto[] }>('/orgs').then((r) => r.items);
export const createOrg = (input: CreateOrgInput) => http.post<OrgDto>('/orgs', input);
export const updateOrg = (id: string, input: UpdateOrgInput) => http.patch<OrgDto>(`/orgs/${id}`, input);

/** The org list, cached for the pages that pick orgs (users, role scopes). */
export function useOrgs(enabled = true) {
  return useQuery({ queryKey: ORGS_KEY, queryFn: fetchOrgs, staleTime: 60_000, enabled });
}

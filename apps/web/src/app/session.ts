import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { LoginResult, MeDto } from '@vigil/shared';
import { ApiError } from '../lib/api-error';
import { api, setCsrfToken } from '../lib/api';

export const ME_KEY = ['me'] as const;

/** Loads the signed-in user (in any login stage); null when nobody is signed in. */
export async function fetchMe(): Promise<MeDto | null> {
  try {
    const me = await api<MeDto>('/me', { allow401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** The current user, shared by the layout, the header and the pages. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 60_000 });
}

/** Records the outcome of a login step: keeps its CSRF token and forgets the cached user. */
export async function afterLoginStep(qc: QueryClient, r: LoginResult): Promise<void> {
  setCsrfToken(r.csrfToken);
  await qc.invalidateQueries({ queryKey: ME_KEY });
}

/** Whether the user holds a permission (anywhere in their scope). */
export function can(me: MeDto | null | undefined, permission: string): boolean {
  return !!me?.permissions.includes(permission);
}

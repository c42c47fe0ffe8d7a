import { useQuery } from '@tanstack/react-query';
import type { CreateUserInput, PageOf, RoleDto, SetUserRolesInput, UpdateUserInput, UserDto } from '@vigil/shared';
import { http } from '../../lib/api';

export const USERS_KEY = ['users'] as const;
export const ROLES_KEY = ['roles'] as const;

export interface UserFilters {
  q?: string;
  orgId?: string;
  status?: 'active' | 'disabled';
  roleId?: string;
}

/** The result of creating a user or resetting their password: the temporary password, shown once. */
export interface TemporaryPassword {
  user: UserDto;
  temporaryPassword: string;
}

export const fetchUsers = (f: UserFilters & { limit: number; cursor?: string }) => http.get<PageOf<UserDto>>('/users', { ...f });
export const createUser = (input: CreateUserInput) => http.post<TemporaryPassword>('/users', input);
export const updateUser = (id: string, input: UpdateUserInput) => http.patch<UserDto>(`/users/${id}`, input);
export const resetPassword = (id: string) => http.post<TemporaryPassword>(`/users/${id}/reset-password`);
export const setUserRoles = (id: string, input: SetUserRolesInput) => http.put<UserDto>(`/users/${id}/roles`, input);
export const unlockUser = (id: string) => http.post<unknown>(`/security/users/${id}/unlock`);

/** All roles (built-in and custom). */
export const fetchRoles = () => http.get<{ items: RoleDto[] }>('/roles').then((r) => r.items);

/** The role list, cached for the pickers. */
export function useRoles(enabled = true) {
  return useQuery({ queryKey: ROLES_KEY, queryFn: fetchRoles, staleTime: 60_000, enabled });
}

/** A role's name in the UI language. */
export function roleName(r: Pick<RoleDto, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? r.nameEn : r.nameZh;
}

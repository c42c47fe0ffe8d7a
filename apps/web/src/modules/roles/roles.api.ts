import type { RoleDto, UpsertRoleInput } from '@vigil/shared';
import { http } from '../../lib/api';

export const createRole = (input: UpsertRoleInput) => http.post<RoleDto>('/roles', input);
export const updateRole = (id: string, input: UpsertRoleInput) => http.put<RoleDto>(`/roles/${id}`, input);
export const deleteRole = (id: string) => http.del(`/roles/${id}`);

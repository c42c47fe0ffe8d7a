import type { InstallationDto, InstallationInput, InstallationPatch, PageOf } from '@vigil/shared';
import { http, type Query } from '../../../lib/api';

export const INSTALLATIONS_KEY = ['monitoring', 'installations'] as const;

export const fetchInstallations = (q: Query) => http.get<PageOf<InstallationDto>>('/monitoring/installations', q);
export const fetchInstallation = (id: string) => http.get<InstallationDto>(`/monitoring/installations/${id}`);
export const createInstallation = (input: InstallationInput) => http.post<InstallationDto>('/monitoring/installations', input);
export const updateInstallation = (id: string, patch: InstallationPatch) =>
  http.put<InstallationDto>(`/monitoring/installations/${id}`, patch);
export const archiveInstallation = (id: string, reason: string) =>
  http.post<InstallationDto>(`/monitoring/installations/${id}/archive`, { reason });

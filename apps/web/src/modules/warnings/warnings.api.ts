import { useQuery } from '@tanstack/react-query';
import type {
  ImportOutcome,
  PageOf,
  SignatureStatus,
  WarningColour,
  WarningDto,
  WarningFeedDto,
  WarningFeedInput,
  WarningImportResultDto,
  WarningSource,
  WarningTypeDto,
} from '@vigil/shared';
import { http } from '../../lib/api';
import { versionChain } from './warning-actions';
import type { WarningFilters } from './warning-filters';
import type { WarningRequest } from './warning-form';

export const WARNINGS_KEY = ['warnings'] as const;
export const warningKey = (id: string) => [...WARNINGS_KEY, 'one', id] as const;
export const FEEDS_KEY = [...WARNINGS_KEY, 'feeds'] as const;
export const IMPORTS_KEY = [...WARNINGS_KEY, 'imports'] as const;
export const WARNING_MAP_KEY = [...WARNINGS_KEY, 'map'] as const;

/** One row of the import log (`GET /warnings/imports`). */
export interface ImportLogEntry {
  id: string;
  feedId: string | null;
  outcome: ImportOutcome;
  identifier: string | null;
  sender: string | null;
  msgType: string | null;
  signatureStatus: SignatureStatus | null;
  warningId: string | null;
  error: string | null;
  receivedAt: string;
  lastSeenAt: string;
}

/** Properties of a feature of `GET /warnings/map`. */
export interface WarningMapProps {
  id: string;
  identifier: string | null;
  source: WarningSource;
  colour: WarningColour | null;
  typeCode: string;
  typeName: string;
  headline: string;
  sender: string | null;
  expires: string | null;
  signatureStatus: SignatureStatus | null;
}

export interface WarningMapCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: string; geometry: unknown; properties: WarningMapProps }[];
}

export const fetchWarnings = (f: WarningFilters & { limit: number; cursor?: string }) =>
  http.get<PageOf<WarningDto>>('/warnings', { ...f });
export const fetchWarning = (id: string) => http.get<WarningDto>(`/warnings/${id}`);
export const createWarning = (body: WarningRequest) => http.post<WarningDto>('/warnings', body);
export const updateWarning = (id: string, body: WarningRequest & { version: number }) => http.put<WarningDto>(`/warnings/${id}`, body);
export const submitWarning = (id: string) => http.post<WarningDto>(`/warnings/${id}/submit`);
export const approveWarning = (id: string, body: { note?: string; publish?: boolean }) =>
  http.post<WarningDto>(`/warnings/${id}/approve`, body);
export const rejectWarning = (id: string, reason: string) => http.post<WarningDto>(`/warnings/${id}/reject`, { reason });
export const publishWarning = (id: string) => http.post<WarningDto>(`/warnings/${id}/publish`);
export const cancelWarning = (id: string, reason: string) => http.post<WarningDto>(`/warnings/${id}/cancel`, { reason });
export const reviseWarning = (id: string) => http.post<WarningDto>(`/warnings/${id}/revise`);
export const fetchWarningMap = () => http.get<WarningMapCollection>('/warnings/map');

/** The versions behind a warning (it first), following `previousId`; a version the user may not see ends the chain. */
export const fetchVersions = (w: WarningDto) => versionChain(w, (id) => fetchWarning(id).catch(() => null));

export const fetchFeeds = () => http.get<{ items: WarningFeedDto[] }>('/warnings/feeds').then((r) => r.items);
export const createFeed = (body: WarningFeedInput) => http.post<WarningFeedDto>('/warnings/feeds', body);
export const updateFeed = (id: string, body: WarningFeedInput) => http.put<WarningFeedDto>(`/warnings/feeds/${id}`, body);
export const deleteFeed = (id: string) => http.del(`/warnings/feeds/${id}`);
export const pollFeed = (id: string) => http.post<WarningFeedDto & { results: WarningImportResultDto[] }>(`/warnings/feeds/${id}/poll`);
export const fetchImportLog = (feedId?: string) =>
  http.get<{ items: ImportLogEntry[] }>('/warnings/imports', { feedId, limit: 100 }).then((r) => r.items);
export const importWarningFile = (file: File) => http.upload<WarningImportResultDto>('/warnings/import', file, file.name);

/** Warning types with their colours and 防御指南 (a code table: loaded once). */
export function useWarningTypes() {
  return useQuery({
    queryKey: [...WARNINGS_KEY, 'types'],
    queryFn: () => http.get<{ items: WarningTypeDto[] }>('/warnings/types').then((r) => r.items),
    staleTime: Infinity,
  });
}

/** One warning with the user's abilities. */
export function useWarning(id: string, enabled = true) {
  return useQuery({ queryKey: warningKey(id), queryFn: () => fetchWarning(id), enabled: enabled && !!id, meta: { silent: true } });
}

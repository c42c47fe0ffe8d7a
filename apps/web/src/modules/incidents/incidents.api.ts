import type {
  CodeNodeDto,
  CreateIncidentInput,
  DivisionDto,
  IncidentAttachmentDto,
  IncidentDto,
  IncidentTimelineEntryDto,
  PageOf,
  UpdateIncidentInput,
} from '@vigil/shared';
import { useQuery } from '@tanstack/react-query';
import { download, http } from '../../lib/api';
import { beijingDate } from '../../lib/time';
import type { IncidentFilters } from './incident-format';

export const INCIDENTS_KEY = ['incidents'] as const;
export const incidentKey = (id: string) => [...INCIDENTS_KEY, 'one', id] as const;

/** The Quanzhou city division: its counties are the county filter's choices. */
export const QUANZHOU_CODE = '350500';

/** Properties of a point of `GET /incidents.geojson`. */
export interface IncidentPointProps {
  id: string;
  title: string;
  eventType: string;
  eventTypeName: string;
  category: string;
  grade: number | null;
  status: string;
  orgName: string;
  receivedAt: string;
  hasDuplicateHint: boolean;
  outOfJurisdiction: boolean;
}

export interface IncidentFeatureCollection {
  type: 'FeatureCollection';
  truncated: boolean;
  features: { type: 'Feature'; id: string; geometry: { type: 'Point'; coordinates: [number, number] }; properties: IncidentPointProps }[];
}

export const fetchIncidents = (f: IncidentFilters & { limit: number; cursor?: string }) =>
  http.get<PageOf<IncidentDto>>('/incidents', { ...f });
export const fetchIncidentPoints = (f: IncidentFilters) => http.get<IncidentFeatureCollection>('/incidents.geojson', { ...f });
export const fetchIncident = (id: string) => http.get<IncidentDto>(`/incidents/${id}`);
export const fetchTimeline = (id: string, cursor?: string) =>
  http.get<PageOf<IncidentTimelineEntryDto>>(`/incidents/${id}/timeline`, { limit: 200, cursor });
export const createIncident = (input: CreateIncidentInput) => http.post<IncidentDto>('/incidents', input);
export const updateIncident = (id: string, input: UpdateIncidentInput) => http.patch<IncidentDto>(`/incidents/${id}`, input);
export const changeStatus = (id: string, body: { status: string; reason?: string; version: number }) =>
  http.post<IncidentDto>(`/incidents/${id}/status`, body);
export const mergeIncident = (id: string, body: { intoId: string; reason: string; version: number }) =>
  http.post<IncidentDto>(`/incidents/${id}/merge`, body);
export const overrideGrade = (id: string, body: { grade: number; reason: string; version: number }) =>
  http.post<IncidentDto>(`/incidents/${id}/grade`, body);

/** Downloads the filtered incidents as an Excel file. */
export const exportIncidents = (f: IncidentFilters) =>
  download('/incidents/export', { ...f, format: 'xlsx' }, `incidents-${beijingDate(new Date())}.xlsx`);

export const fetchAttachments = (id: string) =>
  http.get<{ items: IncidentAttachmentDto[] }>(`/incidents/${id}/attachments`).then((r) => r.items);
export const uploadAttachment = (id: string, file: File) =>
  http.upload<IncidentAttachmentDto>(`/incidents/${id}/attachments`, file, file.name);
export const deleteAttachment = (id: string, attId: string) => http.del(`/incidents/${id}/attachments/${attId}`);
export const downloadAttachment = (a: IncidentAttachmentDto) => download(`/incidents/${a.incidentId}/attachments/${a.id}`, {}, a.fileName);

/** One level of the event code tree (`parent` undefined = the top), or a search across it. */
export const fetchEventCodes = (q: { parent?: string; q?: string }) =>
  http.get<{ items: CodeNodeDto[] }>('/codes', { family: 'event', ...q }).then((r) => r.items);

/** Quanzhou's counties, for the county filter. */
export function useCounties() {
  return useQuery({
    queryKey: ['regions', QUANZHOU_CODE],
    queryFn: () => http.get<{ items: DivisionDto[] }>('/regions', { parent: QUANZHOU_CODE }).then((r) => r.items),
    staleTime: Infinity,
  });
}

import type {
  AddParticipantInput,
  ConsultAttachmentDto,
  ConsultDecisionDto,
  ConsultDecisionPage,
  ConsultMessageDto,
  ConsultMessagePage,
  ConsultParticipantDto,
  CreatePlotFeatureInput,
  PageOf,
  PlotFeatureDto,
  PlotLayerDto,
  ResourceDto,
  UpdatePlotFeatureInput,
  UserDto,
} from '@vigil/shared';
import { api, http } from '../../lib/api';

export const CONSULT_KEY = ['consult'] as const;
export const messagesKey = (incidentId: string) => [...CONSULT_KEY, 'messages', incidentId] as const;
export const decisionsKey = (incidentId: string) => [...CONSULT_KEY, 'decisions', incidentId] as const;
export const plotKey = (incidentId: string) => [...CONSULT_KEY, 'plot', incidentId] as const;

const base = (incidentId: string) => `/incidents/${incidentId}/consult`;

export const fetchMessages = (incidentId: string, cursor?: string) =>
  http.get<ConsultMessagePage>(`${base(incidentId)}/messages`, { limit: 50, cursor });
export const postMessage = (incidentId: string, body: { body: string; mentions?: string[]; attachmentIds?: string[] }) =>
  http.post<ConsultMessageDto>(`${base(incidentId)}/messages`, body);
/** Uploads a file for the next message (multipart, field `file`); send its id in `attachmentIds`. */
export const uploadConsultFile = (incidentId: string, file: File) =>
  http.upload<ConsultAttachmentDto>(`${base(incidentId)}/attachments`, file, file.name);
export const fetchDecisions = (incidentId: string) => http.get<ConsultDecisionPage>(`${base(incidentId)}/decisions`, { limit: 50 });
export const recordDecision = (incidentId: string, summary: string) =>
  http.post<ConsultDecisionDto>(`${base(incidentId)}/decisions`, { summary });

export const fetchPlot = (incidentId: string) => http.get<PlotLayerDto>(`/incidents/${incidentId}/plot`);
export const createFeature = (incidentId: string, body: CreatePlotFeatureInput) =>
  http.post<PlotFeatureDto>(`/incidents/${incidentId}/plot/features`, body);
export const updateFeature = (incidentId: string, id: string, body: UpdatePlotFeatureInput) =>
  http.patch<PlotFeatureDto>(`/incidents/${incidentId}/plot/features/${id}`, body);
export const deleteFeature = (incidentId: string, id: string, version: number) =>
  api<void>(`/incidents/${incidentId}/plot/features/${id}`, { method: 'DELETE', query: { version } });

/** Active users to @mention (needs `user.read`; without it the picker stays empty). */
export const fetchMentionable = () => http.get<PageOf<UserDto>>('/users', { limit: 500, status: 'active' }).then((r) => r.items);

export const participantsKey = (incidentId: string) => [...CONSULT_KEY, 'participants', incidentId] as const;
export const fetchParticipants = (incidentId: string) =>
  http.get<{ items: ConsultParticipantDto[] }>(`${base(incidentId)}/participants`).then((r) => r.items);
export const addParticipant = (incidentId: string, body: AddParticipantInput) =>
  http.post<{ items: ConsultParticipantDto[] }>(`${base(incidentId)}/participants`, body);
export const removeParticipant = (incidentId: string, participantId: string) =>
  http.del<{ items: ConsultParticipantDto[] }>(`${base(incidentId)}/participants/${participantId}`);
/** Experts of the resources registry to invite (needs `resource.read`). */
export const fetchExperts = () => http.get<PageOf<ResourceDto>>('/resources/expert', { limit: 200 }).then((r) => r.items);

import type {
  CreateTrackerInput,
  LiveUnitsDto,
  MyPositionInput,
  PositionsAccepted,
  TrackDto,
  TrackerDto,
  TrackerPage,
  TrackerSecretDto,
  TrackRefusalPage,
  UpdateTrackerInput,
} from '@vigil/shared';
import { http } from '../../lib/api';

export const TRACKING_KEY = ['tracking'] as const;
export const unitsKey = [...TRACKING_KEY, 'units'] as const;
export const trackKey = (trackerId: string) => [...TRACKING_KEY, 'track', trackerId] as const;

export const fetchUnits = (withinHours = 24) => http.get<LiveUnitsDto>('/tracking/units', { withinHours });
export const fetchTrack = (trackerId: string, from?: string) =>
  http.get<TrackDto>(`/tracking/trackers/${trackerId}/track`, from ? { from } : undefined);
export const fetchTrackers = (q: { q?: string; subjectKind?: string; status?: string; stale?: string; limit: number; cursor?: string }) =>
  http.get<TrackerPage>('/tracking/trackers', q);
export const createTracker = (body: CreateTrackerInput) => http.post<TrackerSecretDto>('/tracking/trackers', body);
export const updateTracker = (id: string, body: UpdateTrackerInput) => http.patch<TrackerDto>(`/tracking/trackers/${id}`, body);
export const rotateTrackerSecret = (id: string) => http.post<TrackerSecretDto>(`/tracking/trackers/${id}/secret`);
export const fetchRefusals = (q: { trackerId?: string; limit: number; cursor?: string }) =>
  http.get<TrackRefusalPage>('/tracking/refusals', q);
export const shareMyPosition = (body: MyPositionInput) => http.post<PositionsAccepted>('/tracking/me', body);

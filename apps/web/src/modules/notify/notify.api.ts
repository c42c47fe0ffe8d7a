import type {
  ChannelStatusDto,
  CreateSubscriberInput,
  DeliveryDto,
  DeliveryStatus,
  DeliverySummaryDto,
  NotifyChannel,
  PageOf,
  SubscriberChannel,
  SubscriberDto,
  SubscriberSavedDto,
  UpdateSubscriberInput,
} from '@vigil/shared';
import { http } from '../../lib/api';

export const NOTIFY_KEY = ['notify'] as const;
export const deliveriesKey = (sourceKind: string, sourceId: string) => [...NOTIFY_KEY, 'deliveries', sourceKind, sourceId] as const;
export const SUBSCRIBERS_KEY = [...NOTIFY_KEY, 'subscribers'] as const;

export interface DeliveryFilters {
  status?: DeliveryStatus;
  channel?: NotifyChannel;
}

export const fetchDeliveries = (sourceKind: string, sourceId: string, f: DeliveryFilters & { limit: number; cursor?: string }) =>
  http.get<PageOf<DeliveryDto>>('/notify/deliveries', { sourceKind, sourceId, ...f });
export const fetchSummary = (sourceKind: string, sourceId: string) =>
  http.get<DeliverySummaryDto>('/notify/summary', { sourceKind, sourceId });
export const retryDelivery = (id: string) => http.post<DeliveryDto>(`/notify/deliveries/${id}/retry`);
export const fetchChannels = () => http.get<{ items: ChannelStatusDto[] }>('/notify/channels').then((r) => r.items);

export const fetchSubscribers = (f: { channel?: SubscriberChannel; q?: string; limit: number; cursor?: string }) =>
  http.get<PageOf<SubscriberDto>>('/notify/subscribers', f);
export const createSubscriber = (body: CreateSubscriberInput) => http.post<SubscriberSavedDto>('/notify/subscribers', body);
export const updateSubscriber = (id: string, body: UpdateSubscriberInput) =>
  http.put<SubscriberSavedDto>(`/notify/subscribers/${id}`, body);
export const deleteSubscriber = (id: string) => http.del(`/notify/subscribers/${id}`);

/** The headline of the warning whose deliveries are shown (null when the reader may not see it). */
export const fetchWarningHeadline = (id: string) =>
  http.get<{ headline: string; status: string }>(`/warnings/${id}`).then(
    (w) => w.headline,
    () => null,
  );

import type { NotificationDto, PageOf, UnreadCountDto } from '@vigil/shared';
import { http } from '../../lib/api';

export type { NotificationDto };

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** Number of unread notifications of the signed-in user. */
export async function fetchUnreadCount(): Promise<number> {
  const r = await http.get<UnreadCountDto>('/notifications/unread-count');
  return r.count;
}

/** The latest notifications, newest first. */
export function fetchLatest(limit = 10): Promise<PageOf<NotificationDto>> {
  return http.get<PageOf<NotificationDto>>('/notifications', { limit });
}

export const markRead = (id: string) => http.post<unknown>(`/notifications/${id}/read`);
export const markAllRead = () => http.post<unknown>('/notifications/read-all');

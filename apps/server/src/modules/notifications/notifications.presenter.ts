import type { NotificationDto } from '@vigil/shared';
import type { Selectable } from 'kysely';
import type { NotificationTable } from '../../platform/db/schema.js';

export type NotificationRow = Selectable<NotificationTable>;

/** Notification row → API shape. */
export function presentNotification(r: NotificationRow): NotificationDto {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    link: r.link,
    severity: r.severity,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

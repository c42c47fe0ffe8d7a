import { z } from 'zod';

export const NotificationSeverity = z.enum(['info', 'warning', 'critical']);
export type NotificationSeverity = z.infer<typeof NotificationSeverity>;

export const NotificationDto = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string().nullable(),
  /** An in-app path (`/incidents/…`), never an external URL. */
  link: z.string().nullable(),
  severity: NotificationSeverity,
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof NotificationDto>;

/** `GET /notifications` query; `unread=true` lists only unread ones. Cursor is opaque. */
export const NotificationQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const UnreadCountDto = z.object({ count: z.number().int() });
export type UnreadCountDto = z.infer<typeof UnreadCountDto>;

export const ReadAllResultDto = z.object({ updated: z.number().int() });
export type ReadAllResultDto = z.infer<typeof ReadAllResultDto>;

export const NOTIFICATION_EVENTS = { created: 'notification.created' } as const;

/** Payload of `notification.created` (topic `notifications`); pushed only to the recipients. */
export interface NotificationCreatedPayload {
  recipientUserIds: string[];
  title: string;
  body: string | null;
  link: string | null;
  severity: NotificationSeverity;
}

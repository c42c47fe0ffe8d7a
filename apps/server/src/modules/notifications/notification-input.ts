import { isPermission, NotificationSeverity, type Permission } from '@vigil/shared';
import { z } from 'zod';

/** What `notify()` accepts from other modules; at least one way of choosing recipients. */
export const NotifyInput = z
  .object({
    /** These users (inactive ones are skipped). */
    userIds: z.array(z.uuid()).max(5000).optional(),
    /** With `permission`: everyone holding it for this org; alone: the org's own members. */
    orgId: z.uuid().optional(),
    /** Without `orgId`: everyone holding it for the acting user's org (anywhere for the system). */
    permission: z.custom<Permission>((v) => typeof v === 'string' && isPermission(v), '未知权限').optional(),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().max(2000).nullish(),
    /** An in-app path such as `/incidents/…`; external URLs are refused. */
    link: z
      .string()
      .max(500)
      .regex(/^\/(?![/\\])/, '链接必须是站内路径')
      .nullish(),
    severity: NotificationSeverity,
  })
  .strict()
  .refine((v) => Boolean(v.userIds?.length || v.orgId || v.permission), { message: '未指定接收人', path: ['userIds'] });
export type NotifyInput = z.input<typeof NotifyInput>;

/** Opaque list cursor: the last item's creation time and id. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; null when it is not one. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !z.uuid().safeParse(id).success) return null;
  const createdAt = new Date(at);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
}

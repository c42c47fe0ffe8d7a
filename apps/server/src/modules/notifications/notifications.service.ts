import {
  NOTIFICATION_EVENTS,
  type NotificationCreatedPayload,
  type NotificationDto,
  type NotificationQuery,
  type PageOf,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { findOrg } from '../orgs/index.js';
import { decodeCursor, encodeCursor, NotifyInput } from './notification-input.js';
import { presentNotification } from './notifications.presenter.js';
import * as repo from './notifications.repository.js';

const TOPIC = 'notifications';

function signedInUser(ctx: Ctx): string {
  if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
  return ctx.actor.userId;
}

async function recipientsOf(ctx: Ctx, input: ReturnType<typeof NotifyInput.parse>): Promise<string[]> {
  const ids = new Set(await repo.activeUsers(ctx.tx, input.userIds ?? []));
  if (input.orgId) {
    const org = (await findOrg(ctx.tx, input.orgId)) ?? notFound('org', input.orgId);
    const found = input.permission ? await repo.holdersOf(ctx.tx, input.permission, org.path) : await repo.orgMembers(ctx.tx, org.id);
    for (const id of found) ids.add(id);
  } else if (input.permission) {
    for (const id of await repo.holdersOf(ctx.tx, input.permission, ctx.actor.orgPath)) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * Sends an in-app notification (the header bell) inside the caller's transaction: one row per
 * resolved recipient, an audit row, and a `notification.created` event pushed live to exactly
 * those users. Returns who was notified (empty when nobody matched: nothing is written).
 */
export async function notify(ctx: Ctx, raw: NotifyInput): Promise<{ recipientUserIds: string[] }> {
  const parsed = NotifyInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    invalid(issue.path.join('.') || 'notification', issue.message);
  }
  const input = parsed.data;
  const recipientUserIds = await recipientsOf(ctx, input);
  if (recipientUserIds.length === 0) return { recipientUserIds };
  const common = { title: input.title, body: input.body ?? null, link: input.link ?? null, severity: input.severity };
  await repo.insertNotifications(
    ctx.tx,
    recipientUserIds.map((userId) => ({ id: newId(), user_id: userId, created_at: ctx.now, ...common })),
  );
  await recordAudit(ctx, {
    action: 'notification.sent',
    entity: 'notification',
    after: { title: common.title, severity: common.severity, recipients: recipientUserIds.length },
  });
  const payload: NotificationCreatedPayload = { recipientUserIds, ...common };
  await emit(ctx, NOTIFICATION_EVENTS.created, payload, { topic: TOPIC, orgPath: null });
  return { recipientUserIds };
}

/** The signed-in user's notifications, newest first. */
export async function listMyNotifications(ctx: Ctx, q: NotificationQuery): Promise<PageOf<NotificationDto>> {
  const userId = signedInUser(ctx);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !after) invalid('cursor', '游标无效');
  const unreadOnly = q.unread === 'true';
  const rows = await repo.listForUser(ctx.tx, userId, { unreadOnly, after, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentNotification),
    nextCursor: rows.length > q.limit && last ? encodeCursor(new Date(last.created_at), last.id) : null,
    total: await repo.countForUser(ctx.tx, userId, unreadOnly),
  };
}

/** How many unread notifications the signed-in user has (the bell's badge). */
export async function unreadCount(ctx: Ctx): Promise<number> {
  return repo.countForUser(ctx.tx, signedInUser(ctx), true);
}

/** Marks one of the user's own notifications read; someone else's is a (audited) 404. */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<NotificationDto> {
  const userId = signedInUser(ctx);
  const row = (await repo.findNotification(ctx.tx, id)) ?? notFound('notification', id);
  if (row.user_id !== userId) return denyOutOfScope(ctx, 'notification', id);
  if (row.read_at) return presentNotification(row);
  const updated = (await repo.markRead(ctx.tx, id, ctx.now)) ?? row;
  await recordAudit(ctx, { action: 'notification.read', entity: 'notification', entityId: id });
  await emit(ctx, 'notification.read', { recipientUserIds: [userId], ids: [id] }, { topic: TOPIC, orgPath: null });
  return presentNotification(updated);
}

/** Marks all of the user's unread notifications read. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<{ updated: number }> {
  const userId = signedInUser(ctx);
  const ids = await repo.markAllRead(ctx.tx, userId, ctx.now);
  if (ids.length > 0) {
    await recordAudit(ctx, { action: 'notification.read_all', entity: 'notification', after: { count: ids.length } });
    await emit(ctx, 'notification.read', { recipientUserIds: [userId], ids }, { topic: TOPIC, orgPath: null });
  }
  return { updated: ids.length };
}

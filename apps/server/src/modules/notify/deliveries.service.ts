import { timingSafeEqual, createHash } from 'node:crypto';
import {
  DELIVERY_STATUSES,
  NOTIFY_CHANNELS,
  NOTIFY_EVENTS,
  type ChannelCountsDto,
  type ChannelStatusDto,
  type DeliveryDto,
  type DeliveryListQuery,
  type DeliverySummaryDto,
  type DeliverySummaryQuery,
  type PageOf,
  type SmsReceiptInput,
  type SmsReceiptResultDto,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { refuse } from '../../platform/audit/audited-error.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { channelStatuses } from './channels.js';
import * as repo from './deliveries.repository.js';
import { nextDeliveryStatus } from './delivery-status.js';
import { emitNotifyEvent } from './notify.events.js';
import { canManage, canRead, deliveryScope } from './notify.policy.js';
import { presentDelivery } from './notify.presenter.js';

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) invalid('cursor', '游标无效');
  return id;
}

/** Deliveries the actor may see (of one source, or all), in creation order. */
export async function listDeliveryPage(ctx: Ctx, q: DeliveryListQuery): Promise<PageOf<DeliveryDto>> {
  const f: repo.DeliveryFilter = {
    scope: deliveryScope(ctx.actor),
    sourceKind: q.sourceKind,
    sourceId: q.sourceId,
    status: q.status,
    channel: q.channel,
  };
  const rows = await repo.listDeliveries(ctx.tx, f, q.cursor ? decodeCursor(q.cursor) : null, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => presentDelivery(ctx.actor, r)),
    nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!.id) : null,
    total: await repo.countDeliveries(ctx.tx, f),
  };
}

/** Counts by channel × status of one source's deliveries (those the actor sees), and how each channel is set up. */
export async function deliverySummary(ctx: Ctx, q: DeliverySummaryQuery): Promise<DeliverySummaryDto> {
  const counts = await repo.countByChannelStatus(ctx.tx, {
    scope: deliveryScope(ctx.actor),
    sourceKind: q.sourceKind,
    sourceId: q.sourceId,
  });
  const channels: ChannelCountsDto[] = NOTIFY_CHANNELS.flatMap((channel) => {
    const mine = counts.filter((c) => c.channel === channel);
    if (mine.length === 0) return [];
    const by = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, mine.find((c) => c.status === s)?.n ?? 0])) as Record<
      (typeof DELIVERY_STATUSES)[number],
      number
    >;
    return [{ channel, total: mine.reduce((a, c) => a + c.n, 0), ...by }];
  });
  const total = channels.reduce((a, c) => a + c.total, 0);
  return {
    sourceKind: q.sourceKind,
    sourceId: q.sourceId,
    total,
    settled: channels.every((c) => c.pending === 0 && c.sending === 0),
    channels,
    channelStatus: channelStatuses(ctx.platform),
  };
}

/** How each channel is set up on this server. */
export async function listChannelStatus(ctx: Ctx): Promise<ChannelStatusDto[]> {
  return channelStatuses(ctx.platform);
}

/** Puts a failed (or waiting) delivery back in the queue, due now, with its attempts counted afresh. */
export async function retryDelivery(ctx: Ctx, id: string): Promise<DeliveryDto> {
  const row = (await repo.lockDelivery(ctx.tx, id)) ?? notFound('发送记录', id);
  if (!canRead(ctx.actor, row.org_path)) return denyOutOfScope(ctx, 'notify_delivery', id);
  if (!canManage(ctx.actor, row.org_path)) throw new AppError('FORBIDDEN', '缺少权限 notify.manage');
  const to = nextDeliveryStatus(row.status, 'requeue');
  if (!to) conflict(row.status === 'sending' ? '正在发送中，请稍后再试' : '已发送或已送达的记录不能重发');
  const updated = await repo.updateDelivery(ctx.tx, id, {
    status: to,
    attempts: 0,
    next_attempt_at: ctx.now,
    claimed_at: null,
    failed_at: null,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: NOTIFY_EVENTS.deliveryRetried,
    entity: 'notify_delivery',
    entityId: id,
    before: { status: row.status, attempts: row.attempts, lastError: row.last_error },
    after: { status: to },
  });
  await emitNotifyEvent(
    ctx,
    NOTIFY_EVENTS.deliveryRetried,
    { deliveryId: id, sourceKind: row.source_kind, sourceId: row.source_id },
    row.org_path,
  );
  return presentDelivery(ctx.actor, updated);
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison of the gateway's bearer token with SMS_GATEWAY_TOKEN. */
function tokenMatches(given: string | null, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * A delivery receipt from the HTTP SMS gateway: the delivery becomes delivered or failed (a late
 * "delivered" wins over an earlier give-up). Refused (403, audited) without the right token.
 * Repeated receipts answer with the current status.
 */
export async function applySmsReceipt(ctx: Ctx, bearer: string | null, input: SmsReceiptInput): Promise<SmsReceiptResultDto> {
  const { config } = ctx.platform;
  if (config.SMS_ADAPTER !== 'http' || !config.SMS_GATEWAY_TOKEN || !tokenMatches(bearer, config.SMS_GATEWAY_TOKEN)) {
    refuse('FORBIDDEN', config.SMS_GATEWAY_TOKEN ? '短信网关令牌无效' : '未配置短信网关回执（SMS_ADAPTER=http 与 SMS_GATEWAY_TOKEN）', {
      action: 'access.denied',
      entity: 'route',
      entityId: 'POST /api/v1/notify/receipts/sms',
    });
  }
  const row = await repo.lockDelivery(ctx.tx, input.id);
  if (!row || row.channel !== 'sms') notFound('短信发送记录', input.id);
  const to = nextDeliveryStatus(row.status, input.status === 'delivered' ? 'receipt_delivered' : 'receipt_failed');
  if (!to) return { id: row.id, status: row.status };
  const at = input.at ? new Date(input.at) : ctx.now;
  const receipt = {
    status: input.status,
    at: at.toISOString(),
    receivedAt: ctx.now.toISOString(),
    ...(input.error ? { error: input.error } : {}),
  };
  const updated = await repo.updateDelivery(ctx.tx, row.id, {
    status: to,
    receipt: JSON.stringify({ ...(row.receipt ?? {}), ...receipt }),
    ...(to === 'delivered'
      ? { delivered_at: at, last_error: null, failed_at: null, next_attempt_at: null }
      : { failed_at: ctx.now, last_error: `短信网关回执：${input.error ?? '发送失败'}`, next_attempt_at: null }),
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'notify.receipt_received',
    entity: 'notify_delivery',
    entityId: row.id,
    before: { status: row.status },
    after: { status: to, receipt: input.status, ...(input.error ? { error: input.error } : {}) },
  });
  return { id: updated.id, status: updated.status };
}

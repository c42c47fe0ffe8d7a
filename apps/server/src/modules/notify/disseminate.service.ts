import { NOTIFY_EVENTS, NotificationSeverity, NotifyChannel, type NotifyDisseminatedPayload } from '@vigil/shared';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../notifications/index.js';
import { clip } from './addresses.js';
import * as repo from './deliveries.repository.js';
import { emitNotifyEvent } from './notify.events.js';
import type { ChannelCol } from './notify.tables.js';
import type { Recipient } from './recipients.js';

const SourceRef = z.object({
  kind: z.string().regex(/^[a-z][a-z_]{0,39}$/),
  id: z.string().regex(/^[\w.:-]{1,100}$/),
  /** The org the message is from: its deliveries are scoped to it. */
  orgId: z.uuid(),
  orgPath: z.string().min(1),
});

const Message = z.object({
  title: z.string().trim().min(1).max(200),
  /** Short text (in-app body). */
  body: z.string().max(2000).nullish(),
  /** Full text for SMS, e-mail and webhooks (appended to the body). */
  detail: z.string().max(8000).nullish(),
  /** An in-app path such as `/warnings/…`. */
  link: z
    .string()
    .max(500)
    .regex(/^\/(?![/\\])/, '链接必须是站内路径')
    .nullish(),
  severity: NotificationSeverity,
  /** Structured data for webhook receivers. */
  data: z.record(z.string(), z.unknown()).nullish(),
});

/** What `disseminate` accepts from other modules. */
export const DisseminateInput = z.object({
  source: SourceRef,
  /** One message per source and key: calling again with the same key sends nothing more. */
  key: z.string().min(1).max(100).default('default'),
  message: Message,
  channels: z.array(NotifyChannel).min(1).max(4),
  recipients: z.array(z.custom<Recipient>((v) => typeof v === 'object' && v !== null && 'addresses' in v)).max(100_000),
});
export type DisseminateInput = z.input<typeof DisseminateInput>;

export interface DisseminateResult {
  messageId: string | null;
  /** The same source and key had been disseminated before: nothing was written. */
  duplicate: boolean;
  counts: Partial<Record<NotifyChannel, number>>;
}

/** Users per in-app notification call (the notifications module's limit). */
const IN_APP_CHUNK = 5000;

interface Planned {
  channel: ChannelCol;
  address: string;
  recipient: Recipient;
}

/** One delivery per channel and address: the first recipient listed for an address keeps it. */
function plan(recipients: Recipient[], channels: readonly NotifyChannel[]): Planned[] {
  const seen = new Set<string>();
  const out: Planned[] = [];
  for (const channel of channels)
    for (const r of recipients) {
      const address = r.addresses[channel]?.trim();
      if (!address || seen.has(`${channel}\u0000${address}`)) continue;
      seen.add(`${channel}\u0000${address}`);
      out.push({ channel, address, recipient: r });
    }
  return out;
}

/**
 * Disseminates a message over the chosen channels inside the caller's transaction: one message
 * row, one delivery row per recipient and channel (durable: the worker sends them after commit,
 * with retries), the in-app ones written through the notifications module at once, an audit row
 * and a `notify.disseminated` event that wakes the worker. Idempotent per source and key.
 */
export async function disseminate(ctx: Ctx, raw: DisseminateInput): Promise<DisseminateResult> {
  const parsed = DisseminateInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    invalid(issue.path.join('.') || 'dissemination', issue.message);
  }
  const input = parsed.data;
  const m = input.message;
  const messageId = await repo.insertMessageOnce(ctx.tx, {
    id: newId(),
    source_kind: input.source.kind,
    source_id: input.source.id,
    key: input.key,
    title: m.title,
    body: m.body ?? null,
    detail: m.detail ?? null,
    link: m.link ?? null,
    severity: m.severity,
    data: m.data ? JSON.stringify(m.data) : null,
    org_id: input.source.orgId,
    org_path: input.source.orgPath,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  if (!messageId) return { messageId: null, duplicate: true, counts: {} };

  const planned = plan(input.recipients, [...new Set(input.channels)]);
  const inserted = await repo.insertDeliveries(
    ctx.tx,
    planned.map((p) => ({
      id: newId(),
      message_id: messageId,
      source_kind: input.source.kind,
      source_id: input.source.id,
      channel: p.channel,
      recipient_kind: p.recipient.kind,
      recipient_id: p.recipient.id,
      recipient_name: p.recipient.name ? clip(p.recipient.name, 200) : null,
      address: p.address,
      status: 'pending' as const,
      next_attempt_at: ctx.now,
      org_id: input.source.orgId,
      org_path: input.source.orgPath,
      created_at: ctx.now,
      updated_at: ctx.now,
    })),
  );

  // In-app notifications are rows in this same database: written now, in this transaction.
  const inApp = inserted.filter((d) => d.channel === 'in_app');
  if (inApp.length > 0) {
    const told = new Set<string>();
    for (let i = 0; i < inApp.length; i += IN_APP_CHUNK) {
      const { recipientUserIds } = await notify(ctx, {
        userIds: inApp.slice(i, i + IN_APP_CHUNK).map((d) => d.address),
        title: m.title,
        body: m.body ?? null,
        link: m.link ?? null,
        severity: m.severity,
      });
      for (const id of recipientUserIds) told.add(id);
    }
    await repo.settleInApp(
      ctx.tx,
      inApp.filter((d) => told.has(d.address)).map((d) => d.id),
      'delivered',
      ctx.now,
      null,
    );
    await repo.settleInApp(
      ctx.tx,
      inApp.filter((d) => !told.has(d.address)).map((d) => d.id),
      'failed',
      ctx.now,
      '接收人账号不存在或已停用',
    );
  }

  const counts: Partial<Record<NotifyChannel, number>> = {};
  for (const d of inserted) counts[d.channel] = (counts[d.channel] ?? 0) + 1;
  await recordAudit(ctx, {
    action: NOTIFY_EVENTS.disseminated,
    entity: 'notify_message',
    entityId: messageId,
    after: { source: { kind: input.source.kind, id: input.source.id }, title: m.title, channels: input.channels, counts },
  });
  const payload: NotifyDisseminatedPayload = { messageId, sourceKind: input.source.kind, sourceId: input.source.id, counts };
  await emitNotifyEvent(ctx, NOTIFY_EVENTS.disseminated, payload, input.source.orgPath);
  return { messageId, duplicate: false, counts };
}

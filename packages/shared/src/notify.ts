import { z } from 'zod';
import { Text } from './common.js';
import { WARNING_CHANNELS, WarningColour } from './warnings.js';

/**
 * Dissemination (信息发布): messages sent to many recipients over several channels, one delivery
 * record per recipient and channel, retried with back-off, with receipts where the channel has them.
 */

/** Every channel a message can go out on (the same names warnings store as their chosen channels). */
export const NOTIFY_CHANNELS = WARNING_CHANNELS;
export const NotifyChannel = z.enum(NOTIFY_CHANNELS);
export type NotifyChannel = z.infer<typeof NotifyChannel>;

export const NOTIFY_CHANNEL_ZH: Record<NotifyChannel, string> = {
  in_app: '站内通知',
  sms: '短信',
  email: '电子邮件',
  webhook: 'Webhook',
  device: '区域内设备',
};

/** Channels a subscriber can register on (in-app recipients are users, reached through their org). */
export const SUBSCRIBER_CHANNELS = ['sms', 'email', 'webhook'] as const;
export const SubscriberChannel = z.enum(SUBSCRIBER_CHANNELS);
export type SubscriberChannel = z.infer<typeof SubscriberChannel>;

/** pending → sending → sent → delivered (receipt) | failed; a failed one may be retried by hand. */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const DELIVERY_STATUS_ZH: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  delivered: '已送达',
  failed: '失败',
};

/** Who a delivery went to: a user (in-app), an on-duty officer, an enterprise or protected site, a subscriber, a device. */
export const RECIPIENT_KINDS = ['user', 'duty_officer', 'enterprise', 'subscriber', 'device'] as const;
export const RecipientKind = z.enum(RECIPIENT_KINDS);
export type RecipientKind = z.infer<typeof RecipientKind>;

/** What produced the messages: a module's record kind (`warning`) and id. */
const SourceKind = z.string().regex(/^[a-z][a-z_]{0,39}$/, '来源类型格式不正确');
const SourceId = z.string().regex(/^[\w.:-]{1,100}$/, '来源编号格式不正确');

export const DeliveryListQuery = z
  .object({
    sourceKind: SourceKind.optional(),
    sourceId: SourceId.optional(),
    status: DeliveryStatus.optional(),
    channel: NotifyChannel.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict()
  .refine((q) => !q.sourceId || q.sourceKind, { message: '指定来源编号时须同时指定来源类型', path: ['sourceKind'] });
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const DeliverySummaryQuery = z.object({ sourceKind: SourceKind, sourceId: SourceId }).strict();
export type DeliverySummaryQuery = z.infer<typeof DeliverySummaryQuery>;

export const DeliveryDto = z.object({
  id: z.string(),
  sourceKind: z.string(),
  sourceId: z.string(),
  channel: NotifyChannel,
  recipientKind: z.string(),
  recipientName: z.string().nullable(),
  /** Phone, e-mail or URL; masked unless the reader may manage dissemination for the record's org. */
  address: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  /** What the channel reported back (SMS gateway receipt, webhook HTTP status). */
  receipt: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ retry: z.boolean() }),
});
export type DeliveryDto = z.infer<typeof DeliveryDto>;

/** How one channel is set up on this server. */
export const ChannelStatusDto = z.object({
  channel: NotifyChannel,
  /** in_app, smtp, http (SMS gateway), log (development: SMS only written to the log), webhook. */
  adapter: z.string(),
  configured: z.boolean(),
  /** Why the channel cannot send (Chinese), when not configured. */
  reason: z.string().nullable(),
  /** Messages are not really sent (development adapter). */
  simulated: z.boolean(),
});
export type ChannelStatusDto = z.infer<typeof ChannelStatusDto>;

export const ChannelCountsDto = z.object({
  channel: NotifyChannel,
  total: z.number().int(),
  pending: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
});
export type ChannelCountsDto = z.infer<typeof ChannelCountsDto>;

/** Counts by channel × status of one source's deliveries (those the reader may see). */
export const DeliverySummaryDto = z.object({
  sourceKind: z.string(),
  sourceId: z.string(),
  total: z.number().int(),
  /** Nothing left pending or sending. */
  settled: z.boolean(),
  channels: z.array(ChannelCountsDto),
  channelStatus: z.array(ChannelStatusDto),
});
export type DeliverySummaryDto = z.infer<typeof DeliverySummaryDto>;

const SubscriberName = Text(100).pipe(
  z
    .string()
    .min(1, '请填写名称')
    .regex(/^[^<>;'"`\\]+$/, '名称不能包含 < > ; \' " 等字符'),
);

/** Mainland mobile numbers (11 digits starting with 1); spaces, dashes and a +86 prefix are accepted. */
export function normalizeMobile(raw: string): string | null {
  const s = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

const SubscriberFields = {
  name: SubscriberName,
  channel: SubscriberChannel,
  /** Mobile number (sms), e-mail address (email) or http(s) URL (webhook). */
  address: z.string().trim().min(1, '请填写地址').max(500, '地址过长'),
  /** Webhooks: the HMAC key (16–200 characters); omitted on create: one is generated and shown once. */
  secret: z.string().min(16, '密钥至少 16 个字符').max(200, '密钥过长').regex(/^\S+$/, '密钥不能包含空白字符').optional(),
  /** Admin divisions the subscriber cares about; empty: the whole area of its org's warnings. */
  divisionCodes: z
    .array(z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字'))
    .max(100, '行政区划最多 100 个')
    .default([]),
  /** Lowest warning colour sent; none: every colour. */
  minColour: WarningColour.nullable().default(null),
  enabled: z.boolean().default(true),
};

const WebhookUrl = z.url({ protocol: /^https?$/ });

type AddressCheck = { channel: SubscriberChannel; address: string };

function checkAddress(v: AddressCheck, ctx: z.RefinementCtx): void {
  if (v.channel === 'sms' && !normalizeMobile(v.address)) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: '短信订阅须填写 11 位手机号' });
  } else if (v.channel === 'email' && !z.email().safeParse(v.address).success) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: '电子邮件地址格式不正确' });
  } else if (v.channel === 'webhook' && !(/^https?:\/\/[^\s<>"'`]+$/i.test(v.address) && WebhookUrl.safeParse(v.address).success)) {
    ctx.addIssue({ code: 'custom', path: ['address'], message: 'Webhook 地址应为 http(s) URL' });
  }
}

export const CreateSubscriberInput = z
  .object({
    ...SubscriberFields,
    /** Owning org (default: the caller's own); must lie where the caller manages dissemination. */
    orgId: z.uuid().optional(),
  })
  .strict()
  .superRefine(checkAddress);
export type CreateSubscriberInput = z.infer<typeof CreateSubscriberInput>;

export const UpdateSubscriberInput = z
  .object({
    ...SubscriberFields,
    /** Webhooks: replace the key by a generated one (shown once). */
    rotateSecret: z.boolean().optional(),
    version: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine(checkAddress);
export type UpdateSubscriberInput = z.infer<typeof UpdateSubscriberInput>;

export const SubscriberListQuery = z
  .object({
    channel: SubscriberChannel.optional(),
    q: Text(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type SubscriberListQuery = z.infer<typeof SubscriberListQuery>;

export const SubscriberDto = z.object({
  id: z.string(),
  name: z.string(),
  channel: SubscriberChannel,
  address: z.string(),
  divisionCodes: z.array(z.string()),
  minColour: WarningColour.nullable(),
  enabled: z.boolean(),
  orgId: z.string(),
  orgName: z.string(),
  /** A webhook key is set (it is never shown again). */
  hasSecret: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubscriberDto = z.infer<typeof SubscriberDto>;

/** A created or updated subscriber; `secret` carries a generated webhook key, shown this once. */
export const SubscriberSavedDto = SubscriberDto.extend({ secret: z.string().nullable() });
export type SubscriberSavedDto = z.infer<typeof SubscriberSavedDto>;

/** `POST /notify/receipts/sms` from the SMS gateway (Authorization: Bearer SMS_GATEWAY_TOKEN). */
export const SmsReceiptInput = z
  .object({
    /** The delivery id sent to the gateway as `id`. */
    id: z.uuid(),
    status: z.enum(['delivered', 'failed']),
    /** The gateway's reason for a failure. */
    error: Text(500).optional(),
    /** When the handset received it (or the operator gave up), per the gateway. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type SmsReceiptInput = z.infer<typeof SmsReceiptInput>;

export const SmsReceiptResultDto = z.object({ id: z.string(), status: DeliveryStatus });
export type SmsReceiptResultDto = z.infer<typeof SmsReceiptResultDto>;

/**
 * Body of a webhook POST. Headers: `X-Vigil-Delivery` (this id, for de-duplication),
 * `X-Vigil-Timestamp` (Unix seconds) and `X-Vigil-Signature: sha256=<hex>` — HMAC-SHA256 with the
 * subscriber's key over `<timestamp>.<raw body>`. Receivers should refuse stale timestamps.
 */
export interface WebhookPayload {
  id: string;
  source: { kind: string; id: string };
  title: string;
  body: string | null;
  detail: string | null;
  link: string | null;
  severity: 'info' | 'warning' | 'critical';
  data: Record<string, unknown> | null;
  sentAt: string;
}

export const NOTIFY_EVENTS = {
  disseminated: 'notify.disseminated',
  deliveryRetried: 'notify.delivery_retried',
  subscriberCreated: 'notify.subscriber_created',
  subscriberUpdated: 'notify.subscriber_updated',
  subscriberDeleted: 'notify.subscriber_deleted',
} as const;

/** Payload of `notify.disseminated` (topic `notify`). */
export interface NotifyDisseminatedPayload {
  messageId: string;
  sourceKind: string;
  sourceId: string;
  counts: Partial<Record<NotifyChannel, number>>;
}

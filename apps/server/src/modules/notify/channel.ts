import type { ChannelStatusDto, NotifyChannel } from '@vigil/shared';

/** The message of a delivery, as the channel adapters format it. */
export interface OutgoingMessage {
  sourceKind: string;
  sourceId: string;
  title: string;
  body: string | null;
  detail: string | null;
  link: string | null;
  severity: 'info' | 'warning' | 'critical';
  data: Record<string, unknown> | null;
}

/** One claimed delivery handed to an adapter. */
export interface OutgoingDelivery {
  id: string;
  channel: NotifyChannel;
  /** User id (in-app), mobile number (sms), e-mail address or webhook URL. */
  address: string;
  recipientName: string | null;
  /** The webhook subscriber's key, opened by the worker just before sending. */
  secret: string | null;
  message: OutgoingMessage;
}

/** The channel took the message: `sent` (handed over, a receipt may follow) or `delivered`. */
export interface SendResult {
  status: 'sent' | 'delivered';
  receipt?: Record<string, unknown>;
}

/**
 * A failed send. `permanent` failures (not configured, address refused, 4xx) are not retried;
 * others (network, timeouts, 5xx, 429) are, with back-off.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** A way out (in-app, SMTP, SMS gateway, webhook): one file per adapter, built from the config. */
export interface ChannelAdapter {
  readonly status: ChannelStatusDto;
  /** Sends one delivery; throws `SendError` (anything else thrown counts as a passing failure). */
  send(d: OutgoingDelivery): Promise<SendResult>;
}

/** An adapter for a channel that cannot send here: every delivery fails at once with the reason. */
export function unavailableChannel(channel: NotifyChannel, adapter: string, reason: string): ChannelAdapter {
  return {
    status: { channel, adapter, configured: false, reason, simulated: false },
    send: () => Promise.reject(new SendError(reason, true)),
  };
}

/** Text of an SMS or e-mail: the title, the body and the detail, one per line. */
export function plainText(m: OutgoingMessage): string {
  return [m.title, m.body, m.detail].filter((x): x is string => Boolean(x?.trim())).join('\n');
}

/** Whether an HTTP status is worth another attempt (timeouts, throttling, server errors). */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** A short, log-safe description of a thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`.slice(0, 500);
  }
  return String(err).slice(0, 500);
}

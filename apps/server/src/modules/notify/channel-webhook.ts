import type { WebhookPayload } from '@vigil/shared';
import type { Clock } from '../../platform/clock.js';
import { SendError, type ChannelAdapter, type OutgoingDelivery } from './channel.js';
import { postJson, refusal } from './channel-http.js';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

/** The JSON a subscriber's endpoint receives. */
export function webhookPayload(d: OutgoingDelivery, sentAt: Date): WebhookPayload {
  const m = d.message;
  return {
    id: d.id,
    source: { kind: m.sourceKind, id: m.sourceId },
    title: m.title,
    body: m.body,
    detail: m.detail,
    link: m.link,
    severity: m.severity,
    data: m.data,
    sentAt: sentAt.toISOString(),
  };
}

/**
 * Signed webhooks: POST the payload to the subscriber's URL with `X-Vigil-Timestamp` and
 * `X-Vigil-Signature: sha256=<HMAC-SHA256(key, "<timestamp>.<body>")>`; any 2xx is delivered.
 */
export function webhookChannel(opts: { clock: Clock; timeoutMs: number }): ChannelAdapter {
  return {
    status: { channel: 'webhook', adapter: 'webhook', configured: true, reason: null, simulated: false },
    async send(d) {
      if (!d.secret) throw new SendError('订阅者没有签名密钥（可能已被删除），无法发送', true);
      const now = opts.clock.now();
      const body = JSON.stringify(webhookPayload(d, now));
      const ts = Math.floor(now.getTime() / 1000);
      const r = await postJson(
        d.address,
        body,
        {
          [WEBHOOK_HEADERS.delivery]: d.id,
          [WEBHOOK_HEADERS.timestamp]: String(ts),
          [WEBHOOK_HEADERS.signature]: signWebhook(d.secret, ts, body),
        },
        opts.timeoutMs,
      );
      if (r.status < 200 || r.status >= 300) throw refusal('接收端', r);
      return { status: 'delivered', receipt: { httpStatus: r.status } };
    },
  };
}

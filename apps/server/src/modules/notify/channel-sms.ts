import type { Config } from '../../config/config.js';
import type { Logger } from '../../platform/logger.js';
import { maskAddress } from './addresses.js';
import { plainText, unavailableChannel, type ChannelAdapter } from './channel.js';
import { jsonObject, postJson, refusal } from './channel-http.js';

/** Longest SMS text sent (long messages are split by the operator; the full text is in the app). */
export const SMS_MAX_CHARS = 500;

/** The SMS text of a delivery: title, body and detail, cut to `SMS_MAX_CHARS`. */
export function smsText(text: string): string {
  return text.length <= SMS_MAX_CHARS ? text : `${text.slice(0, SMS_MAX_CHARS - 1)}…`;
}

/**
 * The generic HTTP SMS gateway: JSON POST `{to, text, id}` with `Authorization: Bearer <token>`.
 * A 2xx means accepted (`sent`); the handset receipt comes back on `POST /notify/receipts/sms`.
 */
export function httpSmsChannel(opts: { url: string; token: string | undefined; timeoutMs: number }): ChannelAdapter {
  return {
    status: { channel: 'sms', adapter: 'http', configured: true, reason: null, simulated: false },
    async send(d) {
      const body = JSON.stringify({ to: d.address, text: smsText(plainText(d.message)), id: d.id });
      const r = await postJson(opts.url, body, opts.token ? { authorization: `Bearer ${opts.token}` } : {}, opts.timeoutMs);
      if (r.status < 200 || r.status >= 300) throw refusal('短信网关', r);
      const answer = jsonObject(r.body);
      const gatewayId = answer && (typeof answer.messageId === 'string' || typeof answer.messageId === 'number') ? answer.messageId : null;
      return { status: 'sent', receipt: { accepted: true, httpStatus: r.status, ...(gatewayId !== null ? { gatewayId } : {}) } };
    },
  };
}

/**
 * Development SMS: the message is written to the server log (number masked) and counted as
 * delivered, marked simulated so the dashboard never passes it off as a real SMS.
 */
export function logSmsChannel(log: Logger): ChannelAdapter {
  return {
    status: { channel: 'sms', adapter: 'log', configured: true, reason: null, simulated: true },
    async send(d) {
      log.info({ deliveryId: d.id, to: maskAddress('sms', d.address), text: smsText(plainText(d.message)) }, 'SMS (log adapter, not sent)');
      return { status: 'delivered', receipt: { simulated: true, adapter: 'log' } };
    },
  };
}

/** The SMS adapter chosen by `SMS_ADAPTER`. */
export function smsChannel(config: Config, log: Logger): ChannelAdapter {
  if (config.SMS_ADAPTER === 'log') return logSmsChannel(log);
  if (!config.SMS_GATEWAY_URL) return unavailableChannel('sms', 'http', '短信网关未配置（SMS_ADAPTER=http 但未设置 SMS_GATEWAY_URL）');
  return httpSmsChannel({ url: config.SMS_GATEWAY_URL, token: config.SMS_GATEWAY_TOKEN, timeoutMs: config.NOTIFY_SEND_TIMEOUT_MS });
}

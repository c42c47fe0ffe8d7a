import nodemailer from 'nodemailer';
import type { Config } from '../../config/config.js';
import { errorText, plainText, SendError, unavailableChannel, type ChannelAdapter, type OutgoingMessage } from './channel.js';

const SEVERITY_PREFIX: Record<OutgoingMessage['severity'], string> = { info: '', warning: '【预警】', critical: '【紧急】' };

/** Subject and text of a dissemination e-mail. */
export function emailContent(m: OutgoingMessage): { subject: string; text: string } {
  return { subject: `${SEVERITY_PREFIX[m.severity]}${m.title}`.slice(0, 250), text: plainText(m) };
}

interface SmtpError {
  responseCode?: number;
  code?: string;
}

/** SMTP 5xx answers (mailbox unknown, relay refused, message refused) are final; the rest may pass. */
function isPermanent(err: SmtpError): boolean {
  return typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
}

/**
 * Host, port, TLS and credentials from `smtp://user:pass@host:port` (STARTTLS when offered) or
 * `smtps://…` (TLS from the start). Parsed here because nodemailer ignores every other option
 * (time limits, pooling) when given a URL.
 */
export function smtpServer(url: string): { host: string; port?: number; secure: boolean; auth?: { user: string; pass: string } } {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    ...(u.port ? { port: Number(u.port) } : {}),
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
  };
}

/** E-mail over SMTP (`SMTP_URL`, `SMTP_FROM`): accepted by the server = sent (e-mail has no receipt). */
export function emailChannel(config: Config): ChannelAdapter {
  if (!config.SMTP_URL) return unavailableChannel('email', 'smtp', '邮件服务未配置（未设置 SMTP_URL）');
  const timeout = config.NOTIFY_SEND_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    ...smtpServer(config.SMTP_URL),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    status: { channel: 'email', adapter: 'smtp', configured: true, reason: null, simulated: false },
    async send(d) {
      const { subject, text } = emailContent(d.message);
      try {
        const info = await transport.sendMail({
          from: config.SMTP_FROM,
          to: d.address,
          subject,
          text,
          headers: { 'X-Vigil-Delivery': d.id },
        });
        if (info.rejected.length > 0) throw new SendError(`邮件服务器拒收：${info.response}`.slice(0, 500), true);
        return { status: 'sent', receipt: { messageId: info.messageId, response: info.response.slice(0, 200) } };
      } catch (err) {
        if (err instanceof SendError) throw err;
        throw new SendError(`邮件发送失败：${errorText(err)}`, isPermanent(err as SmtpError));
      }
    },
  };
}

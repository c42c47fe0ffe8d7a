import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook POST. */
export const WEBHOOK_HEADERS = {
  signature: 'x-vigil-signature',
  timestamp: 'x-vigil-timestamp',
  delivery: 'x-vigil-delivery',
} as const;

/** How far a receiver should accept a timestamp from its own clock (replay window). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * `sha256=<hex>`: HMAC-SHA256 with the subscriber's key over `<timestamp>.<raw body>`. Binding the
 * timestamp into the signature lets a receiver refuse replays of an old request.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * What a receiver does: checks the signature (constant time) and that the timestamp lies within
 * `toleranceSeconds` of `nowSeconds`. Returns why it refuses, or null when the request is genuine.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): 'missing' | 'stale' | 'mismatch' | null {
  if (!headers.signature || !headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) return 'missing';
  const ts = Number(headers.timestamp);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return 'stale';
  const want = Buffer.from(signWebhook(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got) ? null : 'mismatch';
}

import { randomBytes } from 'node:crypto';

/** The context a subscriber's webhook key is sealed under: bound to the subscriber's row. */
export const subscriberSecretContext = (subscriberId: string) => `notify-subscriber:${subscriberId}`;

/** A fresh webhook key: 32 random bytes as 64 hex characters. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

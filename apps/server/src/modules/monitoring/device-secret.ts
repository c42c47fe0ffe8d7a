import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Device secrets are 32 random bytes (base64url, 43 characters) stored as their SHA-256 hash.
 * Not argon2 on purpose: a device presents its secret on every MQTT connection and every HTTP
 * batch, at ingestion rate (thousands of devices reconnecting after a network cut); a memory-hard
 * hash costs ~50 ms each and would turn a reconnect storm into minutes of CPU. Slow hashes protect
 * low-entropy human passwords; a 256-bit random secret cannot be brute-forced from its SHA-256,
 * so a fast hash loses nothing.
 */

/** A fresh random device secret (shown once to the operator, never stored in clear). */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a device secret: lowercase hex SHA-256. */
export function hashDeviceSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` matches the stored hash; constant-time in the hash comparison. */
export function verifyDeviceSecret(secret: string, hash: string): boolean {
  if (typeof secret !== 'string' || typeof hash !== 'string' || hash.length !== 64) return false;
  const expected = Buffer.from(hash, 'hex');
  if (expected.length !== 32) return false;
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(actual, expected);
}

/**
 * The secret of a demo device: derived from the demo password and the device code
 * (HMAC-SHA256, base64url, first 32 characters) so that the simulator can authenticate every demo
 * device knowing only DEMO_PASSWORD. Only demo devices use it; all others get `newDeviceSecret()`.
 */
export function demoDeviceSecret(demoPassword: string, deviceCode: string): string {
  return createHmac('sha256', demoPassword).update(`vigil-demo-device:${deviceCode}`, 'utf8').digest('base64url').slice(0, 32);
}

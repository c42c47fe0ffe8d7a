import { Secret, TOTP } from 'otpauth';

/** RFC 6238 parameters every authenticator app understands. */
const PARAMS = { issuer: 'Vigil', algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** A fresh 160-bit TOTP secret, base32 (what authenticator apps expect). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URL to scan: issuer "Vigil", label the username. */
export function totpUrl(secretBase32: string, username: string): string {
  return new TOTP({ ...PARAMS, label: username, secret: Secret.fromBase32(secretBase32) }).toString();
}

/** The current time step number (30-second periods since the epoch). */
export function totpStep(now: Date): number {
  return TOTP.counter({ period: PARAMS.period, timestamp: now.getTime() });
}

/** The code for a given time step (tests and enrolment checks). */
export function totpCodeAt(secretBase32: string, step: number): string {
  return TOTP.generate({ ...PARAMS, secret: Secret.fromBase32(secretBase32), timestamp: step * PARAMS.period * 1000 });
}

/** The time step a code belongs to, allowing one step of clock drift either way; null when it matches none. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const delta = TOTP.validate({ ...PARAMS, token: code, secret: Secret.fromBase32(secretBase32), timestamp: now.getTime(), window: 1 });
  return delta === null ? null : totpStep(now) + delta;
}

import { openSecret, sealSecret, secretKey, type SecretKeySource } from '../../platform/auth/secret-box.js';
import { personKey, type PersonIdentity } from './people.js';

let registered: SecretKeySource | null = null;

/**
 * Remembers where the sealing key lives, for the module's exported functions that receive only a
 * database handle (`onDutyNow`); set when the module boots.
 */
export function registerDutySecrets(src: SecretKeySource): void {
  registered = src;
}

/** The key source registered at boot, if any. */
export function registeredDutySecrets(): SecretKeySource | null {
  return registered;
}

/** Seals a person's phone, bound to the row it belongs to. */
export function sealPhone(src: SecretKeySource, phone: string, context: string): string {
  return sealSecret(src, phone, context);
}

/** Opens a sealed phone; null when there is none or it cannot be opened (another key, altered row). */
export function openPhone(src: SecretKeySource | null, sealed: string | null, context: string): string | null {
  if (!sealed || !src) return null;
  try {
    return openSecret(src, sealed, context);
  } catch {
    return null;
  }
}

/** The overlap identity of a person, keyed with the server secret. */
export function dutyPersonKey(src: SecretKeySource, p: PersonIdentity, orgId: string): string {
  return personKey(p, orgId, secretKey(src));
}

export const personPhoneContext = (personId: string) => `duty-person:${personId}`;
export const logPhoneContext = (logId: string) => `duty-log:${logId}`;

import { createHmac } from 'node:crypto';

/** The digits of a phone number, without the +86 country prefix, spaces or dashes. */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 11 && digits.startsWith('86') && /^861[3-9]/.test(digits) ? digits.slice(2) : digits;
}

/** A phone as people without duty rights see it: first three and last four digits (138****5678). */
export function maskPhone(phone: string): string {
  const d = phoneDigits(phone);
  if (d.length <= 4) return '*'.repeat(d.length);
  if (d.length < 8) return `${'*'.repeat(d.length - 4)}${d.slice(-4)}`;
  return `${d.slice(0, 3)}${'*'.repeat(d.length - 7)}${d.slice(-4)}`;
}

export interface PersonIdentity {
  userId: string | null;
  name: string;
  phone: string | null;
}

/**
 * Identifies a person across shifts (and orgs) for the overlap rule: a user by id; a named person
 * by name and phone (hashed with the server key, so the key column reveals no number); a named
 * person without a phone only within the same org, as namesakes elsewhere are different people.
 */
export function personKey(p: PersonIdentity, orgId: string, key: Buffer): string {
  if (p.userId) return `u:${p.userId}`;
  const name = p.name.trim();
  if (p.phone)
    return `p:${createHmac('sha256', key)
      .update(`${name}|${phoneDigits(p.phone)}`)
      .digest('hex')
      .slice(0, 32)}`;
  return `n:${orgId}:${name}`;
}

/** Names listed more than once in one shift (the same key twice). */
export function repeatedPeople(people: { key: string; name: string }[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const p of people) {
    if (seen.has(p.key)) repeated.add(p.name);
    seen.add(p.key);
  }
  return [...repeated];
}

import { randomBytes } from 'node:crypto';

/** A random demo password that satisfies the password policy (4 character classes). */
export function randomDemoPassword(): string {
  return `Vg-${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}9a`;
}

import { randomInt } from 'node:crypto';
import type { SecurityPolicy } from '@vigil/shared';
import { passwordProblems } from './password.js';

// Look-alike characters (0/O, 1/l/I) are left out: temporary passwords are read out or copied by hand.
const SETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*-_+=?'];
const ALL = SETS.join('');

/**
 * A random temporary password that satisfies the policy: at least 12 characters (or the policy's
 * minimum if longer), one of each character class, never containing the username.
 */
export function temporaryPassword(policy: SecurityPolicy, username: string, rand: (max: number) => number = randomInt): string {
  const length = Math.max(12, policy.passwordMinLength);
  for (;;) {
    const chars = SETS.map((s) => s[rand(s.length)]!);
    while (chars.length < length) chars.push(ALL[rand(ALL.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = rand(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const pw = chars.join('');
    if (passwordProblems(pw, policy, username).length === 0) return pw;
  }
}

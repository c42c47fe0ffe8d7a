import { DEFAULT_SECURITY_POLICY } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password.js';
import { temporaryPassword } from './temp-password.js';

describe('temporary passwords', () => {
  it('always satisfy the policy, with all four character classes', () => {
    for (let i = 0; i < 200; i++) {
      const pw = temporaryPassword(DEFAULT_SECURITY_POLICY, 'zhangsan');
      expect(passwordProblems(pw, { ...DEFAULT_SECURITY_POLICY, passwordMinClasses: 4 }, 'zhangsan')).toEqual([]);
      expect(pw.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('follow a longer policy minimum', () => {
    expect(temporaryPassword({ ...DEFAULT_SECURITY_POLICY, passwordMinLength: 20 }, 'li').length).toBe(20);
  });

  it('differ from one call to the next', () => {
    const seen = new Set(Array.from({ length: 50 }, () => temporaryPassword(DEFAULT_SECURITY_POLICY, 'wang')));
    expect(seen.size).toBe(50);
  });

  it('retry rather than contain the username', () => {
    // The first attempt draws index 0 everywhere, which spells "aaaa…" and so contains the username.
    let calls = 0;
    const rand = (max: number) => (calls++ < 23 ? 0 : Math.floor(Math.random() * max));
    const pw = temporaryPassword(DEFAULT_SECURITY_POLICY, 'aaa', rand);
    expect(calls).toBeGreaterThan(23);
    expect(pw.toLowerCase()).not.toContain('aaa');
  });
});

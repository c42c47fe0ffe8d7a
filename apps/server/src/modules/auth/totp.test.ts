import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, totpCodeAt, totpStep, totpUrl } from './totp.js';

// RFC 6238 appendix B test secret ("12345678901234567890"), SHA-1, 8 digits there; 6 digits here are its last 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('totp', () => {
  it('matches the RFC 6238 reference values', () => {
    expect(totpCodeAt(RFC_SECRET, totpStep(new Date(59_000)))).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, totpStep(new Date(1_111_111_109_000)))).toBe('081804');
  });

  it('accepts the current step and one step of drift either way, nothing further', () => {
    const now = new Date('2026-06-01T00:00:10Z');
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step), now)).toBe(step);
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step - 1), now)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step + 1), now)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step + 2), now)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCodeAt(RFC_SECRET, step - 2), now)).toBeNull();
  });

  it('builds a scannable otpauth URL with issuer Vigil and the username as label', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(totpUrl(secret, 'secadmin'));
    expect(url.protocol).toBe('otpauth:');
    expect(decodeURIComponent(url.pathname)).toContain('Vigil:secadmin');
    expect(url.searchParams.get('issuer')).toBe('Vigil');
    expect(url.searchParams.get('secret')).toBe(secret);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoDeviceSecret, hashDeviceSecret, newDeviceSecret, verifyDeviceSecret } from './device-secret.js';

describe('device secrets', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const a = newDeviceSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newDeviceSecret()).not.toBe(a);
    expect(hashDeviceSecret(a)).toBe(createHash('sha256').update(a).digest('hex'));
  });

  it('verify only the matching secret, and reject malformed hashes without throwing', () => {
    const s = newDeviceSecret();
    const h = hashDeviceSecret(s);
    expect(verifyDeviceSecret(s, h)).toBe(true);
    expect(verifyDeviceSecret(`${s}x`, h)).toBe(false);
    expect(verifyDeviceSecret('', h)).toBe(false);
    expect(verifyDeviceSecret(s, 'not-a-hash')).toBe(false);
    expect(verifyDeviceSecret(s, 'zz'.repeat(32))).toBe(false);
  });

  it('derive demo secrets from the demo password and the code', () => {
    const a = demoDeviceSecret('Demo-Pass-2026', 'QZ-RG-001');
    expect(a).toHaveLength(32);
    expect(demoDeviceSecret('Demo-Pass-2026', 'QZ-RG-001')).toBe(a);
    expect(demoDeviceSecret('Demo-Pass-2026', 'QZ-RG-002')).not.toBe(a);
    expect(demoDeviceSecret('Other-Pass', 'QZ-RG-001')).not.toBe(a);
  });
});

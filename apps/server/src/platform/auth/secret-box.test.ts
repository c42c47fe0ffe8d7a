import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecret, parseSecretKey, sealSecret, secretKey } from './secret-box.js';

const HEX_KEY = 'a1'.repeat(32);

describe('secret box', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const src = { VIGIL_SECRET_KEY: HEX_KEY, DATA_DIR: '/nonexistent' };
    const sealed = sealSecret(src, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(src, sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
    expect(sealSecret(src, 'JBSWY3DPEHPK3PXP', 'totp:u1')).not.toBe(sealed); // fresh IV each time
  });

  it('refuses a value moved to another context, altered, or opened with another key', () => {
    const src = { VIGIL_SECRET_KEY: HEX_KEY, DATA_DIR: '/nonexistent' };
    const sealed = sealSecret(src, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(() => openSecret(src, sealed, 'totp:u2')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => openSecret(src, [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'totp:u1')).toThrow();
    expect(() => openSecret({ VIGIL_SECRET_KEY: 'b2'.repeat(32), DATA_DIR: '' }, sealed, 'totp:u1')).toThrow();
  });

  it('creates DATA_DIR/secret.key on first use, readable only by its owner, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-key-'));
    const src = { DATA_DIR: join(dir, 'nested') };
    const sealed = sealSecret(src, 'hello', 'ctx');
    const file = join(dir, 'nested', 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(readFileSync(file, 'utf8'))).toEqual(secretKey(src));
    expect(openSecret(src, sealed, 'ctx')).toBe('hello');
  });

  it('accepts hex and base64 keys and rejects anything else', () => {
    expect(parseSecretKey(HEX_KEY)?.length).toBe(32);
    expect(parseSecretKey(Buffer.alloc(32, 7).toString('base64'))?.length).toBe(32);
    expect(parseSecretKey('too-short')).toBeNull();
    expect(() => secretKey({ VIGIL_SECRET_KEY: 'nope', DATA_DIR: '' })).toThrow(/VIGIL_SECRET_KEY/);
  });
});

import { createHash, randomBytes } from 'node:crypto';

/** A random opaque token (base64url) and the SHA-256 hash stored in its place. */
export function newOpaqueToken(prefix = ''): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256Hex(token) };
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export const SESSION_COOKIE = 'vigil_sid';
export const API_TOKEN_PREFIX = 'vgt_';

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the sealing key comes from: `VIGIL_SECRET_KEY`, else `DATA_DIR/secret.key`. */
export interface SecretKeySource {
  VIGIL_SECRET_KEY?: string | undefined;
  DATA_DIR: string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';
const keys = new Map<string, Buffer>();

/** Decodes a 32-byte key written as 64 hex characters or base64; null when malformed. */
export function parseSecretKey(text: string): Buffer | null {
  const s = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  const b = Buffer.from(s, 'base64');
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(s) && b.length === KEY_BYTES ? b : null;
}

function readKeyFile(file: string): Buffer {
  const key = parseSecretKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (64 hex characters)`);
  return key;
}

/** Creates the key file atomically (write aside, then link): concurrent processes agree on one key. */
function createKeyFile(file: string): Buffer {
  mkdirSync(resolve(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return readKeyFile(file);
}

/** The key sealing secrets at rest; the key file is created (mode 0600) on first use. */
export function secretKey(src: SecretKeySource): Buffer {
  if (src.VIGIL_SECRET_KEY) {
    const key = parseSecretKey(src.VIGIL_SECRET_KEY);
    if (!key) throw new Error('VIGIL_SECRET_KEY must be 32 bytes as 64 hex characters or base64');
    return key;
  }
  const file = resolve(src.DATA_DIR, 'secret.key');
  const cached = keys.get(file);
  if (cached) return cached;
  let key: Buffer;
  try {
    key = readKeyFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    key = createKeyFile(file);
  }
  keys.set(file, key);
  return key;
}

/**
 * Encrypts a secret with AES-256-GCM. `context` (e.g. `totp:<userId>`) is bound as associated
 * data, so a sealed value copied to another row or purpose no longer opens.
 */
export function sealSecret(src: SecretKeySource, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', secretKey(src), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Decrypts a value from `sealSecret`; throws when it was altered, moved or sealed with another key. */
export function openSecret(src: SecretKeySource, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', secretKey(src), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

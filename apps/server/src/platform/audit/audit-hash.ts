import { createHash, createHmac } from 'node:crypto';

/** The hash of the (virtual) row before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** Fields covered by an audit row's hash, in a fixed order. */
export interface AuditHashInput {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  result: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * hash_n = H(hash_{n-1} ‖ canonical(row_n)), with HMAC-SHA256 when a key is configured so that
 * someone with database access alone cannot rebuild a consistent chain.
 */
export function auditHash(prevHash: string, row: AuditHashInput, key?: string): string {
  const content = `${prevHash}\n${canonicalJson({ ...row, at: new Date(row.at).toISOString() })}`;
  return key ? createHmac('sha256', key).update(content).digest('hex') : createHash('sha256').update(content).digest('hex');
}

import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, type AuditHashInput } from './audit-hash.js';

const row: AuditHashInput = {
  seq: 1,
  id: '0190f0a0-0000-7000-8000-000000000001',
  at: new Date('2026-01-01T00:00:00.123Z'),
  actorId: null,
  actorName: 'duty',
  orgId: null,
  ip: '127.0.0.1',
  userAgent: null,
  action: 'auth.login',
  entity: 'user',
  entityId: 'x',
  result: 'ok',
  before: null,
  after: { b: 1, a: [1, { d: 2, c: 3 }] },
  requestId: 'r1',
};

describe('audit hash chain', () => {
  it('serialises objects with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, null] } })).toBe('{"a":{"c":[3,null],"d":2},"b":1}');
  });

  it('changes when any covered field or the previous hash changes', () => {
    const h = auditHash(GENESIS_HASH, row);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, { ...row })).toBe(h);
    expect(auditHash(GENESIS_HASH, { ...row, result: 'denied' })).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...row, after: { b: 2, a: [1, { d: 2, c: 3 }] } })).not.toBe(h);
    expect(auditHash('1'.repeat(64), row)).not.toBe(h);
  });

  it('depends on the key when one is configured', () => {
    expect(auditHash(GENESIS_HASH, row, 'k'.repeat(16))).not.toBe(auditHash(GENESIS_HASH, row));
  });
});

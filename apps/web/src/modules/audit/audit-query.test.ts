import { AuditFilterQuery } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { prettyJson, toAuditFilters } from './audit-query';

const at = (iso: string) => ({ toISOString: () => new Date(iso).toISOString() });

describe('audit filters', () => {
  it('sends the time range as ISO instants and trims text, leaving blanks out', () => {
    const f = toAuditFilters({
      range: [at('2026-03-01T00:00:00+08:00'), at('2026-03-02T00:00:00+08:00')],
      actor: '  sysadmin ',
      action: 'auth.*',
      entity: '',
      entityId: '   ',
      result: 'denied',
    });
    expect(f).toEqual({
      from: '2026-02-28T16:00:00.000Z',
      to: '2026-03-01T16:00:00.000Z',
      actor: 'sysadmin',
      action: 'auth.*',
      result: 'denied',
    });
    expect(AuditFilterQuery.safeParse(f).success).toBe(true);
  });

  it('produces an empty query for an empty form (accepted by the server schema)', () => {
    const f = toAuditFilters({ range: null });
    expect(f).toEqual({});
    expect(AuditFilterQuery.safeParse(f).success).toBe(true);
  });

  it('pretty-prints before/after values', () => {
    expect(prettyJson(null)).toBe('—');
    expect(prettyJson({ status: 'disabled' })).toBe('{\n  "status": "disabled"\n}');
    expect(prettyJson('active')).toBe('active');
  });
});

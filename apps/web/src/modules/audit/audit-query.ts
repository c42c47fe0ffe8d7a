import type { AuditQuery } from '@vigil/shared';

/** The audit filter form's values; times are anything with `toISOString()` (dayjs values from the picker). */
export interface AuditFilterValues {
  range?: [{ toISOString(): string } | null, { toISOString(): string } | null] | null;
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  result?: AuditQuery['result'];
}

export type AuditFilters = Omit<AuditQuery, 'limit' | 'cursor' | 'q'>;

const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** Turns the filter form into the query `GET /audit` and `GET /audit/export` take (blank fields left out). */
export function toAuditFilters(v: AuditFilterValues): AuditFilters {
  const out: AuditFilters = {};
  const from = v.range?.[0]?.toISOString();
  const to = v.range?.[1]?.toISOString();
  if (from) out.from = from;
  if (to) out.to = to;
  for (const k of ['actor', 'action', 'entity', 'entityId'] as const) {
    const s = text(v[k]);
    if (s) out[k] = s;
  }
  if (v.result) out.result = v.result;
  return out;
}

/** Pretty JSON for the before/after columns; '—' for nothing. */
export function prettyJson(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 2);
}

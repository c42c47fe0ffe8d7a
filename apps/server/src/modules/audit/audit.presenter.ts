import type { AuditEntryDto } from '@vigil/shared';
import type { AuditRow } from '../../platform/db/schema.js';

/** Audit row → API shape (jsonb columns arrive parsed from both drivers). */
export function presentAudit(r: AuditRow): AuditEntryDto {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    orgId: r.org_id,
    ip: r.ip,
    userAgent: r.user_agent,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    result: r.result,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
  };
}

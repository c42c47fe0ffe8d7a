import type { PlanContent, PlanDto, PlanExportDocument } from '@vigil/shared';
import { PLAN_EXPORT_FORMAT } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import { abilitiesOf } from './plans.policy.js';
import type { PlanRow } from './plans.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Row → API shape; `abilities` for single-version answers. */
export function presentPlan(p: PlanRow, actor: Actor, opts: { abilities?: boolean } = {}): PlanDto {
  return {
    id: p.id,
    seriesId: p.series_id,
    versionNo: p.version_no,
    previousVersionId: p.previous_version_id,
    orgId: p.org_id,
    orgName: p.org_name,
    name: p.name,
    level: p.level,
    type: p.type,
    eventCodes: p.event_codes,
    summary: p.summary,
    levels: p.levels,
    status: p.status,
    revision: p.revision,
    createdBy: p.created_by_name,
    submittedBy: p.submitted_by,
    approvedBy: p.approved_by_name,
    approvedAt: iso(p.approved_at),
    activatedAt: iso(p.activated_at),
    retiredAt: iso(p.retired_at),
    rejectReason: p.reject_reason,
    createdAt: iso(p.created_at)!,
    updatedAt: iso(p.updated_at)!,
    ...(opts.abilities ? { abilities: abilitiesOf(actor, p) } : {}),
  };
}

/** The content of a version (what export, import and diff carry). */
export function contentOf(p: PlanRow): PlanContent {
  return {
    name: p.name,
    level: p.level,
    type: p.type,
    eventCodes: p.event_codes,
    ...(p.summary ? { summary: p.summary } : {}),
    levels: p.levels,
  };
}

/** The JSON export document of a version. */
export function exportDocument(p: PlanRow, now: Date): PlanExportDocument {
  return {
    format: PLAN_EXPORT_FORMAT,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    source: { planId: p.id, versionNo: p.version_no, orgName: p.org_name, status: p.status },
    plan: contentOf(p),
  };
}

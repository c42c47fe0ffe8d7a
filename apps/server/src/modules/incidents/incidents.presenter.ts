import type { DuplicateCandidateDto, IncidentAttachmentDto, IncidentDto, IncidentSource, IncidentTimelineEntryDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import { openSecret, type SecretKeySource } from '../../platform/auth/secret-box.js';
import type { AttachmentRow, TimelineRow } from './incident-parts.repository.js';
import type { CandidateRow, IncidentView } from './incidents.repository.js';
import { abilitiesOf, can } from './incidents.policy.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The context a reporter phone is sealed under: bound to its incident. */
export const phoneContext = (incidentId: string) => `incident-phone:${incidentId}`;

function reporterPhone(v: IncidentView, actor: Actor, secrets: SecretKeySource): { phone: string | null; masked: boolean } {
  if (!v.reporter_phone_sealed) return { phone: v.reporter_phone_masked, masked: v.reporter_phone_masked !== null };
  if (!can(actor, 'incident.update', v)) return { phone: v.reporter_phone_masked, masked: true };
  try {
    return { phone: openSecret(secrets, v.reporter_phone_sealed, phoneContext(v.id)), masked: false };
  } catch {
    // Sealed under another key (restored backup without its key): show what can be shown.
    return { phone: v.reporter_phone_masked, masked: true };
  }
}

export function presentCandidate(c: CandidateRow): DuplicateCandidateDto {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    receivedAt: iso(c.received_at),
    distanceM: c.distance_m === null ? null : Math.round(c.distance_m),
    orgName: c.org_name,
  };
}

export interface PresentOptions {
  secrets: SecretKeySource;
  candidates?: CandidateRow[];
  /** Include what the actor may do next (single-incident answers). */
  abilities?: boolean;
}

/** Row → API shape; the reporter's phone is masked unless the reader may update the incident. */
export function presentIncident(v: IncidentView, actor: Actor, opts: PresentOptions): IncidentDto {
  const phone = reporterPhone(v, actor, opts.secrets);
  return {
    id: v.id,
    orgId: v.org_id,
    orgName: v.org_name,
    title: v.title,
    eventType: v.event_type,
    eventTypeName: v.event_type_name ?? v.event_type,
    category: v.category,
    categoryName: v.category_name ?? v.category,
    grade: v.grade,
    computedGrade: v.computed_grade,
    gradeSource: v.grade_source,
    gradeReason: v.grade_reason,
    status: v.status,
    statusReason: v.status_reason,
    mergedIntoId: v.merged_into_id,
    occurredAt: iso(v.occurred_at),
    receivedAt: iso(v.received_at),
    location: v.lng === null || v.lat === null ? null : { lng: Number(v.lng), lat: Number(v.lat) },
    address: v.address,
    countyCode: v.county_code,
    countyName: v.county_name,
    townshipCode: v.township_code,
    outOfJurisdiction: v.out_of_jurisdiction,
    source: v.source as IncidentSource,
    reporterName: v.reporter_name,
    reporterPhone: phone.phone,
    reporterPhoneMasked: phone.masked,
    description: v.description,
    dead: v.dead,
    missing: v.missing,
    seriouslyInjured: v.seriously_injured,
    lightlyInjured: v.lightly_injured,
    directLossYuan: Number(v.direct_loss_yuan),
    affected: v.affected,
    evacuated: v.evacuated,
    hasDuplicateHint: v.duplicate_hint,
    ...(opts.candidates ? { duplicateCandidates: opts.candidates.map(presentCandidate) } : {}),
    externalSource: v.external_source,
    externalRef: v.external_ref,
    version: v.version,
    createdAt: iso(v.created_at),
    updatedAt: iso(v.updated_at),
    isDemo: v.is_demo,
    ...(opts.abilities ? { abilities: abilitiesOf(actor, v) } : {}),
  };
}

export function presentTimeline(r: TimelineRow): IncidentTimelineEntryDto {
  return { id: r.id, at: iso(r.at), kind: r.kind, summary: r.summary, actorName: r.actor_name, data: r.data ?? null };
}

export function presentAttachment(r: AttachmentRow): IncidentAttachmentDto {
  return {
    id: r.id,
    incidentId: r.incident_id,
    fileName: r.file_name,
    mime: r.mime,
    kind: r.kind,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by_name,
    uploadedAt: iso(r.created_at),
  };
}

import type {
  ConsultAttachmentDto,
  ConsultDecisionDto,
  ConsultMessageDto,
  ConsultParticipantDto,
  IncidentAttachmentDto,
  PlotFeatureDto,
} from '@vigil/shared';
import type { DecisionRow, FeatureRow, MessageRow, ParticipantRow } from './consult.repository.js';

/** Where a consultation file streams from (under the room's scope). */
export const consultAttachmentUrl = (incidentId: string, attId: string) => `/api/v1/incidents/${incidentId}/consult/attachments/${attId}`;

/** An incident attachment as a consultation file. */
export function presentConsultAttachment(a: IncidentAttachmentDto): ConsultAttachmentDto {
  return {
    id: a.id,
    fileName: a.fileName,
    mime: a.mime,
    kind: a.kind,
    sizeBytes: a.sizeBytes,
    url: consultAttachmentUrl(a.incidentId, a.id),
  };
}

export function presentMessage(r: MessageRow, attachments: ConsultAttachmentDto[] = []): ConsultMessageDto {
  return {
    id: r.id,
    incidentId: r.incident_id,
    body: r.body,
    mentions: r.mentions,
    attachments,
    authorId: r.author_id,
    authorName: r.author_name,
    at: new Date(r.created_at).toISOString(),
  };
}

export function presentDecision(r: DecisionRow): ConsultDecisionDto {
  return { id: r.id, summary: r.summary, authorName: r.author_name, at: new Date(r.created_at).toISOString() };
}

export function presentParticipant(r: ParticipantRow): ConsultParticipantDto {
  return { id: r.id, kind: r.kind, refId: r.ref_id, name: r.name, addedBy: r.added_by, addedAt: new Date(r.added_at).toISOString() };
}

/** A plotted feature as a GeoJSON Feature. */
export function presentFeature(r: FeatureRow): PlotFeatureDto {
  return {
    type: 'Feature',
    id: r.id,
    geometry: JSON.parse(r.geometry) as PlotFeatureDto['geometry'],
    properties: {
      symbol: r.symbol,
      label: r.label,
      colour: r.colour,
      version: Number(r.version),
      updatedBy: r.updated_by,
      updatedAt: new Date(r.updated_at).toISOString(),
    },
  };
}

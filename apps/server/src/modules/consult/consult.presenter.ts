import type { ConsultDecisionDto, ConsultMessageDto, ConsultParticipantDto, PlotFeatureDto } from '@vigil/shared';
import type { DecisionRow, FeatureRow, MessageRow, ParticipantRow } from './consult.repository.js';

export function presentMessage(r: MessageRow): ConsultMessageDto {
  return {
    id: r.id,
    incidentId: r.incident_id,
    body: r.body,
    mentions: r.mentions,
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

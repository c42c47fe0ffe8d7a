import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { seedGradingRules } from './grading-rules.service.js';
import { incidentAttachmentsRoutes } from './incident-attachments.routes.js';
import { incidentsRoutes } from './incidents.routes.js';
import { seedDemoIncidents } from './incidents.seed.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(incidentsRoutes);
  await app.register(incidentAttachmentsRoutes);
};

/** Incident intake (信息接报): recording, grading by rules, lifecycle, duplicates, attachments. */
export const incidentsModule: ModuleManifest = {
  name: 'incidents',
  routes,
  seedReference: seedGradingRules,
  seedDemo: (platform) => seedDemoIncidents(platform),
};

export type { IncidentDto } from '@vigil/shared';
export type { IncidentRow } from './incidents.repository.js';
export { findIncidentForActor, listIncidentsBetween } from './incident-queries.service.js';
export { addTimelineEntry, type TimelineEntryInput } from './incident-timeline.js';
export { computeGrade, type GradeInputs } from './grading.js';
export { INCIDENTS_TOPIC } from './incidents.events.js';
export { createIncident, type CreateResult } from './incident-create.service.js';
export { changeIncidentStatus } from './incident-status.service.js';
export { attachmentsByIds, commitAttachmentFor, openAttachmentFor, type Upload } from './incident-attachments.service.js';
export type { AttachmentType } from './attachment-type.js';
export { receiveAttachment, sendAttachment } from './incident-attachments.routes.js';

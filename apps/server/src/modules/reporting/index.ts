import { INCIDENT_EVENTS } from '@vigil/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { runDeadlineJob } from './deadline-job.js';
import { onIncidentChanged } from './deadlines.service.js';
import { instructionsRoutes } from './instructions.routes.js';
import { reportingRoutes } from './reporting.routes.js';
import { seedDemoReporting, seedReportingReference } from './reporting.seed.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(reportingRoutes);
  await app.register(instructionsRoutes);
};

/**
 * The statutory reporting chain (首报 → 续报 → 补报 → 终报) with read receipts, deadlines held as
 * data and tracked by the worker (reminders, 迟报), statistics, and leaders' instructions (领导批示).
 */
export const reportingModule: ModuleManifest = {
  name: 'reporting',
  routes,
  handlers: {
    [INCIDENT_EVENTS.created]: onIncidentChanged,
    [INCIDENT_EVENTS.updated]: onIncidentChanged,
    [INCIDENT_EVENTS.graded]: onIncidentChanged,
    [INCIDENT_EVENTS.statusChanged]: onIncidentChanged,
  },
  jobs: [{ name: 'reporting.deadlines', everyMs: 30_000, run: async (platform) => void (await runDeadlineJob(platform)) }],
  seedReference: seedReportingReference,
  seedDemo: (platform) => seedDemoReporting(platform),
};

export { dutyDigest, openItems, type DutyDigest, type OpenItems } from './digest.js';
export { runDeadlineJob } from './deadline-job.js';
export { firstReportAt, reportCasualties, type ReportCasualties } from './reports.repository.js';

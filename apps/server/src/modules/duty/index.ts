import type { ModuleManifest } from '../../platform/module.js';
import { registerDutySecrets } from './duty-secrets.js';
import { dutyJobs } from './duty.jobs.js';
import { dutyRoutes } from './duty.routes.js';
import { seedDemoDuty } from './duty.seed.js';

/** The duty desk (值班值守): rosters, on-duty board, sign-in and handover, duty log, checks, daily report. */
export const dutyModule: ModuleManifest = {
  name: 'duty',
  routes: dutyRoutes,
  jobs: dutyJobs,
  seedReference: async (platform) => registerDutySecrets(platform.config),
  seedDemo: (platform) => seedDemoDuty(platform),
};

export { onDutyNow, onDutyUserIds, type OnDutyEntry } from './on-duty.js';
export { CJK_FONT_NAME, CJK_FONT_PATH, drawFooters, drawTable, type PdfOptions } from './daily-report-pdf.js';
export type { ReportTable } from './daily-report-tables.js';
export { formatBeijing } from './duty-time.js';

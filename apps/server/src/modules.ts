import { auditModule } from './modules/audit/index.js';
import { authModule } from './modules/auth/index.js';
import { commandModule } from './modules/command/index.js';
import { consultModule } from './modules/consult/index.js';
import { dutyModule } from './modules/duty/index.js';
import { gisModule } from './modules/gis/index.js';
import { incidentsModule } from './modules/incidents/index.js';
import { monitoringModule } from './modules/monitoring/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { notifyModule } from './modules/notify/index.js';
import { orgsModule } from './modules/orgs/index.js';
import { plansModule } from './modules/plans/index.js';
import { regionsModule } from './modules/regions/index.js';
import { reportingModule } from './modules/reporting/index.js';
import { resourcesModule } from './modules/resources/index.js';
import { systemModule } from './modules/system/index.js';
import { trackingModule } from './modules/tracking/index.js';
import { usersModule } from './modules/users/index.js';
import { publicWarningsModule, warningsModule } from './modules/warnings/index.js';
import type { ModuleManifest } from './platform/module.js';

/** Every module, in seeding order. Listed explicitly: nothing registers itself by import. */
export const modules: ModuleManifest[] = [
  systemModule,
  regionsModule,
  orgsModule,
  usersModule,
  authModule,
  auditModule,
  notificationsModule,
  dutyModule,
  incidentsModule,
  resourcesModule,
  gisModule,
  monitoringModule,
  reportingModule,
  warningsModule,
  plansModule,
  commandModule,
  consultModule,
  trackingModule,
  notifyModule,
  publicWarningsModule,
];

import type { FastifyPluginAsync } from 'fastify';
import type { Job, ModuleEventHandler, ModuleManifest, ModuleService } from '../../platform/module.js';
import { deviceImportRoutes } from './device-import.routes.js';
import { deviceImportHandlers, deviceImportJobs } from './device-import.worker.js';
import { devicesRoutes } from './devices.routes.js';
import { installationsRoutes } from './installations.routes.js';
import { seedMonitoringDemo, seedMonitoringReference } from './monitoring.seed.js';
import { ingestJobs } from './ingest.jobs.js';
import { ingestRoutes } from './ingest.routes.js';
import { telemetryRoutes } from './telemetry.routes.js';
import { seedAlarmDemo } from './alarm.seed.js';
import { alarmsRoutes } from './alarms.routes.js';
import { runDueEscalations } from './escalation.service.js';
import { monitoringService } from './rule-runtime.js';
import { rulesRoutes } from './rules.routes.js';
import { registerAreaRecipientSource } from '../notify/index.js';
import { deviceRecipientSource } from './device-recipients.js';

// Each part of the module adds its routes, jobs, handlers and services to these lists.
const routePlugins: FastifyPluginAsync[] = [];
const jobs: Job[] = [];
const handlers: Record<string, ModuleEventHandler> = {};
const services: ModuleService[] = [];
// Seeds run in list order (devices first: rules, alarms and installations refer to devices).
const referenceSeeds: NonNullable<ModuleManifest['seedReference']>[] = [];
const demoSeeds: NonNullable<ModuleManifest['seedDemo']>[] = [];

// Devices, points, credentials, device import and major hazard installations.
routePlugins.push(devicesRoutes, installationsRoutes, deviceImportRoutes);
jobs.push(...deviceImportJobs);
Object.assign(handlers, deviceImportHandlers);
referenceSeeds.push(seedMonitoringReference);
// Devices inside a warning's area hear it on the `device` channel (notify).
registerAreaRecipientSource(deviceRecipientSource);
demoSeeds.push(seedMonitoringDemo);

// Ingestion: device telemetry over HTTP, upkeep of the reading tables, and the MQTT service.
routePlugins.push(telemetryRoutes, ingestRoutes);
jobs.push(...ingestJobs);

// Rules and alarms: the rule runtime is ingestion's sink (one service runs both), the escalation
// job, the rules, alarms, statistics and dashboard APIs, and the demo rules.
routePlugins.push(rulesRoutes, alarmsRoutes);
jobs.push({ name: 'monitoring.alarm-escalation', everyMs: 30_000, run: async (platform) => void (await runDueEscalations(platform)) });
services.push(monitoringService());
demoSeeds.push((platform) => seedAlarmDemo(platform));

const routes: FastifyPluginAsync = async (app) => {
  for (const r of routePlugins) await app.register(r);
};

/** Monitoring and early warning (监测预警): devices and points, ingestion, rules and alarms, major hazard installations. */
export const monitoringModule: ModuleManifest = {
  name: 'monitoring',
  routes,
  jobs,
  handlers,
  services,
  seedReference: async (platform) => {
    for (const seed of referenceSeeds) await seed(platform);
  },
  seedDemo: async (platform, demo) => {
    for (const seed of demoSeeds) await seed(platform, demo);
  },
};

export type { AcceptedReading, ReadingSink } from './reading.js';
export {
  findDeviceForIngest,
  findDeviceForIngestById,
  loadDeviceDirectory,
  type IngestDevice,
  type IngestPoint,
} from './device-directory.repository.js';
export { demoDeviceSecret, hashDeviceSecret, verifyDeviceSecret } from './device-secret.js';
export { ingestService, NO_SINK, runningIngest, startIngest, type IngestOptions, type RunningIngest } from './ingest.service.js';
export { applyTelemetryRetention, ensureReadingPartitions, rollupHours } from './ingest.jobs.js';
export { monitoringService, runningRuleRuntime, startRuleRuntime, type RuleRuntime, type RuleRuntimeOptions } from './rule-runtime.js';
export { ALARM_INCIDENT_SOURCE } from './alarm-convert.service.js';
export { monitoringMapLayers } from './device-map.js';
export { newDeviceSecret } from './device-secret.js';
export { parseDeviceAuthorization } from './telemetry-auth.js';
export { registerMqttTopicHandler, type MqttTopicHandler } from './mqtt-topics.js';

import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { importHandlers, importJobs } from './resource-import.jobs.js';
import { resourceImportRoutes } from './resource-import.routes.js';
import { resourcesRoutes } from './resources.routes.js';
import { seedResourcesDemo } from './resources.seed.js';
import { stockRoutes } from './stock.routes.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(resourcesRoutes);
  await app.register(stockRoutes);
  await app.register(resourceImportRoutes);
};

/** Emergency resources (应急资源): registries of the seven kinds and warehouse stock. */
export const resourcesModule: ModuleManifest = {
  name: 'resources',
  routes,
  jobs: importJobs,
  handlers: importHandlers,
  seedDemo: (platform) => seedResourcesDemo(platform),
};

export type { ResourceDto, StockLineDto } from '@vigil/shared';
export type { ResourceRow } from './resources.repository.js';
export { getResourceById, setEquipmentStatus, setTeamStatus, type EquipmentStatus } from './resources.service.js';
export { returnStock, withdrawStock, type StockDispatchInput } from './stock.service.js';
export { RESOURCES_TOPIC, RESOURCE_CHANGED } from './resources.events.js';
export { publicSheltersNear } from './public-shelters.repository.js';

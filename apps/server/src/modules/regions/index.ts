import type { ModuleManifest } from '../../platform/module.js';
import { regionsRoutes } from './regions.routes.js';
import { locate, seedRegions } from './regions.service.js';

/** Code tables (national emergency codes) and admin divisions with boundaries. */
export const regionsModule: ModuleManifest = {
  name: 'regions',
  profiles: ['command', 'extranet', 'internet'],
  routes: regionsRoutes,
  seedReference: seedRegions,
};

export { locate };

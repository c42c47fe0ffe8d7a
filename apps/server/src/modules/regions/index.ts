import type { ModuleManifest } from '../../platform/module.js';
import { regionsRoutes } from './regions.routes.js';
import { boundaries, locate, seedRegions } from './regions.service.js';

/** Code tables (national emergency codes) and admin divisions with boundaries (signed-in routes: not on the internet profile). */
export const regionsModule: ModuleManifest = {
  name: 'regions',
  routes: regionsRoutes,
  seedReference: seedRegions,
};

export { locate };
/** Simplified city or county boundaries as GeoJSON (the public portal's map serves them too). */
export { boundaries as divisionBoundaries };

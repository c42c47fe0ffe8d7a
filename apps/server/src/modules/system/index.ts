import type { ModuleManifest } from '../../platform/module.js';
import { systemRoutes } from './system.routes.js';

/** Client bootstrap configuration and system information. */
export const systemModule: ModuleManifest = {
  name: 'system',
  profiles: ['command', 'extranet', 'internet'],
  routes: systemRoutes,
};

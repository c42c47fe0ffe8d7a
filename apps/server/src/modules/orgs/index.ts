import type { ModuleManifest } from '../../platform/module.js';
import { orgsRoutes } from './orgs.routes.js';
import { seedDemoOrgs } from './orgs.seed.js';

/** The organisation tree (province → city → county → township, departments, enterprises, teams). */
export const orgsModule: ModuleManifest = {
  name: 'orgs',
  routes: orgsRoutes,
  seedDemo: (platform) => seedDemoOrgs(platform),
};

export { findOrg, findOrgByCode } from './orgs.repository.js';
export { resolveOrgRef, visibleOrgPaths } from './orgs.service.js';

import type { ModuleManifest } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';

/** The auditor's views of the tamper-evident audit log: search, export, chain verification. */
export const auditModule: ModuleManifest = {
  name: 'audit',
  routes: auditRoutes,
};

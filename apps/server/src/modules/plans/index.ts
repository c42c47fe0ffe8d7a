import type { ModuleManifest } from '../../platform/module.js';
import { plansRoutes } from './plans.routes.js';
import { seedDemoPlans } from './plans.seed.js';

/**
 * Digital plans (数字预案): plan versions with response levels I–IV whose start conditions are
 * data, the approval workflow (draft → submitted → approved → active → retired), matching of
 * active plans to an incident, JSON and Excel import and export, and version diffs.
 */
export const plansModule: ModuleManifest = {
  name: 'plans',
  routes: plansRoutes,
  seedDemo: (platform) => seedDemoPlans(platform),
};

export { rankPlans, matchPlan, evaluateLevel, type MatchablePlan } from './plan-matching.js';
export { findPlan, type PlanRow } from './plans.repository.js';

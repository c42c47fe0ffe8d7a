import type { FastifyPluginAsync } from 'fastify';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META } from '../../platform/ctx.js';
import type { ModuleManifest } from '../../platform/module.js';
import { WARNING_EVENTS } from './warnings.events.js';
import { pollDueFeeds } from './warning-feeds.service.js';
import { warningImportRoutes } from './warning-import.routes.js';
import { notifyWarningArea } from './warning-notify.js';
import { expireDue } from './warning-workflow.service.js';
import { publicPortalRoutes } from './public-portal.routes.js';
import { publicWarningsRoutes } from './public-warnings.routes.js';
import { warningsRoutes } from './warnings.routes.js';
import { seedWarningTypes } from './warnings.seed.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(warningsRoutes);
  await app.register(warningImportRoutes);
};

/** Job names, for tests and operators (`scheduler.runOnce`). */
export const WARNING_JOBS = { expire: 'warnings.expire', pollFeeds: 'warnings.poll_feeds' } as const;

/**
 * Warning publication (预警信息发布): authoring with per-type colours and 防御指南, the approval
 * workflow, CAP 1.2 and GB/T 35965.1 outputs, the Atom feed, and import of external warnings.
 */
export const warningsModule: ModuleManifest = {
  name: 'warnings',
  routes,
  seedReference: seedWarningTypes,
  handlers: {
    [WARNING_EVENTS.published]: notifyWarningArea,
    [WARNING_EVENTS.imported]: notifyWarningArea,
  },
  jobs: [
    {
      name: WARNING_JOBS.expire,
      everyMs: 60_000,
      async run(platform) {
        const n = await inTransaction(platform, SYSTEM_ACTOR, NO_META, (ctx) => expireDue(ctx));
        if (n) platform.log.info({ expired: n }, 'warnings expired');
      },
    },
    { name: WARNING_JOBS.pollFeeds, everyMs: 60_000, run: async (platform) => void (await pollDueFeeds(platform)) },
  ],
};

const publicRoutes: FastifyPluginAsync = async (app) => {
  await app.register(publicWarningsRoutes);
  await app.register(publicPortalRoutes);
};

/**
 * The public outputs (list, details, CAP / GB documents, Atom) and what the public portal needs
 * besides (warning areas, boundaries, nearby shelters): mounted in every profile, internet included.
 */
export const publicWarningsModule: ModuleManifest = {
  name: 'public-warnings',
  profiles: ['command', 'extranet', 'internet'],
  rootRoutes: publicRoutes,
};

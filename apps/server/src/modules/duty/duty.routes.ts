import type { FastifyPluginAsync } from 'fastify';
import { deskRoutes } from './desk.routes.js';
import { rosterRoutes } from './roster.routes.js';

/** All duty desk routes under /api/v1/duty. */
export const dutyRoutes: FastifyPluginAsync = async (app) => {
  await app.register(rosterRoutes);
  await app.register(deskRoutes);
};

import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { consultAttachmentsRoutes } from './consult-attachments.routes.js';
import { consultRoutes } from './consult.routes.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(consultRoutes);
  await app.register(consultAttachmentsRoutes);
};

/**
 * Consultation room (协同会商) and collaborative plotting (协同标绘) per incident: chat with
 * @mentions and files (kept as incident attachments), participants (staff and experts), recorded conclusions on the incident timeline, and
 * a shared GeoJSON plot drawn with the emergency symbol set, all pushed live on the `consult` topic.
 */
export const consultModule: ModuleManifest = {
  name: 'consult',
  routes,
};

export { CONSULT_TOPIC } from './consult.events.js';
export { getPlotLayer } from './plot.service.js';

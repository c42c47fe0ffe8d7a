import type { ModuleManifest } from '../../platform/module.js';
import { consultRoutes } from './consult.routes.js';

/**
 * Consultation room (协同会商) and collaborative plotting (协同标绘) per incident: chat with
 * @mentions, participants (staff and experts), recorded conclusions on the incident timeline, and
 * a shared GeoJSON plot drawn with the emergency symbol set, all pushed live on the `consult` topic.
 */
export const consultModule: ModuleManifest = {
  name: 'consult',
  routes: consultRoutes,
};

export { CONSULT_TOPIC } from './consult.events.js';

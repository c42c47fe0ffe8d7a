import type { ModuleManifest } from '../../platform/module.js';
import { notificationsRoutes } from './notifications.routes.js';

/** In-app notifications (the header bell), pushed live over the WebSocket. */
export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  routes: notificationsRoutes,
};

export { notify } from './notifications.service.js';
export type { NotifyInput } from './notification-input.js';

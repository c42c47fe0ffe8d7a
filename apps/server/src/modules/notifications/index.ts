import type { ModuleManifest } from '../../platform/module.js';

/** In-app notifications (the header bell), pushed live over the WebSocket. */
export const notificationsModule: ModuleManifest = {
  name: 'notifications',
};

import type { ModuleManifest } from '../../platform/module.js';
import { registerMqttTopicHandler } from '../monitoring/index.js';
import { seedTrackingDemo } from './tracking.seed.js';
import { trackTopicHandler } from './tracking.mqtt.js';
import { trackingRoutes } from './tracking.routes.js';
import { pruneTracks } from './tracking.service.js';

// Trackers publish on `vigil/track/{code}` through the ingestion service's MQTT transport.
registerMqttTopicHandler(trackTopicHandler);

/**
 * Field positions (现场力量定位): GPS trackers of rescue teams and vehicles (MQTT and HTTP) and
 * team members' phones report positions; impossible jumps and unknown trackers are refused and
 * recorded; the live picture and tracks are pushed on the `tracking` topic.
 */
export const trackingModule: ModuleManifest = {
  name: 'tracking',
  routes: trackingRoutes,
  jobs: [{ name: 'tracking.prune', everyMs: 3_600_000, run: async (platform) => void (await pruneTracks(platform)) }],
  seedDemo: (platform, demo) => seedTrackingDemo(platform, demo),
};

export { TRACKING_TOPIC } from '@vigil/shared';

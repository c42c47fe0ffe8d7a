import { TRACK_TOPIC_PREFIX } from '@vigil/shared';
import type { MqttTopicHandler } from '../monitoring/index.js';
import { parseJson } from './position-check.js';
import { authenticateTracker, recordForeignPublish, recordUnknownTracker, reportFromTracker } from './tracking.service.js';

/**
 * Field trackers on MQTT: `vigil/track/{code}`, username = tracker code, password = its secret,
 * JSON payload (one fix or an array). The PUBACK follows the commit; refused fixes are recorded.
 */
export const trackTopicHandler: MqttTopicHandler = {
  prefix: TRACK_TOPIC_PREFIX,
  async authenticate(platform, code, secret) {
    const r = await authenticateTracker(platform, code, secret);
    return r.ok ? 'ok' : r.reason;
  },
  async handle(platform, code, payload) {
    const stored = await reportFromTracker(platform, code, parseJson(payload), 'mqtt');
    // Only reachable through an external broker (the embedded one refuses unknown clients).
    if (!stored) await recordUnknownTracker(platform, code, 'mqtt');
  },
  refuseTopic: (platform, code, topic) => recordForeignPublish(platform, code, topic),
};

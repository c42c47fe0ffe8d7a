import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { notifyHandlers, notifyJobs } from './notify.jobs.js';
import { notifyRoutes } from './notify.routes.js';
import { subscribersRoutes } from './subscribers.routes.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(notifyRoutes);
  await app.register(subscribersRoutes);
};

/**
 * Dissemination (信息发布): other modules hand a message, channels and recipients to
 * `disseminate`; one delivery row per recipient and channel is written in their transaction and
 * the worker sends them (in-app, SMTP e-mail, SMS gateway, signed webhooks) with retries,
 * back-off and receipts. Subscribers, the delivery dashboard and the SMS receipt endpoint.
 */
export const notifyModule: ModuleManifest = {
  name: 'notify',
  routes,
  jobs: notifyJobs,
  handlers: notifyHandlers,
};

export { disseminate, type DisseminateInput, type DisseminateResult } from './disseminate.service.js';
export {
  registerAreaRecipientSource,
  resolveAreaRecipients,
  type AreaQuery,
  type AreaRecipientSource,
  type Recipient,
} from './recipients.js';
export { devicePayload, registerDevicePublisher, type DevicePublisher } from './channel-device.js';
export { drainDeliveries } from './notify.worker.js';
export { NOTIFY_JOBS } from './notify.jobs.js';
export { signWebhook, verifyWebhook, WEBHOOK_HEADERS } from './webhook-signature.js';

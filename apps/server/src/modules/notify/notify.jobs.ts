import { NOTIFY_EVENTS } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import type { Job, ModuleEventHandler } from '../../platform/module.js';
import { drainDeliveries } from './notify.worker.js';

/** Job names, for tests and operators (`scheduler.runOnce`). */
export const NOTIFY_JOBS = { deliver: 'notify.deliver' } as const;

/** How often the worker looks for due deliveries (retries after back-off, rows of other instances). */
const RUN_EVERY_MS = 5_000;

export const notifyJobs: Job[] = [{ name: NOTIFY_JOBS.deliver, everyMs: RUN_EVERY_MS, run: async (p) => void (await drainDeliveries(p)) }];

function wake(_e: unknown, platform: Platform): void {
  if (!platform.config.ROLES.includes('worker')) return;
  drainDeliveries(platform).catch((err: unknown) => platform.log.error({ err }, 'delivery worker failed'));
}

/** Wakes the worker right after deliveries are queued; the run is not awaited so event delivery goes on. */
export const notifyHandlers: Record<string, ModuleEventHandler> = {
  [NOTIFY_EVENTS.disseminated]: wake,
  [NOTIFY_EVENTS.deliveryRetried]: wake,
};

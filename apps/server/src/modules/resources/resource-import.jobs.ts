import type { Platform } from '../../platform/ctx.js';
import type { Job, ModuleEventHandler } from '../../platform/module.js';
import * as repo from './resource-import.repository.js';
import { runImportJob } from './resource-import.worker.js';

/**
 * The import worker: claims queued jobs one at a time (FOR UPDATE SKIP LOCKED, so instances
 * never share a job) and runs them. Woken right after an upload commits (`import.queued`) and
 * by a periodic job, so an upload accepted just before a restart is still processed.
 */

const RUN_EVERY_MS = 5_000;
/** A job running longer than this is taken to have lost its worker and is queued again. */
const STALE_MS = 60 * 60_000;

const draining = new WeakMap<Platform, { promise: Promise<number>; again: boolean }>();
const started = new WeakSet<Platform>();

async function requeue(platform: Platform): Promise<void> {
  const now = platform.clock.now();
  // At start-up every job still marked running was left by a process that is gone.
  const before = started.has(platform) ? new Date(now.getTime() - STALE_MS) : now;
  started.add(platform);
  const n = await repo.requeueAbandoned(platform.db, before);
  if (n) platform.log.warn({ jobs: n }, 'requeued import jobs left running');
}

/**
 * Processes queued import jobs until none is left; returns how many ran. Concurrent calls in one
 * process share the run (and make it look once more before it stops).
 */
export function drainImportJobs(platform: Platform): Promise<number> {
  const current = draining.get(platform);
  if (current) {
    current.again = true;
    return current.promise;
  }
  const entry = { again: false, promise: Promise.resolve(0) };
  entry.promise = (async () => {
    let n = 0;
    try {
      await requeue(platform);
      for (;;) {
        const job = await repo.claimNextJob(platform.db, platform.clock.now());
        if (!job) {
          if (!entry.again) break;
          entry.again = false;
          continue;
        }
        await runImportJob(platform, job);
        n++;
      }
    } finally {
      draining.delete(platform);
    }
    return n;
  })();
  draining.set(platform, entry);
  return entry.promise;
}

export const importJobs: Job[] = [{ name: 'resources.imports', everyMs: RUN_EVERY_MS, run: async (p) => void (await drainImportJobs(p)) }];

/** Wakes the worker when an upload commits; the run is not awaited so event delivery goes on. */
export const importHandlers: Record<string, ModuleEventHandler> = {
  'import.queued': (_e, platform) => {
    drainImportJobs(platform).catch((err: unknown) => platform.log.error({ err }, 'import worker failed'));
  },
};

import { deleteDeadSessions } from './auth/auth.repository.js';
import { pruneDelivered } from './events/outbox.repository.js';
import type { Job } from './module.js';

const DAY = 86_400_000;

/** Housekeeping the worker runs for the platform itself. Audit rows are never deleted. */
export const platformJobs: Job[] = [
  {
    name: 'platform.outbox_prune',
    everyMs: 60 * 60_000,
    async run(platform) {
      const n = await pruneDelivered(platform.db, new Date(platform.clock.now().getTime() - 7 * DAY));
      if (n) platform.log.info({ deleted: n }, 'pruned delivered outbox events');
    },
  },
  {
    name: 'platform.session_cleanup',
    everyMs: 60 * 60_000,
    async run(platform) {
      const n = await deleteDeadSessions(platform.db, new Date(platform.clock.now().getTime() - 30 * DAY));
      if (n) platform.log.info({ deleted: n }, 'removed sessions that ended more than 30 days ago');
    },
  },
];

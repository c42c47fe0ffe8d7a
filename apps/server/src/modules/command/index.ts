import type { ModuleManifest } from '../../platform/module.js';
import { commandJobs } from './command.jobs.js';
import { commandRoutes } from './command.routes.js';

/**
 * Command and dispatch (指挥调度): responses launched on incidents (level I–IV, optionally from
 * an active plan version, with a command post), their tasks and the workflow of those tasks,
 * reminders for tasks not accepted in time, and the command log on the incident's timeline.
 */
export const commandModule: ModuleManifest = {
  name: 'command',
  routes: commandRoutes,
  jobs: commandJobs,
};

export { escalateUnacceptedTasks } from './command.jobs.js';

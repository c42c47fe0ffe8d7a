import type { FastifyPluginAsync } from 'fastify';
import type { ModuleManifest } from '../../platform/module.js';
import { assessmentRoutes } from './assessment.routes.js';
import { commandJobs } from './command.jobs.js';
import { commandRoutes } from './command.routes.js';
import { taskPhotosRoutes } from './task-photos.routes.js';

const routes: FastifyPluginAsync = async (app) => {
  await app.register(commandRoutes);
  await app.register(assessmentRoutes);
  await app.register(taskPhotosRoutes);
};

/**
 * Command and dispatch (指挥调度): responses launched on incidents (level I–IV, optionally from
 * an active plan version, with a command post), their tasks and the workflow of those tasks,
 * photos of task feedback (kept as incident attachments), reminders for tasks not accepted in time, the command log on the incident's timeline, the situation summary
 * (综合信息汇总) and the after-action assessment (应急评估) opened when a response is terminated.
 */
export const commandModule: ModuleManifest = {
  name: 'command',
  routes,
  jobs: commandJobs,
};

export { escalateUnacceptedTasks } from './command.jobs.js';

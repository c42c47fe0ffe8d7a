import type { Platform } from './ctx.js';
import type { Job } from './module.js';

/**
 * Runs the worker's periodic jobs. Jobs keep their state in the database (deadlines, due
 * rows), so a restart loses nothing: the next run picks up whatever fell due meanwhile.
 */
export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private busy = new Set<string>();

  constructor(
    private readonly platform: Platform,
    readonly jobs: Job[],
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const t = setInterval(() => void this.runOnce(job.name), job.everyMs);
      t.unref();
      this.timers.push(t);
    }
  }

  /** Runs one job now (skipped if it is still running); errors are logged, never thrown. */
  async runOnce(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job || this.busy.has(name)) return;
    this.busy.add(name);
    try {
      await job.run(this.platform);
    } catch (err) {
      this.platform.log.error({ err, job: name }, 'job failed');
    } finally {
      this.busy.delete(name);
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }
}

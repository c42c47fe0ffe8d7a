import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import { shouldSeedDemo, type Config } from './config/config.js';
import { modules } from './modules.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Platform } from './platform/ctx.js';
import { migrateToLatest, openDatabase, type DbHandle } from './platform/db/database.js';
import { analyseNeverAnalysed } from './platform/db/maintenance.js';
import { LocalBus, type EventBus } from './platform/events/bus.js';
import { connectNatsBus } from './platform/events/nats-bus.js';
import { OutboxDispatcher } from './platform/events/outbox.js';
import type { Logger } from './platform/logger.js';
import type { DemoContext, ModuleManifest, StartedService } from './platform/module.js';
import { platformJobs } from './platform/jobs.js';
import { Scheduler } from './platform/scheduler.js';
import { resolveDemoPassword } from './seed/demo-password.js';

export interface Runtime {
  platform: Platform;
  app: FastifyInstance;
  dispatcher: OutboxDispatcher;
  scheduler: Scheduler;
  demo: DemoContext | null;
  close(): Promise<void>;
}

export interface BootOptions extends AppOptions {
  clock?: Clock;
  log: Logger;
  /** Use this already-open database (tests) instead of opening one from the config. */
  dbHandle?: DbHandle;
  modules?: ModuleManifest[];
  /** Skip migrations (tests boot from a migrated snapshot). */
  skipMigrations?: boolean;
  /** Run the worker's jobs on their timers (off in tests, which call them directly). */
  startWorker?: boolean;
  /** Start the modules' long-running services for this process's roles (off in tests unless asked). */
  startServices?: boolean;
}

/** Opens storage, migrates, seeds, wires the bus and builds the HTTP app; does not listen. */
export async function boot(config: Config, opts: BootOptions): Promise<Runtime> {
  const log = opts.log;
  const handle = opts.dbHandle ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  if (!opts.skipMigrations) await migrateToLatest(handle.db);

  const bus: EventBus = config.NATS_URL ? await connectNatsBus(config.NATS_URL, log) : new LocalBus(log);
  const clock = opts.clock ?? systemClock;
  let dispatcher: OutboxDispatcher | null = null;
  const platform: Platform = {
    config,
    db: handle.db,
    dbKind: handle.kind,
    clock,
    bus,
    log,
    kickOutbox: () => dispatcher?.kick(),
  };
  dispatcher = new OutboxDispatcher(handle.db, bus, log, () => clock.now());
  const mods = opts.modules ?? modules;

  for (const m of mods)
    if (m.handlers) {
      const handlers = m.handlers;
      bus.subscribe(async (e) => {
        const h = handlers[e.name];
        if (h) await h(e, platform);
      });
    }

  for (const m of mods) if (m.seedReference) await m.seedReference(platform);
  let demo: DemoContext | null = null;
  if (shouldSeedDemo(config)) {
    const { password, changed } = resolveDemoPassword(config);
    demo = { password, passwordChanged: changed, accounts: [] };
    for (const m of mods) if (m.seedDemo) await m.seedDemo(platform, demo);
  }

  const app = await buildApp(platform, mods, opts);
  const scheduler = new Scheduler(platform, [...platformJobs, ...mods.flatMap((m) => m.jobs ?? [])]);
  const roles = config.ROLES;
  if (roles.includes('worker') || roles.includes('api')) dispatcher.start();
  if (opts.startWorker && roles.includes('worker')) scheduler.start();
  if (opts.startWorker && platform.dbKind === 'pglite') {
    // Embedded storage has no autovacuum daemon: tables never analysed get their statistics now.
    const t0 = Date.now();
    const analysed = await analyseNeverAnalysed(platform.db);
    if (analysed.length) platform.log.info(`planner statistics gathered for ${analysed.length} tables in ${Date.now() - t0} ms`);
  }
  const started: StartedService[] = [];
  if (opts.startServices) {
    try {
      for (const m of mods)
        for (const svc of m.services ?? []) if (svc.roles.some((r) => roles.includes(r))) started.push(await svc.start(platform));
    } catch (err) {
      for (const s of started.reverse()) await s.stop().catch(() => undefined);
      scheduler.stop();
      await dispatcher.stop();
      await app.close();
      await bus.close();
      if (!opts.dbHandle) await handle.close();
      throw err;
    }
  }

  return {
    platform,
    app,
    dispatcher,
    scheduler,
    demo,
    async close() {
      for (const s of started.reverse()) await s.stop();
      await app.close();
      scheduler.stop();
      await dispatcher.stop();
      await bus.close();
      if (!opts.dbHandle) await handle.close();
    },
  };
}
